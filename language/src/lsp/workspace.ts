/**
 * The workspace as RNN Lens needs it. No `.rnn` file refers to another, so the open files are all
 * the server builds: Langium's default reads and builds every workspace file before it answers
 * the first request (2,000 files: 23 s before the first hints); here the workspace is "ready" at
 * once and the names of the other files are indexed in the background (workspace-index.ts) for
 * workspace/symbol. Documents of languages the server does not serve are ignored, never built.
 */
import { DefaultWorkspaceManager, DocumentState, URI, type AstNode, type AstNodeDescription, type LangiumDocument, type TextDocument, type WorkspaceFolder } from 'langium';
import {
    DefaultDocumentUpdateHandler, DefaultNodeKindProvider, DefaultWorkspaceSymbolProvider, type LangiumSharedServices
} from 'langium/lsp';
import {
    CancellationToken, FileChangeType, SymbolKind, type DidChangeWatchedFilesParams, type TextDocumentChangeEvent,
    type WorkspaceSymbol, type WorkspaceSymbolParams
} from 'vscode-languageserver';
import { WorkspaceNameIndex } from './workspace-index.js';
import { servedByLangium } from './served-uri.js';

export class RnnWorkspaceManager extends DefaultWorkspaceManager {
    readonly index: WorkspaceNameIndex;

    constructor(shared: LangiumSharedServices) {
        super(shared);
        this.index = new WorkspaceNameIndex(shared.workspace.FileSystemProvider, entry => this.shouldIncludeEntry(entry));
        const firstBuild = shared.workspace.DocumentBuilder.onBuildPhase(DocumentState.Validated, () => {
            firstBuild.dispose();
            this.index.firstBuildDone();
        });
    }

    /** Ready at once with no workspace document; the other files' names are indexed after. */
    protected override async performStartup(folders: WorkspaceFolder[]): Promise<LangiumDocument[]> {
        const documents: LangiumDocument[] = [];
        await this.loadAdditionalDocuments(folders, document => { documents.push(document); });
        this._ready.resolve();
        this.index.schedule(folders.map(folder => this.getRootFolder(folder)));
        return documents;
    }
}

export class RnnDocumentUpdateHandler extends DefaultDocumentUpdateHandler {
    constructor(private readonly shared: LangiumSharedServices) {
        super(shared);
    }

    /** Also called on open: a document of another language (a `.py` file) is left to other servers. */
    override didChangeContent(event: TextDocumentChangeEvent<TextDocument>): void {
        if (this.served(event.document.uri)) super.didChangeContent(event);
    }

    /**
     * A document the client called `rnn` under another name (`notes.py` opened as rnn) has no
     * services once closed: it leaves the workspace, or every later build would stop on it.
     */
    didCloseDocument(event: TextDocumentChangeEvent<TextDocument>): void {
        const uri = URI.parse(event.document.uri);
        if (!servedByLangium(this.shared, uri) && this.shared.workspace.LangiumDocuments.hasDocument(uri)) this.fireDocumentUpdate([], [uri]);
    }

    /**
     * A file changed on disk: an open one is the editor's (its text comes with didChange); a closed
     * one is only indexed again, not built (no diagnostics for files nobody opened).
     */
    override didChangeWatchedFiles(params: DidChangeWatchedFilesParams): void {
        const index = (this.shared.workspace.WorkspaceManager as RnnWorkspaceManager).index;
        const open = new Set(this.shared.workspace.TextDocuments.all().map(d => d.uri));
        for (const change of params.changes ?? []) {
            if (typeof change?.uri !== 'string' || open.has(change.uri)) continue;
            const uri = URI.parse(change.uri);
            if (change.type === FileChangeType.Deleted) index.remove(uri);
            else if (servedByLangium(this.shared, uri)) void index.reindex(uri);
        }
    }

    private served(uri: string): boolean {
        return servedByLangium(this.shared, uri);
    }
}

/** The open documents' names (Langium's index), then those of the other files found so far. */
export class RnnWorkspaceSymbolProvider extends DefaultWorkspaceSymbolProvider {
    constructor(private readonly shared: LangiumSharedServices) {
        super(shared);
    }

    override async getSymbols(params: WorkspaceSymbolParams, token = CancellationToken.None): Promise<WorkspaceSymbol[]> {
        const index = (this.shared.workspace.WorkspaceManager as RnnWorkspaceManager).index;
        index.ensureStarted();
        // Langium's index holds every document ever opened; a closed one is read from disk again (the index).
        const open = new Set(this.shared.workspace.TextDocuments.all().map(d => URI.parse(d.uri).toString()));
        const symbols = (await super.getSymbols(params, token)).filter(s => open.has(s.location.uri));
        const query = (params.query ?? '').toLowerCase();
        for (const name of index.names()) {
            if (open.has(name.uri) || !this.fuzzyMatcher.match(query, name.name)) continue;
            symbols.push({ name: name.name, kind: name.kind, location: { uri: name.uri, range: name.range } });
        }
        return symbols;
    }
}

/** Models are classes and constants constants, in workspace symbols as in the outline (document-symbols.ts). */
export class RnnNodeKindProvider extends DefaultNodeKindProvider {
    override getSymbolKind(node: AstNode | AstNodeDescription): SymbolKind {
        const type = 'type' in node ? node.type : node.$type;
        return type === 'Model' ? SymbolKind.Class : type === 'Constant' ? SymbolKind.Constant : super.getSymbolKind(node);
    }
}
