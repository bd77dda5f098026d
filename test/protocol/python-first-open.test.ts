/**
 * The first moments of a Python file in VS Code, over the real protocol: opening a .py file
 * starts the extension, whose status bar asks `rnnLens/models` for it at once, before the client
 * has the server's registration of Python document sync and so before it sends didOpen (the
 * code-server e2e saw "The service registry contains no services for the extension '.py'").
 * The server waits a moment for the document to come and answers for it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { LspClient } from '../helpers/lsp-client.js';

const CODE = 'import keras\nfrom keras import layers\n\nmodel = keras.Sequential()\nmodel.add(layers.LSTM(4, input_shape=(3, 2)))\nmodel.add(layers.Dense(1))\n';
let client: LspClient;

beforeAll(async () => {
    ensureBuilt();
    client = new LspClient();
    await client.initializeAs('vscode');
}, 120_000);

afterAll(async () => {
    await client?.shutdown();
});

describe('rnnLens/models asked before didOpen', () => {
    it('answers with the models of a .py file whose didOpen follows the request', async () => {
        const uri = 'file:///x/first-open.py';
        const asked = client.request('rnnLens/models', { uri });
        await new Promise(r => setTimeout(r, 100));
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: CODE } });
        const { models } = await asked;
        expect(models.map((m: any) => m.totalParams)).toEqual([4 * (4 * (4 + 2) + 4) + 5]);
    });

    it('answers a notebook cell whose notebookDocument/didOpen follows the request', async () => {
        const notebook = 'file:///x/first-open.ipynb';
        const cell = 'vscode-notebook-cell:/x/first-open.ipynb#W0sZmlsZQ%3D%3D';
        const asked = client.request('rnnLens/models', { uri: cell });
        await new Promise(r => setTimeout(r, 100));
        client.notify('notebookDocument/didOpen', {
            notebookDocument: { uri: notebook, notebookType: 'jupyter-notebook', version: 1, cells: [{ kind: 2, document: cell }] },
            cellTextDocuments: [{ uri: cell, languageId: 'python', version: 1, text: CODE }]
        });
        const { models } = await asked;
        expect(models).toHaveLength(1);
    });

    it('still refuses, with an error and without waiting long, a .py file that is never opened', async () => {
        const started = Date.now();
        await expect(client.request('rnnLens/models', { uri: 'file:///x/never-opened.py' })).rejects.toThrow(/never-opened\.py/);
        expect(Date.now() - started).toBeLessThan(5_000);
        expect(client.alive).toBe(true);
    });
});
