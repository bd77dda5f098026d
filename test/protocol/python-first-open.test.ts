/**
 * The first moments of a Python file in VS Code, over the real protocol: opening a .py file
 * starts the extension, whose status bar asks `rnnLens/models` for it at once, before the client
 * has the server's registration of Python document sync and so before it sends didOpen (the
 * code-server e2e saw "The service registry contains no services for the extension '.py'").
 * The server waits a moment for the document to come and answers for it, and so for the lenses,
 * hints, hovers and quick fixes VS Code may ask of a file just before its didOpen (a .py file
 * opened without a ▶ Train above its model, in code-server e2e). Should a request still go
 * unanswered (one that waited longer than that): once a Python program is first
 * read, a client that declared refreshSupport is asked to refresh its lenses and hints (once per
 * opening, not per edit); one that did not is sent nothing of the kind.
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

describe('lenses and hints asked before didOpen', () => {
    const EVERYWHERE = { start: { line: 0, character: 0 }, end: { line: 99, character: 0 } };

    it('answers a .py file\'s code lenses and inlay hints asked before its didOpen with the file\'s', async () => {
        const uri = 'file:///x/lenses-first.py';
        const lenses = client.request('textDocument/codeLens', { textDocument: { uri } });
        const hints = client.request('textDocument/inlayHint', { textDocument: { uri }, range: EVERYWHERE });
        await new Promise(r => setTimeout(r, 100));
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: CODE } });
        const lensTitles = (await lenses).map((l: any) => l.command.title);
        expect(lensTitles).toContain('▶ Train');
        // The same lenses as asked after the didOpen.
        const after = await client.request('textDocument/codeLens', { textDocument: { uri } });
        expect(lensTitles).toEqual(after.map((l: any) => l.command.title));
        const label = (h: any) => typeof h.label === 'string' ? h.label : h.label.map((p: any) => p.value).join('');
        const early = (await hints).map(label);
        expect(early.join(' ')).toContain('params');
        expect(early).toEqual((await client.request('textDocument/inlayHint', { textDocument: { uri }, range: EVERYWHERE })).map(label));
    });

    it('answers null, without waiting long, for a document never opened, and at once for an open one of another language', async () => {
        let started = Date.now();
        expect(await client.request('textDocument/codeLens', { textDocument: { uri: 'file:///x/never-opened-lens.py' } })).toBeNull();
        expect(Date.now() - started).toBeLessThan(5_000);
        const text = 'untitled:Untitled-9';
        client.notify('textDocument/didOpen', { textDocument: { uri: text, languageId: 'plaintext', version: 1, text: 'model = Sequential()' } });
        started = Date.now();
        expect(await client.request('textDocument/codeLens', { textDocument: { uri: text } })).toBeNull();
        expect(Date.now() - started).toBeLessThan(1_000);
        expect(client.alive).toBe(true);
    });
});

describe('lenses and hints refreshed once a Python program is first read', () => {
    const refreshes = (c: LspClient) => c.serverRequests.filter(r => r.method === 'workspace/codeLens/refresh' || r.method === 'workspace/inlayHint/refresh').map(r => r.method);
    const waitFor = async (done: () => boolean) => {
        for (let i = 0; i < 100 && !done(); i++) await new Promise(r => setTimeout(r, 50));
    };

    it('asks VS Code to refresh its lenses and hints after a .py file opens, once, not after each edit', async () => {
        const before = refreshes(client).length;
        const uri = 'file:///x/refresh-on-open.py';
        client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: CODE } });
        await waitFor(() => refreshes(client).length >= before + 2);
        expect(refreshes(client).slice(before).sort()).toEqual(['workspace/codeLens/refresh', 'workspace/inlayHint/refresh']);
        const lenses = await client.request('textDocument/codeLens', { textDocument: { uri } });
        expect(lenses.map((l: any) => l.command.title)).toContain('▶ Train');
        client.notify('textDocument/didChange', { textDocument: { uri, version: 2 }, contentChanges: [{ text: `${CODE}# more\n` }] });
        await client.request('textDocument/codeLens', { textDocument: { uri } });
        await new Promise(r => setTimeout(r, 300));
        expect(refreshes(client).length).toBe(before + 2);
    });

    it('sends no refresh to a client that did not declare it (Emacs eglot 1.9)', async () => {
        const eglot = new LspClient();
        try {
            await eglot.initializeAs('eglot-1.9');
            const uri = 'file:///x/refresh-eglot.py';
            eglot.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'python', version: 1, text: CODE } });
            await eglot.request('textDocument/codeLens', { textDocument: { uri } });
            await new Promise(r => setTimeout(r, 300));
            expect(refreshes(eglot)).toEqual([]);
        } finally {
            await eglot.shutdown();
        }
    });
});
