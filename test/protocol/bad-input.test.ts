/**
 * What a client may send that it should not: requests before `initialize`, unknown methods,
 * documents of other languages, positions past the end, documents never opened, malformed params
 * and broken JSON. The real server over stdio answers each with the LSP error that says what is
 * wrong (ServerNotInitialized, MethodNotFound, InvalidParams) or ignores it, never throws or
 * exits, and after each still answers a normal request.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, exampleText, exampleUri } from '../helpers/editor-session.js';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { LspClient } from '../helpers/lsp-client.js';

const SERVER_NOT_INITIALIZED = /^-32002:/;
const METHOD_NOT_FOUND = /^-32601:/;
const INVALID_PARAMS = /^-32602:/;
const FAR = { line: 1_000_000, character: 1_000_000 };
const pyUri = 'file:///workspace/train.py';
const neverOpened = 'file:///workspace/never-opened.rnn';
let client: LspClient;

/** A normal request: the hover on the notebook's first LSTM still explains it. */
async function stillWorks(): Promise<void> {
    const hover = await client.request('textDocument/hover', { textDocument: { uri: exampleUri }, position: at('LSTM(30, activation="relu", recurrent_dropout=0.2', 1) });
    expect(hover.contents.value).toContain('3,840');
    expect(client.alive).toBe(true);
}

beforeAll(() => {
    ensureBuilt();
    client = new LspClient();
});

afterAll(async () => {
    await client?.shutdown();
});

describe('bad input over stdio', () => {
    it('answers requests before initialize with ServerNotInitialized and drops notifications, then initializes', async () => {
        await expect(client.request('textDocument/hover', { textDocument: { uri: exampleUri }, position: { line: 0, character: 0 } })).rejects.toThrow(SERVER_NOT_INITIALIZED);
        await expect(client.request('shutdown')).rejects.toThrow(SERVER_NOT_INITIALIZED);
        // Dropped: the document is not open after initialize.
        client.notify('textDocument/didOpen', { textDocument: { uri: neverOpened, languageId: 'rnn', version: 1, text: 'model A {\n}\n' } });
        const init = await client.initialize();
        expect(init.serverInfo.name).toBe('rnn-lens');
        await expect(client.request('textDocument/documentSymbol', { textDocument: { uri: neverOpened } })).rejects.toThrow(INVALID_PARAMS);
        const published = client.waitFor('textDocument/publishDiagnostics', p => p.uri === exampleUri);
        client.notify('textDocument/didOpen', { textDocument: { uri: exampleUri, languageId: 'rnn', version: 1, text: exampleText } });
        await published;
        await stillWorks();
    });

    it('answers unknown requests with MethodNotFound and ignores unknown notifications', async () => {
        await expect(client.request('rnnLens/noSuchThing', {})).rejects.toThrow(METHOD_NOT_FOUND);
        await expect(client.request('textDocument/noSuchThing', { textDocument: { uri: exampleUri } })).rejects.toThrow(METHOD_NOT_FOUND);
        client.notify('custom/whatever', { a: 1 });
        client.notify('$/setTrace', { value: 'off' });
        await stillWorks();
    });

    it('leaves documents of other languages alone, and gives Python without a model nothing: it is not built as .rnn and does not kill the server', async () => {
        client.notify('textDocument/didOpen', { textDocument: { uri: pyUri, languageId: 'python', version: 1, text: 'import keras\nmodel = keras.Sequential()\n' } });
        client.notify('textDocument/didOpen', { textDocument: { uri: 'untitled:Untitled-1', languageId: 'plaintext', version: 1, text: 'hello' } });
        client.notify('textDocument/didChange', { textDocument: { uri: pyUri, version: 2 }, contentChanges: [{ text: 'import os\n' }] });
        for (const method of ['textDocument/hover', 'textDocument/completion', 'textDocument/signatureHelp', 'textDocument/definition']) {
            expect(await client.request(method, { textDocument: { uri: pyUri }, position: { line: 0, character: 3 } })).toBeNull();
        }
        // The Python door's (python/): no model, no hint.
        expect(await client.request('textDocument/inlayHint', { textDocument: { uri: pyUri }, range: { start: { line: 0, character: 0 }, end: { line: 9, character: 0 } } })).toEqual([]);
        expect(await client.request('textDocument/documentSymbol', { textDocument: { uri: 'untitled:Untitled-1' } })).toBeNull();
        client.notify('textDocument/didClose', { textDocument: { uri: pyUri } });
        await stillWorks();
        expect(client.notifications.some(n => n.method === 'textDocument/publishDiagnostics' && n.params.uri === pyUri)).toBe(false);
    });

    it('answers positions past the end of the document without error', async () => {
        const document = { textDocument: { uri: exampleUri } };
        expect(await client.request('textDocument/hover', { ...document, position: FAR })).toBeNull();
        expect((await client.request('textDocument/completion', { ...document, position: FAR })).items.length).toBeGreaterThan(0);
        expect(await client.request('textDocument/signatureHelp', { ...document, position: FAR })).toBeNull();
        expect(Array.isArray(await client.request('textDocument/inlayHint', { ...document, range: { start: FAR, end: { line: FAR.line + 5, character: 0 } } }))).toBe(true);
        expect(await client.request('textDocument/codeAction', { ...document, range: { start: FAR, end: FAR }, context: { diagnostics: [] } })).toEqual([]);
        await client.request('textDocument/references', { ...document, position: FAR, context: { includeDeclaration: true } });
        await client.request('textDocument/definition', { ...document, position: FAR });
        await client.request('textDocument/rename', { ...document, position: FAR, newName: 'x' }).catch(error => expect(String(error)).toMatch(/^Error: -32/));
        // An incremental change whose range lies past the end is applied at the end (TextDocument clamps).
        const published = client.waitFor('textDocument/publishDiagnostics', p => p.uri === exampleUri);
        client.notify('textDocument/didChange', { textDocument: { uri: exampleUri, version: 2 }, contentChanges: [{ range: { start: FAR, end: FAR }, text: '\n# appended' }] });
        await published;
        await stillWorks();
    });

    it('answers requests for a document never opened with InvalidParams naming it, and ignores changes to it', async () => {
        await expect(client.request('textDocument/hover', { textDocument: { uri: neverOpened }, position: { line: 0, character: 0 } })).rejects.toThrow(/-32602: .*never-opened\.rnn is not open/);
        await expect(client.request('textDocument/inlayHint', { textDocument: { uri: neverOpened }, range: { start: { line: 0, character: 0 }, end: { line: 1, character: 0 } } })).rejects.toThrow(INVALID_PARAMS);
        client.notify('textDocument/didChange', { textDocument: { uri: neverOpened, version: 2 }, contentChanges: [{ text: 'model B {\n}\n' }] });
        client.notify('textDocument/didSave', { textDocument: { uri: neverOpened } });
        client.notify('textDocument/didClose', { textDocument: { uri: neverOpened } });
        await stillWorks();
        expect(client.notifications.some(n => n.method === 'textDocument/publishDiagnostics' && n.params.uri === neverOpened)).toBe(false);
    });

    it('answers malformed params with InvalidParams and drops malformed notifications', async () => {
        const malformed: Array<[string, unknown]> = [
            ['textDocument/hover', undefined],
            ['textDocument/hover', {}],
            ['textDocument/hover', { textDocument: { uri: 42 }, position: { line: 0, character: 0 } }],
            ['textDocument/hover', { textDocument: { uri: exampleUri } }],
            ['textDocument/hover', { textDocument: { uri: exampleUri }, position: { line: -1, character: 0 } }],
            ['textDocument/hover', { textDocument: { uri: exampleUri }, position: { line: '3', character: 0 } }],
            ['textDocument/completion', { textDocument: { uri: exampleUri }, position: null }],
            ['textDocument/inlayHint', { textDocument: { uri: exampleUri } }],
            ['textDocument/inlayHint', { textDocument: { uri: exampleUri }, range: { start: { line: 0, character: 0 } } }],
            ['textDocument/codeAction', { textDocument: { uri: exampleUri }, range: 'all', context: { diagnostics: [] } }],
            ['textDocument/documentSymbol', [exampleUri]]
        ];
        for (const [method, params] of malformed) {
            await expect(client.request(method, params), `${method} ${JSON.stringify(params)}`).rejects.toThrow(INVALID_PARAMS);
        }
        client.notify('textDocument/didChange', { textDocument: { uri: exampleUri, version: 3 }, contentChanges: 'everything' });
        client.notify('textDocument/didChange', { textDocument: { uri: exampleUri, version: 3 }, contentChanges: [{ range: { start: 0 }, text: 'x' }] });
        client.notify('textDocument/didOpen', { textDocument: { uri: 'file:///workspace/no-text.rnn', languageId: 'rnn', version: 1 } });
        client.notify('textDocument/didOpen', {});
        client.notify('textDocument/didClose', null);
        await stillWorks();
    });

    it('survives broken JSON and a body that is not a message', async () => {
        client.sendRaw('{"jsonrpc": "2.0", "id": 999, "method": "textDocument/hover", "params": {');
        client.sendRaw('[1, 2, 3]');
        client.sendRaw('"just a string"');
        await stillWorks();
        const errors = client.notifications.filter(n => n.method === 'window/logMessage' && n.params.type === 1).map(n => n.params.message);
        expect(errors.join('\n')).not.toMatch(/TypeError|ReferenceError|Cannot read properties/);
        expect(client.stderr).not.toMatch(/Unhandled|TypeError|Error:/);
    });
});
