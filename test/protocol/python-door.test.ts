/**
 * The Python door over the real protocol (`rnn-lens lsp --stdio`): the course's seven models as a
 * Python file and as notebook cells (LSP 3.17 notebook sync) get the hints `rnn-lens summary
 * --json` gives the imported code, the teaching hover, the diagnostics and quick fixes that edit
 * the Python (and leave Python that parses), and the notebook's hints follow an edit of one cell.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatCount } from '../../language/src/catalog/numbers.js';
import { formatShape } from '../../language/src/catalog/shape.js';
import { applyEdits } from '../helpers/apply-edits.js';
import { cliSuite, runCli } from '../helpers/cli-run.js';
import { ROOT } from '../helpers/ensure-built.js';
import { LspClient } from '../helpers/lsp-client.js';
import { COURSE_MODELS, courseCells, courseFile, courseModelCode, type Cell } from '../helpers/python-course.js';

const files = cliSuite('rnn-lens-python-door-');
const pyUri = 'file:///course/models.py';
const notebookUri = 'file:///course/course.ipynb';
const EVERYWHERE = { start: { line: 0, character: 0 }, end: { line: 100_000, character: 0 } };
let client: LspClient;

/** The labels `rnn-lens summary --json` gives each model of a Python file, after `rnn-lens import`. */
function expectedLabels(python: string): Map<string, { totals: string; layers: string[] }> {
    const rnn = runCli('import', files.file(`code-${Math.random().toString(36).slice(2)}.py`, python));
    expect(rnn.status, rnn.stderr).toBe(0);
    const summary = runCli('summary', '--json', files.file(`imported-${Math.random().toString(36).slice(2)}.rnn`, rnn.stdout));
    expect(summary.status, summary.stderr).toBe(0);
    const models = JSON.parse(summary.stdout).models as any[];
    return new Map(models.map(m => [m.name, {
        totals: formatCount(m.totalParams),
        layers: m.layers.flatMap((l: any) => [formatShape(l.outputShape), `${formatCount(l.params)} params`])
    }]));
}

/** The hints the server gives inside each model's range, by model name (layers' labels in order, and the totals label). */
async function hintsByModel(uri: string): Promise<Map<string, { totals: string[]; layers: string[] }>> {
    const hints: any[] = await client.request('textDocument/inlayHint', { textDocument: { uri }, range: EVERYWHERE });
    const { models } = await client.request('rnnLens/models', { uri });
    const inside = (p: any, r: any) => (p.line > r.start.line || (p.line === r.start.line && p.character >= r.start.character)) && (p.line < r.end.line || (p.line === r.end.line && p.character <= r.end.character));
    return new Map(models.map((m: any) => {
        const own = (hints ?? []).filter(h => inside(h.position, m.range));
        return [m.name, { totals: own.filter(h => h.kind === undefined).map(h => h.label), layers: own.filter(h => h.kind !== undefined).map(h => h.label) }];
    }));
}

function openNotebook(cells: readonly Cell[]): void {
    client.notify('notebookDocument/didOpen', {
        notebookDocument: { uri: notebookUri, notebookType: 'jupyter-notebook', version: 1, cells: cells.map(c => ({ kind: c.kind, document: c.uri })) },
        cellTextDocuments: cells.map(c => ({ uri: c.uri, languageId: c.languageId, version: 1, text: c.text }))
    });
}

function parsesAsPython(text: string): boolean {
    return spawnSync('python3', ['-c', 'import ast,sys; ast.parse(sys.stdin.read())'], { input: text }).status === 0;
}

beforeAll(async () => {
    client = new LspClient();
    await client.initialize();
}, 120_000);

afterAll(async () => {
    await client?.shutdown();
});

describe('a Python file of the course models', () => {
    it('gets, for each model, the hints rnn-lens summary --json gives the imported code', async () => {
        const text = courseFile();
        client.notify('textDocument/didOpen', { textDocument: { uri: pyUri, languageId: 'python', version: 1, text } });
        const expected = expectedLabels(text);
        const got = await hintsByModel(pyUri);
        expect([...got.keys()].sort()).toEqual([...COURSE_MODELS].sort());
        for (const [name, labels] of expected) {
            expect(got.get(name)?.layers, name).toEqual(labels.layers);
            expect(got.get(name)?.totals, name).toHaveLength(1);
            expect(got.get(name)!.totals[0], name).toContain(labels.totals);
        }
    }, 60_000);

    it('puts the totals after the line that makes the model', async () => {
        const lines = courseFile().split('\n');
        const hints: any[] = await client.request('textDocument/inlayHint', { textDocument: { uri: pyUri }, range: EVERYWHERE });
        const totals = hints.filter(h => h.kind === undefined);
        expect(totals).toHaveLength(COURSE_MODELS.length);
        for (const hint of totals) {
            expect(lines[hint.position.line]).toMatch(/^model = keras\.Sequential\(/);
            expect(hint.position.character).toBe(lines[hint.position.line].length);
        }
    });

    it('answers a hover on a layer call\'s name with the teaching hover, its formula with the values put in', async () => {
        const lines = courseFile().split('\n');
        const line = lines.findIndex(l => l.includes('layers.LSTM(30'));
        const character = lines[line].indexOf('LSTM(30') + 1;
        const hover = await client.request('textDocument/hover', { textDocument: { uri: pyUri }, position: { line, character } });
        expect(hover.contents.value).toContain('**LSTM**');
        expect(hover.contents.value).toMatch(/4 × \[30 × \(30 \+ \d+\) \+ 30\] = [\d,]+/);
        expect(hover.range.start).toEqual({ line, character: lines[line].indexOf('LSTM(30') });
        // Not on a layer: nothing.
        expect(await client.request('textDocument/hover', { textDocument: { uri: pyUri }, position: { line: 0, character: 1 } })).toBeNull();
    });

    it('says a missing return_sequences on the Python call, and its quick fix edits only that call into Python that parses', async () => {
        const original = courseModelCode('StackedLSTM', 'add');
        const good = [...original.header, ...original.body].join('\n') + '\n';
        const broken = good.replace('recurrent_dropout=0.1, return_sequences=True))', 'recurrent_dropout=0.1))');
        expect(broken).not.toBe(good);
        const uri = 'file:///course/broken.py';
        const published = client.waitFor('textDocument/publishDiagnostics', p => p.uri === uri);
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: broken } });
        const { diagnostics } = await published;
        expect(diagnostics.map((d: any) => d.code)).toEqual(['missing-return-sequences']);
        const [diagnostic] = diagnostics;
        const brokenLines = broken.split('\n');
        expect(brokenLines[diagnostic.range.start.line]).toMatch(/^model\.add\(layers\.LSTM\(/);
        const actions = await client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
        const fix = actions.find((a: any) => /return_sequences/.test(a.title));
        expect(fix, JSON.stringify(actions)).toBeDefined();
        expect(Object.keys(fix.edit.changes)).toEqual([uri]);
        const fixed = applyEdits(broken, fix.edit.changes[uri]);
        expect(parsesAsPython(fixed)).toBe(true);
        // Only the call changed: the lines around it are byte-identical.
        const fixedLines = fixed.split('\n');
        expect(fixedLines.length).toBe(brokenLines.length);
        expect(fixedLines.filter((l, i) => l !== brokenLines[i])).toHaveLength(1);
        const cleared = client.waitFor('textDocument/publishDiagnostics', p => p.uri === uri);
        client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: fixed }] });
        expect((await cleared).diagnostics).toEqual([]);
        client.notify('textDocument/didClose', { textDocument: { uri } });
    });

    it('gets nothing for Python that is not a Keras Sequential model', async () => {
        const uri = 'file:///course/plain.py';
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: 'import os\n\ndef main():\n    print(os.getcwd())\n' } });
        expect(await client.request('textDocument/inlayHint', { textDocument: { uri }, range: EVERYWHERE })).toEqual([]);
        expect(await client.request('textDocument/codeLens', { textDocument: { uri } })).toEqual([]);
        expect(await client.request('textDocument/hover', { textDocument: { uri }, position: { line: 2, character: 5 } })).toBeNull();
        for (const method of ['textDocument/completion', 'textDocument/documentSymbol', 'textDocument/semanticTokens/full', 'textDocument/formatting']) {
            expect(await client.request(method, { textDocument: { uri }, position: { line: 0, character: 0 }, options: { tabSize: 4, insertSpaces: true } })).toBeNull();
        }
        await new Promise(resolve => setTimeout(resolve, 200));
        expect(client.notifications.some(n => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri)).toBe(false);
    });
});

describe('the course notebook, examples/advanced_rnn_theory.ipynb', () => {
    it('gets in its cells the hints rnn-lens summary --json gives the notebook', async () => {
        const path = join(ROOT, 'examples', 'advanced_rnn_theory.ipynb');
        const uri = pathToFileURL(path).href;
        const notebook = JSON.parse(readFileSync(path, 'utf8'));
        const cells: Cell[] = notebook.cells.map((cell: any, i: number) => ({
            uri: `vscode-notebook-cell:${new URL(uri).pathname}#C${i}`,
            kind: cell.cell_type === 'code' ? 2 : 1,
            languageId: cell.cell_type === 'code' ? 'python' : 'markdown',
            text: Array.isArray(cell.source) ? cell.source.join('') : cell.source
        }));
        client.notify('notebookDocument/didOpen', {
            notebookDocument: { uri, notebookType: 'jupyter-notebook', version: 1, cells: cells.map(c => ({ kind: c.kind, document: c.uri })) },
            cellTextDocuments: cells.map(c => ({ uri: c.uri, languageId: c.languageId, version: 1, text: c.text }))
        });
        const summary = runCli('summary', '--json', path);
        expect(summary.status, summary.stderr).toBe(0);
        const expected = JSON.parse(summary.stdout).models as any[];
        expect(expected).toHaveLength(7);
        // A model's hints may lie in several cells (made in one, its layers added in the next): gathered in cell order.
        const got = new Map<string, { totals: string[]; layers: string[] }>();
        for (const cell of cells) {
            for (const [name, labels] of await hintsByModel(cell.uri)) {
                const into = got.get(name) ?? { totals: [], layers: [] };
                into.totals.push(...labels.totals);
                into.layers.push(...labels.layers);
                got.set(name, into);
            }
        }
        for (const model of expected) {
            expect(got.get(model.name)?.layers, model.name).toEqual(model.layers.flatMap((l: any) => [formatShape(l.outputShape), `${formatCount(l.params)} params`]));
            expect(got.get(model.name)?.totals, model.name).toHaveLength(1);
            expect(got.get(model.name)!.totals[0]).toContain(formatCount(model.totalParams));
        }
        client.notify('notebookDocument/didClose', { notebookDocument: { uri }, cellTextDocuments: cells.map(c => ({ uri: c.uri })) });
    }, 60_000);
});

describe('a notebook of the course models (notebook document sync)', () => {
    const cells = courseCells(notebookUri);
    const codeCells = cells.filter(c => c.languageId === 'python' && !c.text.startsWith('%%'));

    it('gets each model\'s hints in its own cell, the constants coming from the first cell', async () => {
        openNotebook(cells);
        const expected = expectedLabels(cells.filter(c => c.kind === 2 && !c.text.startsWith('%%')).map(c => c.text.replace(/^!.*$/m, '')).join('\n'));
        for (const [index, name] of COURSE_MODELS.entries()) {
            const cell = codeCells[index + 1];
            const got = await hintsByModel(cell.uri);
            expect([...got.keys()], cell.uri).toEqual([name]);
            expect(got.get(name)!.layers).toEqual(expected.get(name)!.layers);
            expect(got.get(name)!.totals[0]).toContain(expected.get(name)!.totals);
        }
        // The setup cell, the %%bash cell and the Markdown cells hold no model.
        for (const cell of cells.filter(c => !codeCells.slice(1).includes(c))) {
            expect(await client.request('textDocument/inlayHint', { textDocument: { uri: cell.uri }, range: EVERYWHERE }), cell.uri).toEqual([]);
        }
    }, 60_000);

    it('follows a didChange of one cell: its hints change, the others stay', async () => {
        const cell = codeCells[2]; // SingleLSTM
        const before = await hintsByModel(cell.uri);
        const others = await hintsByModel(codeCells[3].uri);
        const lines = cell.text.split('\n');
        const line = lines.findIndex(l => /layers\.LSTM\(\d+/.test(l));
        const units = /layers\.LSTM\((\d+)/.exec(lines[line])!;
        const character = lines[line].indexOf(units[1]);
        client.notify('notebookDocument/didChange', {
            notebookDocument: { uri: notebookUri, version: 2 },
            change: { cells: { textContent: [{ document: { uri: cell.uri, version: 2 }, changes: [{ range: { start: { line, character }, end: { line, character: character + units[1].length } }, text: '7' }] }] } }
        });
        const after = await hintsByModel(cell.uri);
        const name = COURSE_MODELS[1];
        expect(after.get(name)!.layers).not.toEqual(before.get(name)!.layers);
        expect(after.get(name)!.layers.some(l => l.includes(', 7)') || l === '(None, 7)')).toBe(true);
        expect(await hintsByModel(codeCells[3].uri)).toEqual(others);
    });

    it('publishes a cell\'s diagnostics to that cell, and its quick fix edits that cell', async () => {
        const cell = codeCells[3]; // StackedLSTM
        const fixedText = cell.text;
        const broken = fixedText.replace('recurrent_dropout=0.1, return_sequences=True))', 'recurrent_dropout=0.1))');
        const published = client.waitFor('textDocument/publishDiagnostics', p => p.uri === cell.uri && p.diagnostics.length > 0);
        client.notify('notebookDocument/didChange', {
            notebookDocument: { uri: notebookUri, version: 3 },
            change: { cells: { textContent: [{ document: { uri: cell.uri, version: 3 }, changes: [{ text: broken }] }] } }
        });
        const { diagnostics } = await published;
        expect(diagnostics.map((d: any) => d.code)).toEqual(['missing-return-sequences']);
        const actions = await client.request('textDocument/codeAction', { textDocument: { uri: cell.uri }, range: diagnostics[0].range, context: { diagnostics } });
        const fix = actions.find((a: any) => /return_sequences/.test(a.title));
        expect(Object.keys(fix.edit.changes)).toEqual([cell.uri]);
        const fixed = applyEdits(broken, fix.edit.changes[cell.uri]);
        expect(parsesAsPython(fixed)).toBe(true);
        expect(fixed.split('\n').filter((l, i) => l !== broken.split('\n')[i])).toHaveLength(1);
    });

    it('forgets a closed notebook: its cells get nothing and their diagnostics are cleared', async () => {
        const cleared = client.waitFor('textDocument/publishDiagnostics', p => p.uri === codeCells[3].uri && p.diagnostics.length === 0);
        client.notify('notebookDocument/didClose', { notebookDocument: { uri: notebookUri }, cellTextDocuments: cells.map(c => ({ uri: c.uri })) });
        await cleared;
        expect(await client.request('textDocument/inlayHint', { textDocument: { uri: codeCells[1].uri }, range: EVERYWHERE })).toBeNull();
        expect(client.alive).toBe(true);
    });
});
