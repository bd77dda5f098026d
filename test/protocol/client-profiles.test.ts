/**
 * The real server over stdio, started by each real client's own `initialize` params (VS Code,
 * Neovim 0.10 and 0.12, Emacs eglot: test/fixtures/lsp-clients/), asked what an editor asks for:
 * every request and notification the server sends, and every answer it gives, must be allowed by
 * what that client declared (test/helpers/lsp-profile.ts, written from the LSP specification), and
 * the features must still work in the form that client takes.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { at, editorSession, exampleText as text, exampleUri as uri, wholeExample as whole } from '../helpers/editor-session.js';
import { ensureBuilt, ROOT } from '../helpers/ensure-built.js';
import { clientParams, LspClient } from '../helpers/lsp-client.js';
import { ClientProfile, checkResponse, checkServerNotification, checkServerRequest } from '../helpers/lsp-profile.js';

const PROFILES = ['vscode', 'neovim-0.10', 'neovim-0.12', 'eglot-1.9'];
const sleep = (ms: number) => new Promise(resolve => setTimeout(resolve, ms));

describe.each(PROFILES)('the server as %s declared it', name => {
    const params = clientParams(name);
    const profile = new ClientProfile(params);
    const caps = profile.caps;
    let client: LspClient;
    let serverCommands: string[] = [];
    const answers = new Map<string, any>();
    const problems: string[] = [];

    /** Sends a request, checks its answer against the profile, keeps it for the assertions. */
    async function ask(label: string, method: string, requestParams: unknown): Promise<any> {
        const result = await client.request(method, requestParams);
        problems.push(...checkResponse(profile, method, result, serverCommands).map(p => `${label}: ${p}`));
        answers.set(label, result);
        return result;
    }

    beforeAll(async () => {
        ensureBuilt();
        client = new LspClient();
        const init = await client.initializeWith(params);
        serverCommands = init.capabilities.executeCommandProvider?.commands ?? [];
        problems.push(...checkResponse(profile, 'initialize', init, serverCommands));
        answers.set('initialize', init);
        answers.set('diagnostics', await editorSession(client, ask, caps));

        // A settings change, pushed as every client here pushes it (and pulled where the client answers).
        client.settings = { inlayHints: { params: false } };
        const republished = client.waitFor('textDocument/publishDiagnostics', p => p.uri === uri);
        client.notify('workspace/didChangeConfiguration', { settings: { rnnLens: client.settings } });
        answers.set('republished', await republished.catch(() => undefined));
        await sleep(300);
        await ask('inlay hints after the settings change', 'textDocument/inlayHint', { textDocument: { uri }, range: whole });
    }, 60_000);

    afterAll(async () => {
        await client?.shutdown();
    });

    it('sends only requests and notifications the client declared it takes', () => {
        const sent = [
            ...client.serverRequests.flatMap(r => checkServerRequest(profile, r.method, r.params)),
            ...client.notifications.flatMap(n => checkServerNotification(profile, n.method, n.params))
        ];
        expect(sent).toEqual([]);
        expect(client.notifications.filter(n => n.method === 'window/logMessage' && n.params.type === 1)).toEqual([]);
    });

    it('answers every request in a form the client declared it takes', () => {
        expect(problems).toEqual([]);
    });

    it('introduces itself with serverInfo', () => {
        const init = answers.get('initialize');
        expect(init.serverInfo.name).toBe('rnn-lens');
        expect(init.serverInfo.version).toBe(JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')).version);
    });

    it('registers for configuration changes exactly when the client declared dynamic registration', () => {
        const registered = client.serverRequests.some(r => r.method === 'client/registerCapability'
            && r.params.registrations.some((g: any) => g.method === 'workspace/didChangeConfiguration'));
        expect(registered).toBe(caps.workspace?.didChangeConfiguration?.dynamicRegistration === true);
    });

    it('asks the client to refresh inlay hints after a settings change where it can, and the new hints follow the settings', () => {
        const refreshed = client.serverRequests.some(r => r.method === 'workspace/inlayHint/refresh');
        expect(refreshed).toBe(caps.workspace?.inlayHint?.refreshSupport === true);
        // Diagnostics may depend on settings too: they are published again.
        expect(answers.get('republished')?.diagnostics.length).toBe(answers.get('diagnostics').length);
        const stacked = at('LSTM(40').line;
        const onStacked = (label: string) => answers.get(label).filter((h: any) => h.position.line === stacked).map((h: any) => h.label);
        expect(onStacked('inlay hints')).toEqual(['(None, 10, 40)', '11,360 params']);
        expect(onStacked('inlay hints after the settings change')).toEqual(['(None, 10, 40)']);
    });

    it('completes layers as a snippet where the client takes snippets, as plain text elsewhere', () => {
        const lstm = answers.get('completion: model body').items.find((i: any) => i.label === 'LSTM');
        if (caps.textDocument?.completion?.completionItem?.snippetSupport) {
            expect(lstm).toMatchObject({ insertText: 'LSTM($0)', insertTextFormat: 2 });
        } else {
            expect(lstm.insertText).toBe('LSTM');
            expect(lstm.insertTextFormat).not.toBe(2);
        }
        const model = answers.get('completion: top level').items.find((i: any) => i.label === 'model');
        expect(JSON.stringify(model)).toMatch(caps.textDocument?.completion?.completionItem?.snippetSupport ? /\$\{1:Name\}/ : /^(?!.*\$)/);
        const documentation = lstm.documentation;
        const markdown = caps.textDocument?.completion?.completionItem?.documentationFormat?.includes('markdown');
        if (markdown) expect(documentation.kind).toBe('markdown');
        else expect(typeof documentation).toBe('string');
    });

    it('attaches editor commands only for a client that runs them (the VS Code extension declares them)', () => {
        const lstm = answers.get('completion: model body').items.find((i: any) => i.label === 'LSTM');
        const lenses = answers.get('code lens');
        if (name === 'vscode') {
            expect(lstm.command.command).toBe('editor.action.triggerParameterHints');
            expect(lenses.map((l: any) => l.command.title)).toContain('▶ Train');
        } else {
            expect(lstm.command).toBeUndefined();
            expect(lenses).toEqual([]);
        }
    });

    it('explains an LSTM on hover in the format the client shows, with the formula', () => {
        const hover = answers.get('hover: LSTM');
        expect(hover.contents.value).toContain('4 × [30 × (30 + 1) + 30] = 3,840');
        const markdown = caps.textDocument?.hover?.contentFormat?.includes('markdown');
        expect(hover.contents.kind).toBe(markdown ? 'markdown' : 'plaintext');
        if (!markdown) expect(hover.contents.value).not.toMatch(/\*\*|`/);
    });

    it('offers the pooling quick fix, whether or not the client keeps diagnostic data', () => {
        const actions = answers.get('code actions');
        expect(actions.map((a: any) => a.title).join()).toContain('padding="same"');
        const diagnostics = answers.get('diagnostics');
        const withData = diagnostics.some((d: any) => d.data !== undefined);
        expect(withData).toBe(caps.textDocument?.publishDiagnostics?.dataSupport === true);
    });

    it('still renames, lists symbols and formats', () => {
        const edits = answers.get('rename').changes[uri];
        expect(edits.length).toBe(text.split(/\bn_steps\b/).length - 1);
        expect(answers.get('document symbols').map((s: any) => s.name)).toContain('StackedBidirectional');
        expect(answers.get('workspace symbols').map((s: any) => s.name)).toContain('StackedBidirectional');
        expect(Array.isArray(answers.get('formatting'))).toBe(true);
    });
});
