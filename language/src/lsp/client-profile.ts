/**
 * What the connected client declared it can do (its `initialize` capabilities), asked by every
 * feature that could send something a client cannot take: snippets, Markdown, editor commands,
 * completion and symbol kinds, refresh requests, code action literals. The rule is the LSP's own:
 * what a client did not declare it does not get; it gets the plain form or nothing.
 */
import type { LangiumSharedServices } from 'langium/lsp';
import {
    CompletionItemKind, MarkupKind, SymbolKind, type ClientCapabilities, type DiagnosticTag, type InitializeParams, type MarkupContent
} from 'vscode-languageserver';
import { markdownToPlainText } from './plain-text.js';

/**
 * What the VS Code extension declares in its `initializationOptions`: the editor commands it can
 * run (`editor.action.triggerSuggest`, ...). Other clients send none, and get no such commands.
 */
export interface RnnLensInitializationOptions {
    readonly editorCommands?: readonly string[];
}

/** Completion item kinds a client supports when it gives no value set (LSP: Text to Reference). */
const BASE_COMPLETION_KINDS = range(CompletionItemKind.Text, CompletionItemKind.Reference);
/** Symbol kinds a client supports when it gives no value set (LSP: File to Array). */
const BASE_SYMBOL_KINDS = range(SymbolKind.File, SymbolKind.Array);

/** Kinds added in LSP 3.x, each with the older kind a client without it still shows. */
const COMPLETION_KIND_FALLBACK: Partial<Record<CompletionItemKind, CompletionItemKind>> = {
    [CompletionItemKind.EnumMember]: CompletionItemKind.Enum,
    [CompletionItemKind.Constant]: CompletionItemKind.Value,
    [CompletionItemKind.Struct]: CompletionItemKind.Class,
    [CompletionItemKind.Event]: CompletionItemKind.Function,
    [CompletionItemKind.Operator]: CompletionItemKind.Text,
    [CompletionItemKind.TypeParameter]: CompletionItemKind.Class,
    [CompletionItemKind.Folder]: CompletionItemKind.File
};

/**
 * Until a client introduces itself (in-process use of the services: tests, tools), every form is
 * taken. Over a connection that never happens: `initialize` comes first (protocol-guard.ts).
 */
const IN_PROCESS: ClientCapabilities = {
    textDocument: {
        completion: {
            completionItem: { snippetSupport: true, documentationFormat: [MarkupKind.Markdown, MarkupKind.PlainText], preselectSupport: true },
            completionItemKind: { valueSet: range(CompletionItemKind.Text, CompletionItemKind.TypeParameter) as CompletionItemKind[] }
        },
        hover: { contentFormat: [MarkupKind.Markdown, MarkupKind.PlainText] },
        signatureHelp: { signatureInformation: { documentationFormat: [MarkupKind.Markdown, MarkupKind.PlainText], parameterInformation: { labelOffsetSupport: true } } },
        documentSymbol: { hierarchicalDocumentSymbolSupport: true, symbolKind: { valueSet: range(SymbolKind.File, SymbolKind.TypeParameter) as SymbolKind[] } },
        codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: [] } }, isPreferredSupport: true },
        publishDiagnostics: { dataSupport: true, relatedInformation: true, codeDescriptionSupport: true, tagSupport: { valueSet: [1, 2] } }
    }
};

export class ClientProfile {
    private capabilities: ClientCapabilities = IN_PROCESS;
    private editorCommands: ReadonlySet<string> | 'all' = 'all';
    private name: string | undefined;

    constructor(shared: LangiumSharedServices) {
        shared.lsp.LanguageServer.onInitialize(params => this.initialize(params));
    }

    initialize(params: InitializeParams): void {
        this.capabilities = params.capabilities ?? {};
        this.name = params.clientInfo?.name;
        const options = params.initializationOptions as RnnLensInitializationOptions | null | undefined;
        const commands = Array.isArray(options?.editorCommands) ? options.editorCommands.filter(c => typeof c === 'string') : [];
        this.editorCommands = new Set(commands);
    }

    /** The client's own name (`clientInfo.name`), for logs only: features decide on capabilities. */
    get clientName(): string | undefined {
        return this.name;
    }

    // Completion

    get snippets(): boolean {
        return this.capabilities.textDocument?.completion?.completionItem?.snippetSupport === true;
    }

    get preselect(): boolean {
        return this.capabilities.textDocument?.completion?.completionItem?.preselectSupport === true;
    }

    /** A completion item's documentation, as Markdown where the client takes it, else as plain text. */
    completionDocumentation(markdown: string): MarkupContent | string {
        return this.markup(this.capabilities.textDocument?.completion?.completionItem?.documentationFormat, markdown);
    }

    /** The kind itself, or the older kind that stands for it where the client lists only older ones. */
    completionKind(kind: CompletionItemKind): CompletionItemKind | undefined {
        const supported = this.capabilities.textDocument?.completion?.completionItemKind?.valueSet ?? BASE_COMPLETION_KINDS;
        if (supported.includes(kind)) return kind;
        const fallback = COMPLETION_KIND_FALLBACK[kind];
        return fallback !== undefined && supported.includes(fallback) ? fallback : undefined;
    }

    /** Whether the client runs this editor command (one its extension declared). */
    runsCommand(command: string): boolean {
        return this.editorCommands === 'all' || this.editorCommands.has(command);
    }

    // Hover, signature help

    hoverContent(markdown: string): MarkupContent {
        const formats = this.capabilities.textDocument?.hover?.contentFormat;
        return formats?.includes(MarkupKind.Markdown)
            ? { kind: MarkupKind.Markdown, value: markdown }
            : { kind: MarkupKind.PlainText, value: markdownToPlainText(markdown) };
    }

    signatureDocumentation(markdown: string): MarkupContent | string {
        return this.markup(this.capabilities.textDocument?.signatureHelp?.signatureInformation?.documentationFormat, markdown);
    }

    /** Whether a parameter's label may be given as offsets into the signature's label. */
    get parameterLabelOffsets(): boolean {
        return this.capabilities.textDocument?.signatureHelp?.signatureInformation?.parameterInformation?.labelOffsetSupport === true;
    }

    // Symbols, code actions, diagnostics

    get hierarchicalSymbols(): boolean {
        return this.capabilities.textDocument?.documentSymbol?.hierarchicalDocumentSymbolSupport === true;
    }

    symbolKind(kind: SymbolKind): SymbolKind {
        const supported = this.capabilities.textDocument?.documentSymbol?.symbolKind?.valueSet ?? BASE_SYMBOL_KINDS;
        return supported.includes(kind) ? kind : SymbolKind.Field;
    }

    /** Without literal support a client takes only commands, which would need a server command to edit. */
    get codeActionLiterals(): boolean {
        return this.capabilities.textDocument?.codeAction?.codeActionLiteralSupport !== undefined;
    }

    get preferredCodeActions(): boolean {
        return this.capabilities.textDocument?.codeAction?.isPreferredSupport === true;
    }

    /** Whether a diagnostic's `data` comes back in a code action request. */
    get diagnosticData(): boolean {
        return this.capabilities.textDocument?.publishDiagnostics?.dataSupport === true;
    }

    get diagnosticRelatedInformation(): boolean {
        return this.capabilities.textDocument?.publishDiagnostics?.relatedInformation === true;
    }

    get diagnosticCodeDescription(): boolean {
        return this.capabilities.textDocument?.publishDiagnostics?.codeDescriptionSupport === true;
    }

    diagnosticTagSupported(tag: DiagnosticTag): boolean {
        return this.capabilities.textDocument?.publishDiagnostics?.tagSupport?.valueSet?.includes(tag) === true;
    }

    // Workspace

    get configurationPull(): boolean {
        return this.capabilities.workspace?.configuration === true;
    }

    get configurationRegistration(): boolean {
        return this.capabilities.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    }

    get inlayHintRefresh(): boolean {
        return this.capabilities.workspace?.inlayHint?.refreshSupport === true;
    }

    get codeLensRefresh(): boolean {
        return this.capabilities.workspace?.codeLens?.refreshSupport === true;
    }

    // Registration

    /** Whether the client takes a registration of this document feature at run time (with its own document selector). */
    dynamicRegistration(feature: 'synchronization' | 'hover' | 'inlayHint' | 'codeAction' | 'codeLens'): boolean {
        return this.capabilities.textDocument?.[feature]?.dynamicRegistration === true;
    }

    private markup(formats: readonly MarkupKind[] | undefined, markdown: string): MarkupContent | string {
        return formats?.includes(MarkupKind.Markdown) ? { kind: MarkupKind.Markdown, value: markdown } : markdownToPlainText(markdown);
    }
}

function range(from: number, to: number): number[] {
    return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}
