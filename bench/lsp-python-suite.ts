/**
 * The language server's Python door, measured through its real process over stdio: edit → new
 * hints in a large Python file and in a large notebook (one cell edited, as typing does), and
 * cold start → first hints on the course notebook, alone and in a folder of 10,000 other `.py` files.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { LspClient } from '../test/helpers/lsp-client.js';

const VIEWPORT_LINES = 60;

/** One model of the course's kind, in the course's style (`model = Sequential()`, `model.add(...)`), `lines` long with its comments. */
function modelCode(i: number, lines: number): string[] {
    const code = [
        `# Model ${i}: stacked LSTM on ${i % 7 + 2} features`,
        'model = Sequential()',
        `model.add(Conv1D(${1 + (i % 4)}, kernel_size=2, input_shape=(n_steps, n_features)))`,
        'model.add(MaxPooling1D())',
        `model.add(LSTM(${20 + i % 30}, activation="relu", recurrent_dropout=0.1, return_sequences=True))`,
        `model.add(LSTM(${30 + i % 20}, activation="relu", recurrent_dropout=0.1))`,
        'model.add(Dropout(0.1))',
        'model.add(Dense(1))',
        'model.compile(optimizer="adam", loss="mse", metrics=["mae"])',
        'model.summary()'
    ];
    while (code.length < lines) code.splice(1, 0, `# notes on model ${i}, line ${code.length}`);
    return code;
}

const HEADER = ['from keras.models import Sequential', 'from keras.layers import Conv1D, Dense, Dropout, LSTM, MaxPooling1D', '', 'n_features = 9', 'n_steps = 21', ''];

/** A Python file of `models` models, `lines` lines in all. */
export function pythonFile(models: number, lines: number): string {
    const each = Math.floor((lines - HEADER.length) / models);
    const code = [...HEADER, ...Array.from({ length: models }, (_, i) => modelCode(i, each)).flat()];
    while (code.length < lines) code.push(`# end of the file, line ${code.length + 1}`);
    return code.join('\n');
}

interface BenchCell { readonly uri: string; readonly kind: 1 | 2; readonly languageId: string; readonly text: string }

/** A notebook of `cells` cells: the imports and constants, then a Markdown cell and a model's cell, in turn. */
export function notebookCells(cells: number, base = 'vscode-notebook-cell:/bench/big.ipynb'): BenchCell[] {
    const made: BenchCell[] = [{ uri: `${base}#C0`, kind: 2, languageId: 'python', text: HEADER.join('\n') }];
    for (let i = 1; made.length < cells; i++) {
        made.push(i % 2 === 1
            ? { uri: `${base}#C${i}`, kind: 1, languageId: 'markdown', text: `## Model ${i}\n` }
            : { uri: `${base}#C${i}`, kind: 2, languageId: 'python', text: modelCode(i, 10).join('\n') });
    }
    return made;
}

function openNotebook(client: LspClient, uri: string, cells: readonly BenchCell[]): void {
    client.notify('notebookDocument/didOpen', {
        notebookDocument: { uri, notebookType: 'jupyter-notebook', version: 1, cells: cells.map(c => ({ kind: c.kind, document: c.uri })) },
        cellTextDocuments: cells.map(c => ({ uri: c.uri, languageId: c.languageId, version: 1, text: c.text }))
    });
}

/** The line and column of the units of the `LSTM(` nearest the middle of the text: what the edits change. */
function unitsPlace(text: string): { line: number; character: number; width: number } {
    const lines = text.split('\n');
    const middle = Math.floor(lines.length / 2);
    for (let d = 0; d < lines.length; d++) {
        for (const line of [middle + d, middle - d]) {
            const match = /LSTM\((\d+)/.exec(lines[line] ?? '');
            if (match) return { line, character: match.index + 'LSTM('.length, width: match[1].length };
        }
    }
    throw new Error('no LSTM( in the text');
}

/**
 * Changes an LSTM's units again and again (an incremental change, as typing sends), each time
 * from the change to the hints of the visible lines around it showing the new shape.
 */
async function editLoop(client: LspClient, uri: string, text: string, edits: number, change: (version: number, range: any, text: string) => void): Promise<number[]> {
    const place = unitsPlace(text);
    const range = { start: { line: Math.max(0, place.line - VIEWPORT_LINES / 2), character: 0 }, end: { line: place.line + VIEWPORT_LINES / 2, character: 0 } };
    const times: number[] = [];
    let width = place.width;
    for (let i = 0; i < edits; i++) {
        const units = String(41 + (i % 50));
        const started = performance.now();
        change(i + 2, { start: { line: place.line, character: place.character }, end: { line: place.line, character: place.character + width } }, units);
        width = units.length;
        const hints = await client.request<Array<{ label: string }>>('textDocument/inlayHint', { textDocument: { uri }, range }, 60_000);
        if (!hints?.some(h => h.label.includes(`, ${units})`) || h.label === `(None, ${units})`)) throw new Error(`the hints did not follow the edit to ${units}`);
        times.push(performance.now() - started);
    }
    return times;
}

export async function editPythonFile(text: string, edits: number): Promise<number[]> {
    const client = new LspClient();
    const uri = 'file:///bench/big.py';
    try {
        await client.initialize();
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
        return await editLoop(client, uri, text, edits, (version, range, newText) =>
            client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ range, text: newText }] }));
    } finally {
        await client.shutdown();
    }
}

export async function editNotebook(cells: readonly BenchCell[], edits: number): Promise<number[]> {
    const client = new LspClient();
    const notebook = 'file:///bench/big.ipynb';
    try {
        await client.initialize();
        openNotebook(client, notebook, cells);
        const codeCells = cells.filter(c => c.text.includes('LSTM('));
        const cell = codeCells[Math.floor(codeCells.length / 2)];
        return await editLoop(client, cell.uri, cell.text, edits, (version, range, newText) =>
            client.notify('notebookDocument/didChange', {
                notebookDocument: { uri: notebook, version },
                change: { cells: { textContent: [{ document: { uri: cell.uri, version }, changes: [{ range, text: newText }] }] } }
            }));
    } finally {
        await client.shutdown();
    }
}

/** The course notebook's cells as VS Code sends them. */
export function courseNotebook(path: string): { uri: string; cells: BenchCell[] } {
    const uri = pathToFileURL(path).href;
    const json = JSON.parse(readFileSync(path, 'utf8'));
    const cells = json.cells.map((cell: any, i: number): BenchCell => ({
        uri: `vscode-notebook-cell:${new URL(uri).pathname}#C${i}`,
        kind: cell.cell_type === 'code' ? 2 : 1,
        languageId: cell.cell_type === 'code' ? 'python' : 'markdown',
        text: Array.isArray(cell.source) ? cell.source.join('') : String(cell.source)
    }));
    return { uri, cells };
}

/** A folder of `files` Python files that are not Keras (a package's modules). */
export function pythonWorkspace(files: number): { folder: string; remove(): void } {
    const folder = mkdtempSync(join(tmpdir(), 'rnn-lens-bench-py-'));
    for (let i = 0; i < files; i++) {
        const dir = join(folder, `pkg_${Math.floor(i / 200)}`);
        mkdirSync(dir, { recursive: true });
        writeFileSync(join(dir, `module_${i}.py`), `import os\n\n\ndef f_${i}(x):\n    return os.path.join(x, "${i}")\n`);
    }
    return { folder, remove: () => rmSync(folder, { recursive: true, force: true }) };
}

/** Spawn → initialize (with the folder as the workspace, when given) → notebookDocument/didOpen → the hints of the first model's cell. */
export async function coldStartNotebook(notebook: { uri: string; cells: readonly BenchCell[] }, folder?: string): Promise<number> {
    const started = performance.now();
    const client = new LspClient();
    try {
        const rootUri = folder ? pathToFileURL(folder).href : null;
        await client.initializeWith({
            rootUri, workspaceFolders: rootUri ? [{ uri: rootUri, name: 'workspace' }] : null,
            capabilities: { workspace: { workspaceFolders: true }, textDocument: { inlayHint: {} }, notebookDocument: { synchronization: {} } }
        });
        openNotebook(client, notebook.uri, notebook.cells);
        const first = notebook.cells.find(c => c.kind === 2 && c.text.includes('.add('));
        if (!first) throw new Error('the notebook has no model.add(...)');
        const hints = await client.request<unknown[]>('textDocument/inlayHint', { textDocument: { uri: first.uri }, range: { start: { line: 0, character: 0 }, end: { line: 1000, character: 0 } } }, 60_000);
        if (!hints?.length) throw new Error('no hints on the first model\'s cell');
        return performance.now() - started;
    } finally {
        await client.shutdown();
    }
}
