/**
 * Fuzzing the Python door over the real protocol: seeded random edits of a notebook of the course
 * models (text edits of one cell, whole-cell replacements, cells added, removed and turned into
 * Markdown) and of a Python file, each followed by a request on a random cell. Every request is
 * answered within a bound, the process stays alive, and at the end the notebook the server holds
 * gives the same hints as the same cells opened afresh in a new server (the sync lost nothing).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mulberry32 as random } from '../../training/src/data/synthetic.js';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { LspClient } from '../helpers/lsp-client.js';
import { mutate } from '../helpers/mutate.js';
import { courseCells, courseFile, type Cell } from '../helpers/python-course.js';

const EDITS = 250;
const ANSWER_WITHIN_MS = 3_000;
const notebookUri = 'file:///fuzz/course.ipynb';
const EVERYWHERE = { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } };
let client: LspClient;

beforeAll(async () => {
    ensureBuilt();
    client = new LspClient();
    await client.initialize();
}, 120_000);

afterAll(async () => {
    await client?.shutdown();
});

function openNotebook(on: LspClient, cells: readonly Cell[]): void {
    on.notify('notebookDocument/didOpen', {
        notebookDocument: { uri: notebookUri, notebookType: 'jupyter-notebook', version: 1, cells: cells.map(c => ({ kind: c.kind, document: c.uri })) },
        cellTextDocuments: cells.map(c => ({ uri: c.uri, languageId: c.languageId, version: 1, text: c.text }))
    });
}

/** Each cell's hints, in order. */
async function allHints(on: LspClient, cells: readonly Cell[]): Promise<unknown[]> {
    const hints = [];
    for (const cell of cells) hints.push(await on.request('textDocument/inlayHint', { textDocument: { uri: cell.uri }, range: EVERYWHERE }, ANSWER_WITHIN_MS));
    return hints;
}

describe('a notebook under random edits', () => {
    it(`answers within ${ANSWER_WITHIN_MS} ms over ${EDITS} seeded edits, and ends holding what a fresh server reads`, async () => {
        const next = random(20261205);
        const pick = (n: number) => Math.floor(next() * n);
        const cells: Cell[] = courseCells(notebookUri).map(c => ({ ...c }));
        const original = cells.map(c => c.text);
        openNotebook(client, cells);
        let added = 0;
        let version = 1;
        for (let edit = 0; edit < EDITS; edit++) {
            version++;
            const at = pick(cells.length);
            const cell = cells[at];
            const kind = pick(10);
            let change: unknown;
            if (kind < 6 && cell) {
                // An edit of part of one cell, as typing makes it.
                const text = edit % 40 === 0 ? original[at] ?? cell.text : mutate(cell.text, next);
                const lines = cell.text.split('\n');
                change = { cells: { textContent: [{ document: { uri: cell.uri, version }, changes: [{ range: { start: { line: 0, character: 0 }, end: { line: lines.length - 1, character: lines[lines.length - 1].length } }, text }] }] } };
                cells[at] = { ...cell, text };
            } else if (kind < 8) {
                // A new cell (code or Markdown), with a course model's text or a mutation of one.
                const uri = `vscode-notebook-cell:/fuzz/course.ipynb#N${added++}`;
                const markdown = pick(3) === 0;
                const text = markdown ? '## notes\n' : mutate(original[pick(original.length)] ?? '', next);
                const created: Cell = { uri, languageId: markdown ? 'markdown' : 'python', kind: markdown ? 1 : 2, text };
                change = { cells: { structure: { array: { start: at, deleteCount: 0, cells: [{ kind: created.kind, document: uri }] }, didOpen: [{ uri, languageId: created.languageId, version: 1, text }] } } };
                cells.splice(at, 0, created);
            } else if (cells.length > 1 && cell) {
                change = { cells: { structure: { array: { start: at, deleteCount: 1 }, didClose: [{ uri: cell.uri }] } } };
                cells.splice(at, 1);
            } else {
                continue;
            }
            client.notify('notebookDocument/didChange', { notebookDocument: { uri: notebookUri, version }, change });
            const target = cells[pick(cells.length)];
            const lines = target.text.split('\n');
            const line = pick(lines.length);
            const position = { line, character: pick((lines[line]?.length ?? 0) + 1) };
            const requests: Array<[string, unknown]> = [
                ['textDocument/inlayHint', { textDocument: { uri: target.uri }, range: EVERYWHERE }],
                ['textDocument/hover', { textDocument: { uri: target.uri }, position }],
                ['textDocument/codeAction', { textDocument: { uri: target.uri }, range: { start: position, end: position }, context: { diagnostics: [] } }],
                ['textDocument/codeLens', { textDocument: { uri: target.uri } }],
                ['rnnLens/models', { uri: target.uri }]
            ];
            const [method, params] = requests[edit % requests.length];
            await client.request(method, params, ANSWER_WITHIN_MS).catch(error => {
                throw new Error(`edit ${edit}, ${method}: ${error}`);
            });
            expect(client.alive).toBe(true);
        }
        const held = await allHints(client, cells);
        // Some models survive the edits: the comparison below is about hints, not empty lists.
        expect(held.filter(h => Array.isArray(h) && h.length > 0).length).toBeGreaterThan(0);
        const fresh = new LspClient();
        try {
            await fresh.initialize();
            openNotebook(fresh, cells);
            expect(held).toEqual(await allHints(fresh, cells));
        } finally {
            await fresh.shutdown();
        }
    }, 240_000);
});

describe('a Python file under random edits', () => {
    it(`answers within ${ANSWER_WITHIN_MS} ms over ${EDITS} seeded edits and stays alive`, async () => {
        const next = random(20261206);
        const uri = 'file:///fuzz/models.py';
        const original = courseFile();
        let text = original;
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
        for (let version = 2; version < EDITS + 2; version++) {
            text = version % 25 === 0 ? original : mutate(text, next);
            client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
            const lines = text.split('\n');
            const line = Math.floor(next() * lines.length);
            const position = { line, character: Math.floor(next() * ((lines[line]?.length ?? 0) + 1)) };
            const method = ['textDocument/inlayHint', 'textDocument/hover', 'textDocument/codeAction', 'textDocument/codeLens'][version % 4];
            await client.request(method, { textDocument: { uri }, range: EVERYWHERE, position, context: { diagnostics: [] } }, ANSWER_WITHIN_MS).catch(error => {
                throw new Error(`edit ${version}, ${method}: ${error}\n--- text ---\n${text}`);
            });
            expect(client.alive).toBe(true);
        }
    }, 240_000);
});
