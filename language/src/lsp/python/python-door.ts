/**
 * The Python door of the language server: the open documents of language `python` (`.py` files)
 * and the open Jupyter notebooks, each one program (python-program.ts), read by the Python front
 * end into the same model description as a `.rnn` file and analysed by the same AnalysisCache.
 * `.rnn` documents keep the Langium path; a document of any other language is neither door's and
 * gets nothing. Python files nobody opened are never read.
 */
import type { TextDocument } from 'langium';
import type { TextDocuments } from 'langium/lsp';
import type { Connection, Diagnostic } from 'vscode-languageserver';
import type { DocumentAnalysis } from '../../analysis/types.js';
import type { AnalysisCache } from '../analysis-cache.js';
import { diagnosticForClient } from '../client-diagnostics.js';
import type { ClientProfile } from '../client-profile.js';
import { toLspDiagnostic } from '../document-validator.js';
import { NotebookSync } from './notebook-sync.js';
import { ChunkParseCache } from '../../python/index.js';
import { PythonProgram } from './python-program.js';
import { ModelInterner } from './model-interner.js';

export const PYTHON_LANGUAGE_ID = 'python';

/** How long a request about a document nobody opened yet waits for its didOpen (whenHeld). */
export const DID_OPEN_WAIT_MS = 2_000;

/** A document the client calls Python: the Python door's (whatever its extension). */
export function isPythonDocument(document: { readonly languageId: string } | undefined): boolean {
    return document?.languageId === PYTHON_LANGUAGE_ID;
}

/** What the door keeps of an open Python file or notebook (by its URI). */
interface OpenProgram {
    /** The program of the current version, made again after a change; `key` stands for that version in the analysis cache. */
    current?: { readonly program: PythonProgram; readonly key: object };
    /** Parsed top-level statements, kept across versions: an edit parses only what it touched. */
    readonly parses: ChunkParseCache;
    /** Model descriptions of the last version, kept when unchanged: their analyses are kept too. */
    readonly models: ModelInterner;
    /** The URIs last sent diagnostics: one that has none now (or a cell removed since) gets an empty list. */
    published: readonly string[];
    /** Whether the client was asked to refresh its lenses and hints since the document was opened. */
    announced?: boolean;
}

export class PythonDoor {
    readonly notebooks: NotebookSync;
    private readonly open = new Map<string, OpenProgram>();
    private readonly pending = new Set<string>();
    /** Requests waiting for a document's didOpen (whenHeld): each checks again after a change. */
    private readonly waiting = new Set<() => void>();
    private connection: Connection | undefined;

    constructor(
        private readonly textDocuments: TextDocuments<TextDocument>,
        private readonly analyses: AnalysisCache,
        private readonly client: ClientProfile
    ) {
        this.notebooks = new NotebookSync(uri => this.changed(uri), uri => this.closed(uri));
        textDocuments.onDidChangeContent(({ document }) => {
            if (isPythonDocument(document)) this.changed(document.uri);
        });
        textDocuments.onDidClose(({ document }) => {
            if (isPythonDocument(document)) this.closed(document.uri);
        });
    }

    /** Notebook sync and the publishing of diagnostics go through the connection. */
    listen(connection: Connection): void {
        this.connection = connection;
        this.notebooks.listen(connection);
    }

    /** Whether the document (a Python file, a notebook or one of its cells) is this door's. */
    holds(uri: string): boolean {
        return this.ownerOf(uri) !== undefined;
    }

    /**
     * Resolves true once the document is this door's, false after `timeoutMs`. VS Code asks for a
     * Python file's models as soon as the extension starts, before it has the server's registration
     * of Python document sync and so before it sends didOpen: the answer waits for the didOpen.
     */
    whenHeld(uri: string, timeoutMs: number): Promise<boolean> {
        if (this.holds(uri)) return Promise.resolve(true);
        return new Promise(resolve => {
            const done = (held: boolean) => {
                clearTimeout(timer);
                this.waiting.delete(check);
                resolve(held);
            };
            const check = () => {
                if (this.holds(uri)) done(true);
            };
            const timer = setTimeout(() => done(false), timeoutMs);
            this.waiting.add(check);
        });
    }

    /**
     * The analysis of a document that may not be this door's yet: a request can overtake its didOpen
     * (whenHeld), so it waits for it a moment; undefined if it does not come or is not Python.
     */
    async heldAnalysisOf(uri: string): Promise<{ program: PythonProgram; analysis: DocumentAnalysis } | undefined> {
        if (!this.holds(uri) && !await this.whenHeld(uri, DID_OPEN_WAIT_MS)) return undefined;
        return this.analysisOf(uri);
    }

    /** The program's analysis: the front end's description, analysed under the current settings. */
    analysisOf(uri: string): { program: PythonProgram; analysis: DocumentAnalysis } | undefined {
        const owner = this.ownerOf(uri);
        if (owner === undefined) return undefined;
        const state = this.state(owner);
        state.current ??= { program: this.readProgram(owner), key: {} };
        const { program, key } = state.current;
        const analysis = this.analyses.analyse(key, undefined,
            () => state.models.keep(program.describe(state.parses, this.analyses.kerasDefault), line => program.prefixKey(line)));
        return { program, analysis };
    }

    /** The settings changed: every open program's diagnostics are published again. */
    republishAll(): void {
        for (const owner of [...this.textDocuments.all().filter(isPythonDocument).map(d => d.uri), ...this.notebooks.openNotebooks]) this.schedule(owner);
    }

    private state(owner: string): OpenProgram {
        let state = this.open.get(owner);
        if (!state) {
            state = { parses: new ChunkParseCache(), models: new ModelInterner(), published: [] };
            this.open.set(owner, state);
        }
        return state;
    }

    private ownerOf(uri: string): string | undefined {
        if (isPythonDocument(this.textDocuments.get(uri))) return uri;
        if (this.notebooks.notebook(uri)) return uri;
        return this.notebooks.notebookOfCell(uri);
    }

    private readProgram(owner: string): PythonProgram {
        const notebook = this.notebooks.notebook(owner);
        if (!notebook) return new PythonProgram([{ uri: owner, text: this.textDocuments.get(owner)?.getText() ?? '' }], false);
        return new PythonProgram(notebook.cells.map(cell => {
            const text = this.notebooks.cellText(cell.uri);
            return { uri: cell.uri, text: text?.getText() ?? '', kind: cell.code ? 'code' : 'markdown', language: text?.languageId ?? '' };
        }), true);
    }

    private changed(owner: string): void {
        const state = this.open.get(owner);
        if (state) state.current = undefined;
        this.schedule(owner);
        for (const check of [...this.waiting]) check();
    }

    private closed(owner: string): void {
        // Quiet: only the documents that were sent diagnostics are sent an empty list.
        const published = this.open.get(owner)?.published ?? [];
        this.open.delete(owner);
        this.pending.delete(owner);
        for (const uri of published) void this.connection?.sendDiagnostics({ uri, diagnostics: [] });
    }

    /** Edits come in bursts: the diagnostics of a program are published once after the burst's last message. */
    private schedule(owner: string): void {
        if (this.pending.has(owner)) return;
        this.pending.add(owner);
        setTimeout(() => {
            this.pending.delete(owner);
            try {
                this.publish(owner);
            } catch (error) {
                console.error(`RNN Lens: the diagnostics of ${owner} could not be made: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
            }
        }, 0);
    }

    private publish(owner: string): void {
        const found = this.analysisOf(owner);
        if (!found || !this.connection) return;
        const { program, analysis } = found;
        const byUri = new Map<string, Diagnostic[]>(program.uris.map(uri => [uri, []]));
        for (const rnnDiagnostic of analysis.diagnostics) {
            const place = program.toCell(rnnDiagnostic.range);
            // Without its fixes: a code action finds them in the analysis of the text as it is then.
            const { data: _fixes, ...diagnostic } = toLspDiagnostic({ ...rnnDiagnostic, range: place.range });
            byUri.get(place.uri)?.push(diagnosticForClient(diagnostic, this.client));
        }
        // Quiet: a document is sent diagnostics when it has some, or had some and has none now.
        const state = this.state(owner);
        const before = state.published;
        const now = [...byUri].filter(([, diagnostics]) => diagnostics.length > 0).map(([uri]) => uri);
        state.published = now;
        for (const uri of new Set([...before, ...now])) void this.connection.sendDiagnostics({ uri, diagnostics: byUri.get(uri) ?? [] });
        if (!state.announced) {
            state.announced = true;
            this.refreshViews();
        }
    }

    /**
     * Once a program is first read, a client that can refresh is asked to: VS Code may ask for a
     * Python file's lenses (or hints) just before its didOpen comes (the server's registrations of
     * Python sync and of the features race at start-up), gets nothing, and would not ask again
     * until the next edit — a file opened without a ▶ Train above its model.
     */
    private refreshViews(): void {
        const connection = this.connection;
        if (!connection) return;
        const ignore = () => undefined;
        if (this.client.codeLensRefresh) connection.sendRequest('workspace/codeLens/refresh').catch(ignore);
        if (this.client.inlayHintRefresh) connection.languages.inlayHint.refresh().catch(ignore);
    }
}
