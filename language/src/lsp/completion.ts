/**
 * Completion: layer names with their signature and doc in a model body, argument names of the
 * call the cursor is in (not those already given), enumeration values inside strings, True/False,
 * constants defined above the cursor, and `let`/`model` at the top level.
 */
import type { LangiumDocument } from 'langium';
import type { CompletionProvider } from 'langium/lsp';
import {
    CompletionItemKind, InsertTextFormat, type CompletionItem, type CompletionList, type CompletionParams
} from 'vscode-languageserver';
import type { ArgSpec, ArgType } from '../catalog/arg-spec.js';
import { LAYER_KINDS, aliasNote, aliasesOf, findLayerKind, signatureOf, type LayerKind } from '../catalog/index.js';
import { STATEMENT_KINDS, findStatementKind } from '../catalog/statements.js';
import { describeType } from '../model/check-value.js';
import { formatValue } from '../model/values.js';
import type { AnalysisCache } from './analysis-cache.js';
import { cursorContext, type CallContext } from './call-context.js';
import type { ClientProfile } from './client-profile.js';
import { signatureLabel } from './signature-help.js';

export class RnnCompletionProvider implements CompletionProvider {
    readonly completionOptions = { triggerCharacters: ['(', ',', '=', '"', "'", ' '] };

    constructor(private readonly analyses: AnalysisCache, private readonly client: ClientProfile) {}

    getCompletion(document: LangiumDocument, params: CompletionParams): CompletionList {
        return { isIncomplete: false, items: this.items(document, params).map(item => forClient(item, this.client)) };
    }

    private items(document: LangiumDocument, params: CompletionParams): RichItem[] {
        const text = document.textDocument.getText();
        const offset = document.textDocument.offsetAt(params.position);
        const context = cursorContext(text, offset);
        const items: RichItem[] = [];
        const call = context.call;
        if (call?.inString) {
            items.push(...enumValues(call, call.inString.quote, false));
        } else if (call?.valueOf) {
            items.push(...enumValues(call, '"', true), ...this.constants(document, offset));
        } else if (call) {
            items.push(...argumentNames(call), ...this.constants(document, offset));
            const accepts = acceptedLayers(call);
            if (accepts) items.push(...layerItems(accepts));
        } else if (context.inModel) {
            items.push(...layerItems('layer'), ...statementItems());
        } else {
            items.push(
                { label: 'let', kind: CompletionItemKind.Keyword, snippet: { snippet: 'let ${1:name} = ${2:value}', plain: 'let ' }, detail: 'a constant' },
                { label: 'model', kind: CompletionItemKind.Keyword, snippet: { snippet: 'model ${1:Name} {\n    $0\n}', plain: 'model ' }, detail: 'a Keras Sequential model' },
                { label: 'keras', kind: CompletionItemKind.Keyword, snippet: { snippet: 'keras ${1|3,2|}', plain: 'keras ' }, detail: 'the Keras version the file follows: 3 (keras) or 2 (tf-keras)' }
            );
        }
        return items;
    }

    /** Constants defined above the cursor, with their values. */
    private constants(document: LangiumDocument, offset: number): RichItem[] {
        const line = document.textDocument.positionAt(offset).line;
        return this.analyses.get(document).description.constants
            .filter(c => c.range.end.line < line)
            .map(c => ({ label: c.name, kind: CompletionItemKind.Constant, detail: c.value === undefined ? undefined : `= ${formatValue(c.value)}` }));
    }
}

function signatureOfCallee(callee: string): readonly ArgSpec[] | undefined {
    const kind = findLayerKind(callee);
    return kind ? signatureOf(kind) : findStatementKind(callee)?.args;
}

function argumentNames(call: CallContext): RichItem[] {
    const signature = signatureOfCallee(call.callee) ?? [];
    const positionalTaken = signature.filter(s => !s.keywordOnly).slice(0, call.positionalBefore).map(s => s.name);
    return signature
        .filter(spec => !call.keywordsGiven.includes(spec.name) && !positionalTaken.includes(spec.name))
        .map((spec, i) => ({
            label: `${spec.name}=`,
            kind: CompletionItemKind.Property,
            insertText: `${spec.name}=`,
            filterText: spec.name,
            sortText: String(i).padStart(3, '0'),
            detail: spec.required ? `${describeType(spec.type)} (required)` : `default ${formatValue(spec.default)}`,
            markdown: spec.doc,
            command: { title: 'Suggest', command: 'editor.action.triggerSuggest' }
        }));
}

/** What a wrapper takes as its first argument (a recurrent layer, any layer, a cell), or undefined where no layer goes. */
function acceptedLayers(call: CallContext): Accepts | undefined {
    const kind = findLayerKind(call.callee);
    return kind?.wraps && call.positionalBefore === 0 && call.keywordsGiven.length === 0 ? kind.wraps.accepts : undefined;
}

type Accepts = NonNullable<LayerKind['wraps']>['accepts'] | 'layer';

/** Cells go only inside RNN and StackedRNNCells; everything else, never there. */
function fits(kind: LayerKind, accepts: Accepts): boolean {
    if (accepts === 'cell') return kind.category === 'cell';
    if (kind.category === 'cell') return false;
    return accepts !== 'recurrent' || kind.recurrent === true;
}

function enumValues(call: CallContext, quote: string, withQuotes: boolean): RichItem[] {
    const spec = (signatureOfCallee(call.callee) ?? []).find(s => s.name === call.valueOf);
    if (!spec) return [];
    const values = enumerationOf(spec.type);
    const items: RichItem[] = values.map(value => ({
        label: withQuotes ? `${quote}${value}${quote}` : value,
        kind: CompletionItemKind.EnumMember,
        detail: value === spec.default ? 'default' : undefined,
        preselect: value === spec.default
    }));
    if (withQuotes && allowsBool(spec.type)) {
        items.push({ label: 'True', kind: CompletionItemKind.Keyword }, { label: 'False', kind: CompletionItemKind.Keyword });
    }
    if (withQuotes && spec.type.kind === 'optional') items.push({ label: 'None', kind: CompletionItemKind.Keyword });
    return items;
}

function enumerationOf(type: ArgType): string[] {
    switch (type.kind) {
        case 'enum': return [...type.values];
        case 'optional': return enumerationOf(type.of);
        case 'oneOf': return type.of.flatMap(enumerationOf);
        case 'list': return enumerationOf(type.of);
        default: return [];
    }
}

function allowsBool(type: ArgType): boolean {
    return type.kind === 'bool' || ((type.kind === 'optional') && allowsBool(type.of)) || (type.kind === 'oneOf' && type.of.some(allowsBool));
}

function layerItems(accepts: Accepts): RichItem[] {
    return LAYER_KINDS
        .filter(kind => fits(kind, accepts))
        .flatMap(kind => [kind.name, ...aliasesOf(kind)].map(name => ({ kind, name })))
        .map(({ kind, name }) => ({
            label: name,
            kind: CompletionItemKind.Class,
            detail: signatureLabel(name, signatureOf(kind)),
            markdown: name === kind.name ? kind.summary : `${aliasNote(name, kind)}\n\n${kind.summary}`,
            snippet: { snippet: `${name}($0)`, plain: name },
            command: { title: 'Signature', command: 'editor.action.triggerParameterHints' }
        }));
}

function statementItems(): RichItem[] {
    return STATEMENT_KINDS.map(kind => ({
        label: kind.name,
        kind: CompletionItemKind.Function,
        detail: signatureLabel(kind.name, kind.args),
        markdown: kind.summary,
        snippet: { snippet: `${kind.name}($0)`, plain: kind.name }
    }));
}

/**
 * An item as RNN Lens would like to send it: a snippet (with the plain text for clients without
 * snippets), Markdown documentation, an editor command to run after it. forClient() keeps of it
 * what the client declared it can take.
 */
interface RichItem extends Omit<CompletionItem, 'kind' | 'documentation' | 'insertText' | 'insertTextFormat'> {
    readonly kind: CompletionItemKind;
    readonly snippet?: { readonly snippet: string; readonly plain: string };
    readonly markdown?: string;
}

function forClient(rich: RichItem, client: ClientProfile): CompletionItem {
    const { snippet, markdown, kind, command, preselect, ...item } = rich;
    const result: CompletionItem = { ...item };
    const shownKind = client.completionKind(kind);
    if (shownKind !== undefined) result.kind = shownKind;
    if (snippet && client.snippets) {
        result.insertText = snippet.snippet;
        result.insertTextFormat = InsertTextFormat.Snippet;
    } else if (snippet) {
        result.insertText = snippet.plain;
    }
    if (markdown !== undefined) result.documentation = client.completionDocumentation(markdown);
    // Editor commands run only where the client said it has them (the VS Code extension does).
    if (command && client.runsCommand(command.command)) result.command = command;
    if (preselect && client.preselect) result.preselect = true;
    return result;
}
