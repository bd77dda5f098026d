/**
 * Every answer of the real server over stdio, and every message it sends on its own, checked
 * against the LSP 3.17 specification's meta model (test/helpers/lsp-meta-model.ts): the richest
 * client (VS Code: snippets, Markdown, commands) and two plain ones (Neovim 0.10, eglot 1.9: plain
 * text, no snippets, no diagnostic data), so that each form the server sends is checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { editorSession, exampleText, exampleUri } from '../helpers/editor-session.js';
import { ensureBuilt, ROOT } from '../helpers/ensure-built.js';
import { clientParams, LspClient } from '../helpers/lsp-client.js';
import { lsp317 } from '../helpers/lsp-meta-model.js';

const spec = lsp317(ROOT);

describe('the meta model validator itself', () => {
    it('rejects what the specification does not allow', () => {
        const hint = { position: { line: 0, character: 1 }, label: '3 params' };
        expect(spec.checkResult('textDocument/inlayHint', [hint])).toEqual([]);
        expect(spec.checkResult('textDocument/inlayHint', null)).toEqual([]);
        expect(spec.checkResult('textDocument/inlayHint', [{ ...hint, kind: 3 }]).join()).toMatch(/InlayHintKind/);
        expect(spec.checkResult('textDocument/inlayHint', [{ position: hint.position }]).join()).toMatch(/missing required property label/);
        expect(spec.checkResult('textDocument/inlayHint', [{ ...hint, paddingLeft: 'yes' }]).join()).toMatch(/expected boolean/);
        expect(spec.checkResult('textDocument/inlayHint', [{ ...hint, tooltp: 'x' }]).join()).toMatch(/tooltp is not in the specification/);
        expect(spec.checkResult('textDocument/hover', { contents: { kind: 'html', value: 'x' } }).length).toBeGreaterThan(0);
        expect(spec.checkParams('textDocument/publishDiagnostics', { uri: 'file:///a', diagnostics: [{ range: hint, message: 'x' }] }).length).toBeGreaterThan(0);
    });
});

describe.each(['vscode', 'neovim-0.10', 'eglot-1.9'])('every message to %s, against the LSP 3.17 specification', name => {
    const params = clientParams(name);
    let client: LspClient;
    const errors: string[] = [];
    const checked = new Set<string>();

    beforeAll(async () => {
        ensureBuilt();
        client = new LspClient();
        const init = await client.initializeWith(params);
        errors.push(...spec.checkResult('initialize', init).map(e => `initialize: ${e}`));
        checked.add('initialize');
        await editorSession(client, async (label, method, requestParams) => {
            const result = await client.request(method, requestParams);
            errors.push(...spec.checkResult(method, result).map(e => `${label}: ${e}`));
            checked.add(method);
            return result;
        }, params.capabilities);
        // What the server sends after a settings change (refreshes, republished diagnostics).
        const republished = client.waitFor('textDocument/publishDiagnostics', p => p.uri === exampleUri);
        client.notify('workspace/didChangeConfiguration', { settings: { rnnLens: { inlayHints: { totals: false } } } });
        await republished;
        // An edit that breaks a model: error diagnostics with their fixes.
        const broken = client.waitFor('textDocument/publishDiagnostics', p => p.uri === exampleUri);
        client.notify('textDocument/didChange', {
            textDocument: { uri: exampleUri, version: 2 },
            contentChanges: [{ text: exampleText.replace('return_sequences=True', 'return_sequence=True').replace('LSTM(40', 'LSTMM(40') }]
        });
        await broken;
    }, 60_000);

    afterAll(async () => {
        await client?.shutdown();
    });

    it('answers every request with a result of the type the specification gives it', () => {
        expect(errors).toEqual([]);
        expect([...checked]).toEqual(expect.arrayContaining([
            'initialize', 'textDocument/completion', 'textDocument/hover', 'textDocument/signatureHelp', 'textDocument/inlayHint',
            'textDocument/codeAction', 'textDocument/documentSymbol', 'textDocument/semanticTokens/full', 'textDocument/codeLens',
            'textDocument/formatting', 'textDocument/references', 'textDocument/rename', 'workspace/symbol', 'textDocument/foldingRange'
        ]));
    });

    it('sends notifications and requests of its own only with params of their specified types', () => {
        const sent = [...client.notifications, ...client.serverRequests];
        expect(sent.some(n => n.method === 'textDocument/publishDiagnostics' && n.params.diagnostics.some((d: any) => d.severity === 1))).toBe(true);
        const wrong = sent.flatMap(n => spec.checkParams(n.method, n.params).map(e => `${n.method}: ${e}`));
        expect(wrong).toEqual([]);
    });
});
