/**
 * The outline: each model with its layers (wrapped layers under their wrapper), its `Input`,
 * `compile`, `fit` and `data`; and the constants with their values. Details come from the
 * analysis: `lstm_1 · (None, 10, 40) · 11,360 params`.
 */
import { GrammarUtils, type AstNode, type LangiumDocument } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import { SymbolKind, type DocumentSymbol, type DocumentSymbolParams, type Range } from 'vscode-languageserver';
import type { LayerAnalysis, ModelAnalysis } from '../analysis/types.js';
import type { LayerOutcome } from '../catalog/layer-kind.js';
import { formatCount, paramTotalText } from '../catalog/numbers.js';
import { formatShape, type Shape } from '../catalog/shape.js';
import { isCall, isConstant, isModel, type Call, type Constant, type Document, type Model } from '../generated/ast.js';
import type { BoundCall, ConstantDescription, ModelDescription } from '../model/description.js';
import type { Position } from '../model/source.js';
import { formatValue } from '../model/values.js';
import type { AnalysisCache } from './analysis-cache.js';

const STATEMENTS = new Set(['compile', 'fit', 'data']);
const MAX_DETAIL = 80;

export class RnnDocumentSymbolProvider implements DocumentSymbolProvider {
    constructor(private readonly analyses: AnalysisCache) {}

    getSymbols(document: LangiumDocument, _params: DocumentSymbolParams): DocumentSymbol[] {
        const root = document.parseResult.value as Document;
        const analysis = this.analyses.get(document);
        const symbols: DocumentSymbol[] = [];
        for (const statement of root.statements ?? []) {
            if (isConstant(statement)) {
                const symbol = constantSymbol(statement, analysis.description.constants);
                if (symbol) symbols.push(symbol);
            } else if (isModel(statement)) {
                const nameRange = nameRangeOf(statement);
                const model = nameRange && analysis.models.find(m => samePosition(m.description.nameRange.start, nameRange.start));
                const symbol = modelSymbol(statement, model);
                if (symbol) symbols.push(symbol);
            }
        }
        return symbols;
    }
}

function constantSymbol(constant: Constant, described: readonly ConstantDescription[]): DocumentSymbol | undefined {
    const range = constant.$cstNode?.range;
    const selection = nameRangeOf(constant);
    if (!range || !selection || !constant.name) return undefined;
    const found = described.find(c => samePosition(c.nameRange.start, selection.start));
    const value = found?.value;
    return symbol(constant.name, SymbolKind.Constant, range, selection, value === undefined ? undefined : truncate(formatValue(value)));
}

function modelSymbol(node: Model, model: ModelAnalysis | undefined): DocumentSymbol | undefined {
    const range = node.$cstNode?.range;
    const selection = nameRangeOf(node);
    if (!range || !selection || !node.name) return undefined;
    const children: DocumentSymbol[] = [];
    for (const call of node.calls) {
        const child = callSymbol(call, model);
        if (child) children.push(child);
    }
    return { ...symbol(node.name, SymbolKind.Class, range, selection, model && modelDetail(model)), children };
}

function modelDetail(model: ModelAnalysis): string | undefined {
    if (model.layers.length === 0) return undefined;
    const params = paramTotalText(model.totals.total, model.complete);
    return model.complete && model.output ? `${formatShape(model.output)} · ${params}` : params;
}

function callSymbol(call: Call, model: ModelAnalysis | undefined): DocumentSymbol | undefined {
    const range = call.$cstNode?.range;
    const selection = calleeRangeOf(call);
    if (!range || !selection || !call.callee) return undefined;
    const layer = model?.layers.find(l => samePosition(l.description.range.start, range.start));
    if (layer) {
        const result = symbol(call.callee, SymbolKind.Field, range, selection, layerDetail(layer.name, layer.output, layer.params));
        const innerCall = wrappedCall(call);
        const inner = layer.description.inner;
        if (innerCall && inner) {
            const innerRange = innerCall.$cstNode?.range;
            const innerSelection = calleeRangeOf(innerCall);
            if (innerRange && innerSelection) {
                const where = layer.kind === 'Bidirectional' ? 'each direction' : layer.kind === 'TimeDistributed' ? 'each step' : 'wrapped';
                result.children = [symbol(innerCall.callee, SymbolKind.Field, innerRange, innerSelection, innerDetail(where, layer.outcome?.inner))];
            }
        }
        return result;
    }
    if (STATEMENTS.has(call.callee)) {
        const bound = model && statementOf(model.description, call.callee);
        return symbol(call.callee, SymbolKind.Method, range, selection, bound && argsDetail(bound));
    }
    if (call.callee === 'Input') {
        return symbol(call.callee, SymbolKind.Property, range, selection, model?.input && `input · ${formatShape(model.input)}`);
    }
    // An unknown callee (a diagnostic says which): listed, without details.
    return symbol(call.callee, SymbolKind.Field, range, selection, undefined);
}

function layerDetail(name: string, output: Shape | undefined, params: LayerAnalysis['params']): string {
    const parts = [name];
    if (output) parts.push(formatShape(output));
    if (params) parts.push(`${formatCount(params.trainable + params.nonTrainable)} params`);
    return parts.join(' · ');
}

function innerDetail(where: string, outcome: LayerOutcome | undefined): string {
    return outcome ? layerDetail(where, outcome.output, outcome.params) : where;
}

function statementOf(model: ModelDescription, name: string): BoundCall | undefined {
    return name === 'compile' ? model.compile : name === 'fit' ? model.fit : name === 'data' ? model.data : undefined;
}

/** The arguments the user wrote, as Python: `optimizer="adam", loss="mse"`. */
function argsDetail(call: BoundCall): string | undefined {
    const parts = call.given.filter(name => name in call.args).map(name => `${name}=${formatValue(call.args[name])}`);
    return parts.length > 0 ? truncate(parts.join(', ')) : undefined;
}

function wrappedCall(call: Call): Call | undefined {
    const first = call.args[0];
    return first && !first.keyword && isCall(first.value) ? first.value : call.args.map(a => a.value).find(isCall);
}

function symbol(name: string, kind: SymbolKind, range: Range, selectionRange: Range, detail: string | undefined): DocumentSymbol {
    return detail === undefined ? { name, kind, range, selectionRange } : { name, kind, range, selectionRange, detail };
}

function nameRangeOf(node: AstNode): Range | undefined {
    return node.$cstNode ? GrammarUtils.findNodeForProperty(node.$cstNode, 'name')?.range : undefined;
}

function calleeRangeOf(call: Call): Range | undefined {
    return call.$cstNode ? GrammarUtils.findNodeForProperty(call.$cstNode, 'callee')?.range : undefined;
}

function truncate(text: string): string {
    return text.length > MAX_DETAIL ? `${text.slice(0, MAX_DETAIL - 1)}…` : text;
}

function samePosition(a: Position, b: Position): boolean {
    return a.line === b.line && a.character === b.character;
}
