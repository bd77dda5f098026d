/**
 * Files opened at once (an editor restoring its tabs, `:args *.rnn`) each get their diagnostics,
 * through the real `rnn-lens lsp --stdio`. Langium 4.3 lost them for a document validated just
 * before the next didOpen cancelled its build (lsp/document-builder.ts); without the fix most
 * fresh servers below left the first file without any.
 */
import { expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { LspClient } from '../helpers/lsp-client.js';

/** AveragePooling1D() without pool_size: Keras 3 refuses it (missing-argument), so every file has one error to publish. */
const MODEL = 'model P {\n    Input(shape=(10, 3))\n    AveragePooling1D()\n    LSTM(4)\n}\n';
const FILES = ['a.rnn', 'b.rnn', 'c.rnn'].map(name => `file:///open-together/${name}`);

async function publishedCodes(client: LspClient, uri: string): Promise<string[] | undefined> {
    const last = () => client.notifications.filter(n => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uri).at(-1)?.params.diagnostics;
    for (let waited = 0; waited < 10_000 && last() === undefined; waited += 50) await new Promise(resolve => setTimeout(resolve, 50));
    return last()?.map((d: { code: string }) => d.code);
}

it('every file opened at once gets its diagnostics, in fresh servers again and again', async () => {
    ensureBuilt();
    for (let round = 0; round < 5; round++) {
        const client = new LspClient();
        try {
            await client.initialize({ keras: 'auto' });
            for (const uri of FILES) client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'rnn', version: 1, text: MODEL } });
            for (const uri of FILES) expect(await publishedCodes(client, uri), `round ${round}: ${uri}`).toEqual(['missing-argument']);
        } finally {
            await client.shutdown();
        }
    }
}, 120_000);
