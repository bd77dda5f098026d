/**
 * The browser language server (out/server-browser.js) in a real browser: Debian's chromium,
 * driven by playwright-core, runs it in a web worker as VS Code for the Web does and speaks
 * JSON-RPC to it over postMessage. On the course notebook it publishes the diagnostics the core
 * finds, answers inlay hints and hovers with the notebook's numbers, and the editor's explain,
 * diagram, export and import requests.
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { ensureBuilt, ROOT } from '../helpers/ensure-built.js';

const CHROMIUM = '/usr/bin/chromium';
const notebook = readFileSync(join(ROOT, 'examples', 'advanced_rnn_theory.rnn'), 'utf8');
const uri = 'file:///browser/advanced_rnn_theory.rnn';

let server: Server;
let browser: Browser;
let page: Page;

declare const rpc: {
    request(method: string, params: unknown): Promise<{ result?: unknown; error?: unknown }>;
    notify(method: string, params: unknown): void;
    notification(method: string, uri?: string): Promise<{ params: unknown }>;
};

beforeAll(async () => {
    ensureBuilt();
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as .ci/run does.`);
    const files: Record<string, [string, string]> = {
        '/': [join(ROOT, 'test', 'browser', 'page.html'), 'text/html'],
        '/server-browser.js': [join(ROOT, 'out', 'server-browser.js'), 'text/javascript']
    };
    server = createServer((request, response) => {
        const file = files[request.url ?? ''];
        if (!file) return void response.writeHead(404).end();
        response.writeHead(200, { 'content-type': file[1] }).end(readFileSync(file[0]));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']
    });
    page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/`);
    const initialized = await page.evaluate(async () => {
        const answer = await rpc.request('initialize', { processId: null, rootUri: null, capabilities: {} });
        rpc.notify('initialized', {});
        return answer.result as { capabilities: Record<string, unknown> };
    });
    expect(initialized.capabilities).toHaveProperty('inlayHintProvider');
    await page.evaluate(([u, text]) => rpc.notify('textDocument/didOpen', { textDocument: { uri: u, languageId: 'rnn', version: 1, text } }), [uri, notebook]);
}, 60_000);

afterAll(async () => {
    await browser?.close();
    server?.close();
});

describe('the browser language server in chromium', () => {
    it('publishes the diagnostics the core finds in the notebook', async () => {
        const published = await page.evaluate(u => rpc.notification('textDocument/publishDiagnostics', u), uri) as { params: { diagnostics: Array<{ code: string; range: { start: { line: number } } }> } };
        const expected = analyzeText(notebook).diagnostics.map(d => `${d.code}@${d.range.start.line}`);
        expect(published.params.diagnostics.map(d => `${d.code}@${d.range.start.line}`)).toEqual(expected);
    });

    it('answers inlay hints with the notebook\'s shapes, parameter counts and totals', async () => {
        const answer = await page.evaluate(u => rpc.request('textDocument/inlayHint', { textDocument: { uri: u }, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } } }), uri);
        const labels = (answer.result as Array<{ label: string }>).map(h => h.label);
        for (const model of analyzeText(notebook).models) expect(labels).toContain(`${model.totals.total.toLocaleString('en-US')} params`);
        expect(labels).toContain('(None, 20, 3)');
        expect(labels).toContain('3,840 params');
    });

    it('answers a hover on an LSTM with its formula and numbers', async () => {
        const line = notebook.split('\n').findIndex(l => l.includes('LSTM(30, activation="relu", recurrent_dropout=0.2)'));
        const character = notebook.split('\n')[line].indexOf('LSTM') + 1;
        const answer = await page.evaluate(([u, l, c]) => rpc.request('textDocument/hover', { textDocument: { uri: u }, position: { line: l, character: c } }), [uri, line, character] as const);
        const value = (answer.result as { contents: { value: string } }).contents.value;
        expect(value).toContain('3,840');
        expect(value).toMatch(/4 × \[30 × \(30 \+ 1\) \+ 30\]/);
    });

    it('explains, draws, exports and imports models for the web extension (the Python parser runs in the worker)', async () => {
        const ask = (method: string, params: unknown) => page.evaluate(([m, p]) => rpc.request(m as string, p), [method, params] as const);
        const explained = (await ask('rnnLens/explain', { uri, model: 'SingleLSTM' })).result as { markdown: string };
        expect(explained.markdown).toContain('# Model `SingleLSTM`');
        expect(explained.markdown).toContain('3,890');
        const drawn = (await ask('rnnLens/diagram', { uri, model: 'SingleLSTM', theme: 'dark' })).result as { svg: string };
        expect(drawn.svg).toMatch(/^<svg xmlns="http:\/\/www\.w3\.org\/2000\/svg"/);
        expect(drawn.svg).toContain('data-kind="LSTM"');
        const exported = (await ask('rnnLens/exportKeras', { uri, model: 'SingleLSTM' })).result as { code: string };
        expect(exported.code).toContain('advanced_rnn_theory.rnn');
        expect(exported.code).toContain('layers.LSTM(30');
        const imported = (await ask('rnnLens/importKeras', { text: exported.code, kind: 'py', fileName: 'single.py' })).result as { models: string[]; text: string };
        expect(imported.models).toEqual(['SingleLSTM']);
        expect(imported.text).toContain('LSTM(30');
    });
});
