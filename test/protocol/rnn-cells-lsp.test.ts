/**
 * RNN(cell) and Lambda in the real language server (`rnn-lens lsp --stdio`): the hover on RNN
 * gives its cell's formula with the values put in, the hover on a cell inside it explains the
 * cell, completion inside RNN( offers the cells and nothing else (and at the start of a line
 * the layers, not the cells), signature help shows a cell's arguments, and a Lambda without
 * output_shape is one information, nothing after it.
 */
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { openInServer, type LspClient } from '../helpers/lsp-client.js';

const text = [
    'model M {',
    '    Input(shape=(10, 3))',
    '    RNN(LSTMCell(4), return_sequences=True)',
    '    RNN(StackedRNNCells([GRUCell(3), SimpleRNNCell(2)]))',
    '    Lambda("lambda x: x * 2")',
    '    Dense(1)',
    '    RNN()',
    '    ',
    '}',
    ''
].join('\n');
const uri = pathToFileURL('/tmp/rnn-cells-lsp.rnn').href;
const lines = text.split('\n');
const at = (line: number, needle: string, offset = 0) => ({ line, character: lines[line].indexOf(needle) + offset });
let client: LspClient;

beforeAll(async () => {
    ensureBuilt();
    client = (await openInServer(uri, text)).client;
}, 60_000);

afterAll(async () => {
    await client?.shutdown();
});

const labels = (list: any): string[] => (Array.isArray(list) ? list : list.items).map((i: any) => i.label);

describe('RNN(cell) and Lambda in the language server', () => {
    it('publishes the Lambda\'s information and the empty RNN()\'s missing cell, nothing else', () => {
        const published = client.notifications.filter(n => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri).at(-1)!.params;
        expect(published.diagnostics.map((d: any) => [d.code, d.range.start.line])).toEqual([['unknown-output-shape', 4], ['missing-argument', 6]]);
        expect(published.diagnostics[0].severity).toBe(3);
    });

    it('hovers RNN with its cell\'s formula, values put in', async () => {
        const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: at(2, 'RNN', 1) });
        expect(hover.contents.value).toContain('4 × [4 × (4 + 3) + 4]');
        expect(hover.contents.value).toContain('RNN has no weights of its own');
        expect(hover.contents.value).toContain('(None, 10, 4)');
    });

    it('hovers a stacked cell with its own formula', async () => {
        const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: at(3, 'SimpleRNNCell', 2) });
        expect(hover.contents.value).toContain('1 × [2 × (2 + 3) + 2]');
    });

    it('completes cells inside RNN( and layers, not cells, at the start of a line', async () => {
        const inside = labels(await client.request('textDocument/completion', { textDocument: { uri }, position: at(6, ')') }));
        expect(inside).toEqual(expect.arrayContaining(['LSTMCell', 'GRUCell', 'SimpleRNNCell', 'StackedRNNCells']));
        expect(inside).not.toContain('LSTM');
        const top = labels(await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 7, character: 4 } }));
        expect(top).toEqual(expect.arrayContaining(['RNN', 'Lambda', 'LSTM']));
        expect(top).not.toContain('LSTMCell');
    });

    it('gives LSTMCell\'s signature inside RNN, units first', async () => {
        const help = await client.request('textDocument/signatureHelp', { textDocument: { uri }, position: at(2, '4)') });
        const signature = help.signatures[0];
        expect(signature.label.startsWith('LSTMCell(units, activation="tanh", recurrent_activation="sigmoid"')).toBe(true);
        expect(signature.label).not.toContain('return_sequences');
    });
});
