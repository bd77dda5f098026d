/**
 * Fuzzing the real server: hundreds of seeded random edits of the notebook's file (cuts,
 * repeats, stray characters, absurd numbers, unicode), each followed by requests. Every request
 * must be answered within a bound, and the process must stay alive.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../helpers/ensure-built.js';
import { LspClient } from '../helpers/lsp-client.js';
import { mulberry32 as random } from '../../training/src/data/synthetic.js';
import { mutate } from '../helpers/mutate.js';

const EDITS = 300;
const ANSWER_WITHIN_MS = 3_000;
const original = readFileSync(join(ROOT, 'examples', 'advanced_rnn_theory.rnn'), 'utf8');
const uri = 'file:///fuzz/notebook.rnn';
let client: LspClient;

beforeAll(async () => {
    ensureBuilt();
    client = new LspClient();
    await client.initialize();
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'rnn', version: 1, text: original } });
}, 60_000);

afterAll(async () => {
    await client?.shutdown();
});

describe('the server under random edits', () => {
    it(`answers every request within ${ANSWER_WITHIN_MS} ms over ${EDITS} seeded edits and stays alive`, async () => {
        const next = random(20261128);
        let text = original;
        let slowest = 0;
        for (let version = 2; version < EDITS + 2; version++) {
            // Drift away from the original, but come back now and then so edits hit real code.
            text = version % 25 === 0 ? original : mutate(text, next);
            client.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
            const lines = text.split('\n');
            const line = Math.floor(next() * lines.length);
            const character = Math.floor(next() * ((lines[line]?.length ?? 0) + 1));
            const position = { line, character };
            const requests: Array<[string, unknown]> = [
                ['textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: lines.length, character: 0 } } }],
                ['textDocument/hover', { textDocument: { uri }, position }],
                ['textDocument/completion', { textDocument: { uri }, position }],
                ['textDocument/signatureHelp', { textDocument: { uri }, position }],
                ['textDocument/documentSymbol', { textDocument: { uri } }],
                ['textDocument/codeAction', { textDocument: { uri }, range: { start: position, end: position }, context: { diagnostics: [] } }]
            ];
            const [method, params] = requests[version % requests.length];
            const started = performance.now();
            await client.request(method, params, ANSWER_WITHIN_MS).catch(error => {
                // The server must answer with a result, never throw out of a request.
                throw new Error(`edit ${version}, ${method}: ${error}\n--- text ---\n${text}`);
            });
            slowest = Math.max(slowest, performance.now() - started);
            expect(client.alive).toBe(true);
        }
        const hints = await client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 999, character: 0 } } });
        expect(Array.isArray(hints)).toBe(true);
        expect(client.alive).toBe(true);
        expect(slowest).toBeLessThan(ANSWER_WITHIN_MS);
        // Nothing thrown inside a handler either (Langium logs those as window/logMessage errors).
        const logged = client.notifications.filter(n => n.method === 'window/logMessage' && n.params.type === 1);
        expect(logged.map(n => n.params.message)).toEqual([]);
    }, 120_000);
});
