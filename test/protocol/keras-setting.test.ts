/**
 * The `rnnLens.keras` setting over the real protocol: the server fetches it at start
 * (workspace/configuration), a change re-analyses the open documents and publishes their
 * diagnostics again, and a file's own `keras N` line wins over it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { LspClient } from '../helpers/lsp-client.js';

const POOLING = 'model P {\n    Input(shape=(10, 3))\n    AveragePooling1D()\n    LSTM(4)\n}\n';
const plain = 'file:///keras-setting/plain.rnn';
const pinned = 'file:///keras-setting/pinned.rnn';
let client: LspClient;

function codes(params: { diagnostics: Array<{ code: string; severity: number }> }): string[] {
    return params.diagnostics.map(d => `${d.severity} ${d.code}`);
}

/** Opens a document and gives its diagnostics once they are free of errors (the fetched setting may land just after the first analysis). */
async function open(uri: string, text: string) {
    const published = client.waitFor('textDocument/publishDiagnostics', p => p.uri === uri && p.diagnostics.every((d: any) => d.severity !== 1));
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'rnn', version: 1, text } });
    return published;
}

beforeAll(async () => {
    ensureBuilt();
    client = new LspClient();
    client.settings = { keras: '2' };
    await client.initialize(client.settings);
}, 60_000);

afterAll(async () => {
    await client?.shutdown();
});

describe('the rnnLens.keras setting', () => {
    it('gives the default version: "2" builds AveragePooling1D() and says what Keras 3 would do', async () => {
        const first = await open(plain, POOLING);
        expect(codes(first), JSON.stringify(first.diagnostics)).toEqual(["3 keras-version-difference"]);
        const hover = await client.request('textDocument/hover', { textDocument: { uri: plain }, position: { line: 3, character: 5 } });
        expect(hover.contents.value).toContain('_As Keras 2 (tf-keras) builds it._');
    });

    it('is followed again when it changes, and a file\'s own keras line wins over it', async () => {
        expect(codes(await open(pinned, `keras 2\n${POOLING}`))).toEqual(['3 keras-version-difference']);
        const republished = client.waitFor('textDocument/publishDiagnostics', p => p.uri === plain && p.diagnostics.some((d: any) => d.severity === 1));
        client.settings = { keras: '3' };
        client.notify('workspace/didChangeConfiguration', { settings: { rnnLens: client.settings } });
        const now = await republished;
        expect(codes(now)).toEqual(['1 missing-argument']);
        expect(now.diagnostics[0].message).toContain('AveragePooling1D needs pool_size in Keras 3');
        const hover = await client.request('textDocument/hover', { textDocument: { uri: pinned }, position: { line: 4, character: 5 } });
        expect(hover.contents.value).toContain('_As Keras 2 (tf-keras) builds it._');
        const keyword = await client.request('textDocument/hover', { textDocument: { uri: pinned }, position: { line: 0, character: 2 } });
        expect(keyword.contents.value).toContain('this file follows Keras 2 (tf-keras), whatever the `rnnLens.keras` setting');
        const last = client.notifications.filter(n => n.method === 'textDocument/publishDiagnostics' && n.params.uri === pinned).at(-1)!;
        expect(codes(last.params)).toEqual(['3 keras-version-difference']);
    });

    it('follows an edit of the keras line at once (the models themselves unchanged)', async () => {
        const republished = client.waitFor('textDocument/publishDiagnostics', p => p.uri === pinned && p.diagnostics.some((d: any) => d.severity === 1));
        client.notify('textDocument/didChange', {
            textDocument: { uri: pinned, version: 2 },
            contentChanges: [{ range: { start: { line: 0, character: 6 }, end: { line: 0, character: 7 } }, text: '3' }]
        });
        expect(codes(await republished)).toEqual(['1 missing-argument']);
    });
});
