/**
 * The open notebooks, kept by LSP 3.17 notebook document sync (notebookDocument/didOpen,
 * didChange, didSave, didClose): each notebook's cells in order, and each cell's text document.
 * Written here rather than taken from vscode-languageserver's NotebookDocuments, whose change
 * handler throws on a cell it does not know: whatever a client sends, a malformed or out-of-order
 * message is dropped, never thrown out of a handler, and the notebooks held stay consistent.
 */
import { TextDocument } from 'langium';
import type { Connection, DidChangeNotebookDocumentParams, DidOpenNotebookDocumentParams } from 'vscode-languageserver';

/** The notebooks whose cells are served: Jupyter's, cells in Python (what the server declares). */
export const NOTEBOOK_TYPE = 'jupyter-notebook';
const CODE_CELL = 2;

export interface NotebookCellEntry {
    readonly uri: string;
    readonly code: boolean;
}

export interface HeldNotebook {
    readonly uri: string;
    readonly cells: readonly NotebookCellEntry[];
}

export class NotebookSync {
    private readonly notebooks = new Map<string, { uri: string; cells: NotebookCellEntry[] }>();
    private readonly cellTexts = new Map<string, TextDocument>();
    /** Cell URI → its notebook's URI. */
    private readonly owners = new Map<string, string>();

    /** `changed`: a notebook opened or changed; `closed`: it closed. */
    constructor(private readonly changed: (notebook: string) => void, private readonly closed: (notebook: string) => void) {}

    listen(connection: Connection): void {
        const sync = connection.notebooks.synchronization;
        sync.onDidOpenNotebookDocument(params => this.guarded(() => this.open(params)));
        sync.onDidChangeNotebookDocument(params => this.guarded(() => this.change(params)));
        sync.onDidCloseNotebookDocument(params => this.guarded(() => this.close(params?.notebookDocument?.uri)));
        // Saving changes no text: nothing to do (declared so that the client may send it).
        sync.onDidSaveNotebookDocument(() => undefined);
    }

    notebook(uri: string): HeldNotebook | undefined {
        return this.notebooks.get(uri);
    }

    notebookOfCell(cellUri: string): string | undefined {
        return this.owners.get(cellUri);
    }

    cellText(cellUri: string): TextDocument | undefined {
        return this.cellTexts.get(cellUri);
    }

    get openNotebooks(): readonly string[] {
        return [...this.notebooks.keys()];
    }

    private guarded(apply: () => string | undefined): void {
        let notebook: string | undefined;
        try {
            notebook = apply();
        } catch (error) {
            // A message the checks below let through and that still does not fit: dropped.
            console.error(`RNN Lens: a notebook message was dropped: ${error instanceof Error ? error.message : String(error)}`);
            return;
        }
        if (notebook !== undefined) this.changed(notebook);
    }

    private open(params: DidOpenNotebookDocumentParams): string | undefined {
        const notebook = params?.notebookDocument;
        if (typeof notebook?.uri !== 'string' || !Array.isArray(notebook.cells) || !Array.isArray(params.cellTextDocuments)) return undefined;
        if (this.notebooks.has(notebook.uri)) this.close(notebook.uri);
        for (const cell of params.cellTextDocuments) this.openCell(cell, notebook.uri);
        this.notebooks.set(notebook.uri, { uri: notebook.uri, cells: notebook.cells.filter(isCell).map(entry) });
        return notebook.uri;
    }

    private change(params: DidChangeNotebookDocumentParams): string | undefined {
        const held = this.notebooks.get(params?.notebookDocument?.uri);
        const cells = params?.change?.cells;
        if (!held || !cells) return undefined;
        const structure = cells.structure;
        if (structure) {
            for (const cell of structure.didOpen ?? []) this.openCell(cell, held.uri);
            const { start, deleteCount } = structure.array ?? {};
            if (isIndex(start) && isIndex(deleteCount)) {
                held.cells.splice(start, deleteCount, ...(structure.array.cells ?? []).filter(isCell).map(entry));
            }
            for (const cell of structure.didClose ?? []) {
                if (typeof cell?.uri !== 'string' || held.cells.some(c => c.uri === cell.uri)) continue;
                this.cellTexts.delete(cell.uri);
                this.owners.delete(cell.uri);
            }
        }
        for (const data of Array.isArray(cells.data) ? cells.data : []) {
            const index = held.cells.findIndex(c => c.uri === data?.document);
            if (index >= 0 && isCell(data)) held.cells[index] = entry(data);
        }
        for (const content of Array.isArray(cells.textContent) ? cells.textContent : []) {
            const document = this.cellTexts.get(content?.document?.uri);
            const changes = content?.changes;
            if (!document || !Array.isArray(changes) || !changes.every(c => typeof c?.text === 'string')) continue;
            const version = typeof content.document.version === 'number' ? content.document.version : document.version + 1;
            TextDocument.update(document, changes, version);
        }
        return held.uri;
    }

    private close(uri: unknown): string | undefined {
        const held = typeof uri === 'string' ? this.notebooks.get(uri) : undefined;
        if (!held) return undefined;
        this.notebooks.delete(held.uri);
        const cells = [...this.owners].filter(([, owner]) => owner === held.uri).map(([cell]) => cell);
        for (const cell of cells) {
            this.cellTexts.delete(cell);
            this.owners.delete(cell);
        }
        this.closed(held.uri);
        return undefined;
    }

    private openCell(cell: { uri?: unknown; languageId?: unknown; version?: unknown; text?: unknown }, notebook: string): void {
        if (typeof cell?.uri !== 'string' || typeof cell.text !== 'string') return;
        const languageId = typeof cell.languageId === 'string' ? cell.languageId : '';
        this.cellTexts.set(cell.uri, TextDocument.create(cell.uri, languageId, typeof cell.version === 'number' ? cell.version : 0, cell.text));
        this.owners.set(cell.uri, notebook);
    }
}

function isCell(cell: unknown): cell is { kind: number; document: string } {
    return typeof (cell as { document?: unknown })?.document === 'string';
}

function entry(cell: { kind: number; document: string }): NotebookCellEntry {
    return { uri: cell.document, code: cell.kind === CODE_CELL };
}

function isIndex(value: unknown): value is number {
    return typeof value === 'number' && Number.isInteger(value) && value >= 0;
}
