/**
 * The layers of issue 15 in the real language server (`rnn-lens lsp --stdio`): an alias is
 * explained on hover as the layer Keras's summary names, completion offers the aliases and the
 * new layers, signature help shows their arguments, and a LoRA Dense's hover has its formula.
 */
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { openInServer, type LspClient } from '../helpers/lsp-client.js';

const text = [
    'model M {',
    '    Input(shape=(10, 3))',
    '    MaxPool1D(2)',
    '    PReLU(shared_axes=[1])',
    '    Dense(5, lora_rank=2)',
    '    ',
    '}',
    ''
].join('\n');
const uri = pathToFileURL('/tmp/issue15-layers.rnn').href;
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

describe('issue 15\'s layers in the language server', () => {
    it('publishes no diagnostic for the model: the alias, PReLU and the LoRA Dense are all fine', () => {
        const published = client.notifications.filter(n => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri).at(-1)!.params;
        expect(published.diagnostics).toEqual([]);
    });

    it('explains MaxPool1D as Keras\'s other name for MaxPooling1D, with its summary naming and shape', async () => {
        const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: at(2, 'MaxPool1D', 2) });
        expect(hover.contents.value).toContain('`MaxPool1D` is Keras\'s other name for `MaxPooling1D`');
        expect(hover.contents.value).toContain('max_pooling1d (MaxPooling1D)');
        expect(hover.contents.value).toContain('(None, 5, 3)');
    });

    it('shows the LoRA formula of a Dense with lora_rank on hover: the kernel frozen, r(i + u) trained', async () => {
        const hover = await client.request('textDocument/hover', { textDocument: { uri }, position: at(4, 'Dense', 1) });
        expect(hover.contents.value).toContain('3 × 5 + 2 × (3 + 5) + 5');
        expect(hover.contents.value).toMatch(/15 kernel weights are frozen/);
    });

    it('completes the aliases and the new layers at the start of a line', async () => {
        const list = await client.request('textDocument/completion', { textDocument: { uri }, position: { line: 5, character: 4 } });
        const labels = (Array.isArray(list) ? list : list.items).map((i: any) => i.label);
        for (const name of ['MaxPool1D', 'AvgPool1D', 'GlobalMaxPool1D', 'GlobalAvgPool1D', 'Convolution1D', 'ReLU', 'LeakyReLU', 'PReLU', 'ELU', 'Softmax', 'GaussianNoise', 'GaussianDropout', 'AlphaDropout']) {
            expect(labels).toContain(name);
        }
    });

    it('gives PReLU\'s signature with shared_axes active at its value', async () => {
        const help = await client.request('textDocument/signatureHelp', { textDocument: { uri }, position: at(3, '[1]') });
        const signature = help.signatures[0];
        expect(signature.label.startsWith('PReLU(')).toBe(true);
        const [from, to] = signature.parameters[help.activeParameter].label;
        expect(signature.label.slice(from, to)).toMatch(/^shared_axes/);
    });
});
