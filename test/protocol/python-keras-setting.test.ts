/**
 * `rnnLens.keras` for Python over the real protocol: "auto" (the default an editor sends) follows
 * the code (Keras 2 where it imports tf_keras), "3" and "2" override it. The model tells the two
 * apart in its numbers: Keras 2 builds `AveragePooling1D()` (pool_size 2: (None, 5, 3)), Keras 3
 * refuses it (pool_size is required) and shows no shapes after it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { LspClient } from '../helpers/lsp-client.js';

const MODEL = 'model = keras.Sequential([\n    keras.Input(shape=(10, 3)),\n    keras.layers.AveragePooling1D(),\n    keras.layers.LSTM(4),\n])\n';
const LEGACY = { uri: 'file:///keras-setting-py/legacy.py', text: `import tf_keras as keras\n${MODEL}` };
const PLAIN = { uri: 'file:///keras-setting-py/plain.py', text: `import keras\n${MODEL}` };
const EVERYWHERE = { start: { line: 0, character: 0 }, end: { line: 100, character: 0 } };
let client: LspClient;

/** The hints of the pooling line and the LSTM line, as shown. */
async function hints(uri: string): Promise<{ pooling: string; lstm: string }> {
    const all: Array<{ position: { line: number }; label: string | Array<{ value: string }> }> = await client.request('textDocument/inlayHint', { textDocument: { uri }, range: EVERYWHERE });
    const on = (line: number) => all.filter(h => h.position.line === line).map(h => (typeof h.label === 'string' ? h.label : h.label.map(p => p.value).join(''))).join(' ');
    return { pooling: on(3), lstm: on(4) };
}

/** The codes of the errors last published for the document, once they are `expected` (diagnostics come after each change, later under load) or 5 s have passed. */
async function errors(uri: string, expected: readonly string[]): Promise<string[]> {
    const last = () => (client.notifications.filter(n => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri).at(-1)?.params.diagnostics ?? [])
        .filter((d: any) => d.severity === 1).map((d: any) => d.code as string);
    for (let waited = 0; waited < 5_000 && JSON.stringify(last()) !== JSON.stringify(expected); waited += 100) {
        await new Promise(resolve => setTimeout(resolve, 100));
    }
    return last();
}

function setKeras(value: string): void {
    client.settings = { keras: value };
    client.notify('workspace/didChangeConfiguration', { settings: { rnnLens: client.settings } });
}

beforeAll(async () => {
    ensureBuilt();
    client = new LspClient();
    client.settings = { keras: 'auto' };
    await client.initialize(client.settings);
    for (const { uri, text } of [LEGACY, PLAIN]) client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text } });
}, 60_000);

afterAll(async () => {
    await client?.shutdown();
});

describe('rnnLens.keras on Python code', () => {
    it('"auto": code that imports tf_keras gets Keras 2\'s numbers, plain Keras code Keras 3\'s', async () => {
        expect(await errors(PLAIN.uri, ['missing-argument'])).toEqual(['missing-argument']);
        const legacy = await hints(LEGACY.uri);
        expect(legacy.pooling).toContain('(None, 5, 3)');
        expect(legacy.lstm).toContain('(None, 4)');
        expect(legacy.lstm).toContain('128');
        expect(await errors(LEGACY.uri, [])).toEqual([]);
        const hover = await client.request('textDocument/hover', { textDocument: { uri: LEGACY.uri }, position: { line: 3, character: 20 } });
        expect(hover.contents.value).toContain('Keras 2 (tf-keras)');
        expect((await hints(PLAIN.uri)).pooling).not.toContain('(None');
        expect(await errors(PLAIN.uri, ['missing-argument'])).toEqual(['missing-argument']);
        // A .rnn file without a keras line: Keras 3; with one: its own.
        const rnn = 'model P {\n    Input(shape=(10, 3))\n    AveragePooling1D()\n    LSTM(4)\n}\n';
        client.notify('textDocument/didOpen', { textDocument: { uri: 'file:///keras-setting-py/p.rnn', languageId: 'rnn', version: 1, text: rnn } });
        client.notify('textDocument/didOpen', { textDocument: { uri: 'file:///keras-setting-py/p2.rnn', languageId: 'rnn', version: 1, text: `keras 2\n${rnn}` } });
        expect(await errors('file:///keras-setting-py/p.rnn', ['missing-argument'])).toEqual(['missing-argument']);
        expect(await errors('file:///keras-setting-py/p2.rnn', [])).toEqual([]);
    });

    it('"3" overrides the code: the tf_keras code gets Keras 3\'s verdict', async () => {
        setKeras('3');
        // The diagnostics first: once they are published, the server follows the new setting.
        expect(await errors(LEGACY.uri, ['missing-argument'])).toEqual(['missing-argument']);
        const legacy = await hints(LEGACY.uri);
        expect(legacy.pooling).not.toContain('(None');
        expect(legacy.lstm).not.toContain('128');
    });

    it('"2" overrides the code: plain Keras code gets Keras 2\'s numbers', async () => {
        setKeras('2');
        expect(await errors(PLAIN.uri, [])).toEqual([]);
        const plain = await hints(PLAIN.uri);
        expect(plain.pooling).toContain('(None, 5, 3)');
        expect(plain.lstm).toContain('128');
    });

    it('back to "auto": each file its own again', async () => {
        setKeras('auto');
        expect(await errors(PLAIN.uri, ['missing-argument'])).toEqual(['missing-argument']);
        expect((await hints(LEGACY.uri)).pooling).toContain('(None, 5, 3)');
        expect((await hints(PLAIN.uri)).pooling).not.toContain('(None');
    });
});
