/**
 * The real language server over the real protocol: `rnn-lens lsp --stdio` as a child process,
 * spoken to in JSON-RPC, asserting on what comes back for the notebook's models.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../helpers/ensure-built.js';
import { LspClient, openInServer } from '../helpers/lsp-client.js';

const examplePath = join(ROOT, 'examples', 'advanced_rnn_theory.rnn');
const uri = pathToFileURL(examplePath).href;
const text = readFileSync(examplePath, 'utf8');
const lines = text.split('\n');
let client: LspClient;

/** The position of `needle` in the example (0-based), `offset` characters into it. */
function at(needle: string, offset = 0, occurrence = 0) {
    let seen = 0;
    for (let line = 0; line < lines.length; line++) {
        let from = 0;
        for (;;) {
            const character = lines[line].indexOf(needle, from);
            if (character < 0) break;
            if (seen++ === occurrence) return { line, character: character + offset };
            from = character + 1;
        }
    }
    throw new Error(`${needle} not in the example`);
}

beforeAll(async () => {
    ensureBuilt();
    const opened = await openInServer(uri, text);
    client = opened.client;
    expect(opened.initialized.capabilities.inlayHintProvider).toBeTruthy();
}, 60_000);

afterAll(async () => {
    await client?.shutdown();
});

describe('rnn-lens lsp --stdio', () => {
    it('publishes the notebook file\'s diagnostics: the three pooling remainders and nothing else', async () => {
        const published = client.notifications.filter(n => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri).at(-1)!.params;
        expect(published.diagnostics.map((d: any) => d.code)).toEqual(['pooling-drops-steps', 'pooling-drops-steps', 'pooling-drops-steps']);
        const pooling = published.diagnostics.filter((d: any) => d.code === 'pooling-drops-steps');
        expect(pooling).toHaveLength(3);
        expect(pooling.every((d: any) => d.source === 'rnn-lens' && d.severity === 2)).toBe(true);
    });

    it('answers inlay hints with Keras\'s shapes and counts after each layer and the totals on each model', async () => {
        const hints: any[] = await client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } });
        const labels = hints.map(h => h.label);
        for (const total of ['1,108 params', '3,890 params', '60,120 params', '53,809 params', '9,661 params', '15,301 params', '93,891 params']) {
            expect(labels).toContain(total);
        }
        const stackedLine = at('LSTM(40').line;
        const onStacked = hints.filter(h => h.position.line === stackedLine).map(h => h.label);
        expect(onStacked).toEqual(['(None, 10, 40)', '11,360 params']);
        const bidirectional = hints.find(h => h.position.line === at('Bidirectional(LSTM(60').line && h.label === '58,080 params');
        expect(bidirectional.tooltip).toContain('2 × 29,040 = 58,080');
    });

    it('follows edits: a Dense with 3 units changes the hint and the total', async () => {
        const line = at('Dense(1)', 0, 0).line;
        const edited = lines.map((l, i) => (i === line ? l.replace('Dense(1)', 'Dense(3)') : l)).join('\n');
        const published = client.waitFor('textDocument/publishDiagnostics', p => p.uri === uri);
        client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: edited }] });
        await published;
        const hints: any[] = await client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } });
        expect(hints.filter(h => h.position.line === line).map(h => h.label)).toEqual(['(None, 3)', '93 params']);
        expect(hints.map(h => h.label)).toContain('1,170 params');
        const restored = client.waitFor('textDocument/publishDiagnostics', p => p.uri === uri);
        client.notify('textDocument/didChange', { textDocument: { uri, version: 3 }, contentChanges: [{ text }] });
        await restored;
    });

    it('explains an LSTM on hover with its formula and the values put in', async () => {
        const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: at('LSTM(30, activation="relu", recurrent_dropout=0.2', 1) });
        expect(hover.contents.value).toContain('4 × [30 × (30 + 1) + 30] = 3,840');
        expect(hover.contents.value).toContain('(None, 10, 1)');
        // How RNN Lens trains it (recurrent dropout): the hover's training part, not a diagnostic.
        expect(hover.contents.value).toMatch(/\*\*Training in RNN Lens\*\*: .*dropout masks/);
        const gru = await client.request('textDocument/hover', { textDocument: { uri }, position: at('GRU(', 1) });
        expect(gru.contents.value).toMatch(/\*\*Training in RNN Lens\*\*: .*reset_after=True/);
    });

    it('offers the quick fix for a pooling remainder', async () => {
        const published = client.notifications.filter(n => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri).at(-1)!.params;
        const diagnostic = published.diagnostics.find((d: any) => d.code === 'pooling-drops-steps');
        const actions: any[] = await client.request('textDocument/codeAction', { textDocument: { uri }, range: diagnostic.range, context: { diagnostics: [diagnostic] } });
        expect(actions[0].title).toContain('padding="same"');
        const edit = actions[0].edit.changes[uri][0];
        expect(edit.newText).toBe(', padding="same"');
    });

    it('completes argument names of the call under the cursor, without those already given', async () => {
        const position = at('LSTM(30, activation="relu", recurrent_dropout=0.2', 'LSTM(30, '.length);
        const list = await client.request('textDocument/completion', { textDocument: { uri }, position });
        const labels = list.items.map((i: any) => i.label);
        expect(labels).toContain('return_sequences=');
        expect(labels).not.toContain('units=');
    });

    it('lists the models with their layers in the outline', async () => {
        const symbols: any[] = await client.request('textDocument/documentSymbol', { textDocument: { uri } });
        const models = symbols.filter(s => s.children?.length && ['SingleSimpleRNN', 'Monster2'].includes(s.name));
        expect(models.map(m => m.name)).toEqual(['SingleSimpleRNN', 'Monster2']);
        expect(models[1].children.filter((c: any) => /params/.test(c.detail ?? '')).length).toBeGreaterThanOrEqual(10);
    });

    it('renames a constant everywhere it is used', async () => {
        const edit = await client.request('textDocument/rename', { textDocument: { uri }, position: at('let n_steps', 4), newName: 'lookback' });
        const edits = edit.changes[uri] as any[];
        const uses = text.split(/\bn_steps\b/).length - 1;
        expect(edits).toHaveLength(uses);
        expect(edits.every(e => e.newText === 'lookback')).toBe(true);
    });

    it('answers rnnLens/summary and rnnLens/modelDescription for the extension', async () => {
        const summary = await client.request('rnnLens/summary', { uri, model: 'StackedBidirectional' });
        expect(summary.models[0].totalParams).toBe(15_301);
        expect(summary.text).toContain('Total params: 15,301');
        const description = await client.request('rnnLens/modelDescription', { uri, model: 'SingleLSTM' });
        expect(description.trainable).toBe(true);
        expect(description.model.layers.map((l: any) => l.kind)).toEqual(['Conv1D', 'MaxPooling1D', 'LSTM', 'Dropout', 'Dense']);
        const missing = await client.request('rnnLens/modelDescription', { uri, model: 'Nope' });
        expect(missing.error).toContain('Nope');
    });

    it('honours the inlay-hint settings from workspace/configuration', async () => {
        client.settings = { inlayHints: { shapes: true, params: false, totals: false, batchDimension: false } };
        client.notify('workspace/didChangeConfiguration', { settings: { rnnLens: client.settings } });
        const hints: any[] = await client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } });
        const stackedLine = at('LSTM(40').line;
        expect(hints.filter(h => h.position.line === stackedLine).map(h => h.label)).toEqual(['(10, 40)']);
        expect(hints.some(h => /params/.test(h.label))).toBe(false);
        client.settings = undefined;
        client.notify('workspace/didChangeConfiguration', { settings: { rnnLens: { inlayHints: {} } } });
    });

    it('marks a partial total in the hint\'s label itself: ≥ the sum of the layers it could count', async () => {
        const partialUri = 'file:///tmp/partial-total.rnn';
        const partial = 'model Partial {\n    Conv1D(3, 2, input_shape=(21, 9))\n    LSTM(30, return_sequences=True)\n    LTSM(4)\n    Dense(1)\n}\n';
        const published = client.waitFor('textDocument/publishDiagnostics', p => p.uri === partialUri);
        client.notify('textDocument/didOpen', { textDocument: { uri: partialUri, languageId: 'rnn', version: 1, text: partial } });
        await published;
        const hints: any[] = await client.request('textDocument/inlayHint', { textDocument: { uri: partialUri }, range: { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } } });
        const counted = hints.filter(h => h.position.line > 0 && / params$/.test(h.label)).map(h => Number(h.label.replace(/[^\d]/g, '')));
        expect(counted).toHaveLength(2);
        const total = hints.find(h => h.position.line === 0).label;
        expect(total).toBe(`≥ ${(counted[0] + counted[1]).toLocaleString('en-US')} params`);
        client.notify('textDocument/didClose', { textDocument: { uri: partialUri } });
    });

    it('shows a bad cell of the data(...) file before Train, on the feature, naming file, row and column', async () => {
        const dir = mkdtempSync(join(tmpdir(), 'rnn-lens-lsp-data-'));
        try {
            const rows = ['a,b,y', ...Array.from({ length: 40 }, (_, i) => `${i},${i % 5},${i}`)];
            rows[22] = '22,,22'; // spreadsheet row 23
            writeFileSync(join(dir, 'cells.csv'), rows.join('\n'));
            const source = 'model M {\n    Input(shape=(5, 2))\n    LSTM(4)\n    Dense(1)\n    data("cells.csv", features=["a", "b"], target="y", lookback=5)\n}\n';
            const dataUri = pathToFileURL(join(dir, 'cells.rnn')).href;
            const published = client.waitFor('textDocument/publishDiagnostics', p => p.uri === dataUri);
            client.notify('textDocument/didOpen', { textDocument: { uri: dataUri, languageId: 'rnn', version: 1, text: source } });
            const { diagnostics } = await published;
            const character = source.split('\n')[4].indexOf('"b"');
            expect(diagnostics).toEqual([expect.objectContaining({
                code: 'data-bad-cell', severity: 1,
                message: expect.stringMatching(/^cells\.csv, row 23, column "b": the cell is empty/),
                range: { start: { line: 4, character }, end: { line: 4, character: character + 3 } }
            })]);
            client.notify('textDocument/didClose', { textDocument: { uri: dataUri } });
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    });

    it('publishes again at the levels of rnnLens.diagnostics: a code turned on, another off', async () => {
        const next = () => client.waitFor('textDocument/publishDiagnostics', p => p.uri === uri);
        let published = next();
        client.notify('workspace/didChangeConfiguration', { settings: { rnnLens: { diagnostics: { 'slow-recurrent-kernel': 'warning', 'pooling-drops-steps': 'off' } } } });
        let codes = (await published).diagnostics.map((d: any) => [d.code, d.severity]);
        // The notebook's LSTM and GRU layers with activation="relu" or recurrent dropout.
        const slow = lines.filter(l => /^\s*(LSTM|GRU|Bidirectional\((LSTM|GRU))\(.*(relu|recurrent_dropout)/.test(l)).length;
        expect(slow).toBeGreaterThan(0);
        expect(codes).toEqual(Array.from({ length: slow }, () => ['slow-recurrent-kernel', 2]));
        published = next();
        client.notify('workspace/didChangeConfiguration', { settings: { rnnLens: { diagnostics: {} } } });
        codes = (await published).diagnostics.map((d: any) => d.code);
        expect(codes).toEqual(['pooling-drops-steps', 'pooling-drops-steps', 'pooling-drops-steps']);
    });
});

describe('rnn-lens lsp --stdio with the client\'s settings from the start', () => {
    it('publishes at the levels workspace/configuration gives: slow-recurrent-kernel on as a hint', async () => {
        const configured = new LspClient();
        try {
            configured.settings = { diagnostics: { 'slow-recurrent-kernel': 'hint' } };
            await configured.initialize(configured.settings);
            const hinted = configured.waitFor('textDocument/publishDiagnostics', p => p.uri === uri && p.diagnostics.some((d: any) => d.code === 'slow-recurrent-kernel'));
            configured.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'rnn', version: 1, text } });
            const { diagnostics } = await hinted;
            const slow = diagnostics.filter((d: any) => d.code === 'slow-recurrent-kernel');
            expect(slow.length).toBeGreaterThan(0);
            expect(slow.every((d: any) => d.severity === 4)).toBe(true);
            expect(diagnostics.filter((d: any) => d.code === 'pooling-drops-steps')).toHaveLength(3);
        } finally {
            await configured.shutdown();
        }
    });
});
