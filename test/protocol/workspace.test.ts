/**
 * A folder of many `.rnn` files (a class's submissions) and Python files: the server builds only
 * what is open (no diagnostics for files nobody opened, nothing read of the Python files) and knows
 * the other files' models for workspace/symbol from its background index, following changes on disk.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exampleText } from '../helpers/editor-session.js';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { LspClient } from '../helpers/lsp-client.js';

const FILES = 30;
let folder: string;
let client: LspClient;
const uriOf = (path: string) => pathToFileURL(path).href;
const submission = (i: number) => join(folder, `student_${i % 3}`, `submission_${i}.rnn`);

/** workspace/symbol until `done` holds of the answer (the index fills in the background). */
async function symbolsUntil(query: string, done: (symbols: any[]) => boolean): Promise<any[]> {
    const started = Date.now();
    for (;;) {
        const symbols: any[] = await client.request('workspace/symbol', { query });
        if (done(symbols) || Date.now() - started > 20_000) return symbols;
        await new Promise(resolve => setTimeout(resolve, 50));
    }
}

beforeAll(async () => {
    ensureBuilt();
    folder = mkdtempSync(join(tmpdir(), 'rnn-lens-workspace-'));
    for (let i = 0; i < FILES; i++) {
        mkdirSync(join(folder, `student_${i % 3}`), { recursive: true });
        // Each its own names; one indented, after a comment, as people write them.
        writeFileSync(submission(i), `# submission ${i}\n${exampleText.replace(/^model (\w+)/gm, `model $1_${i}`)}\n  let lookback_${i} = 3\n`);
    }
    mkdirSync(join(folder, 'python'));
    writeFileSync(join(folder, 'python', 'model_StackedLSTM_py.py'), 'model StackedLSTM_py {\n}\n');
    client = new LspClient();
    const rootUri = uriOf(folder);
    await client.initializeWith({
        rootUri, workspaceFolders: [{ uri: rootUri, name: 'class' }],
        capabilities: { workspace: { workspaceFolders: true, symbol: {}, didChangeWatchedFiles: { dynamicRegistration: true } }, textDocument: { inlayHint: {} } }
    });
}, 60_000);

afterAll(async () => {
    await client?.shutdown();
    rmSync(folder, { recursive: true, force: true });
});

describe('a workspace of many files', () => {
    it('answers the opened file first, and publishes diagnostics for it alone', async () => {
        const opened = uriOf(submission(0));
        const published = client.waitFor('textDocument/publishDiagnostics', p => p.uri === opened);
        client.notify('textDocument/didOpen', { textDocument: { uri: opened, languageId: 'rnn', version: 1, text: readFileSync(submission(0), 'utf8') } });
        await published;
        const hints: any[] = await client.request('textDocument/inlayHint', { textDocument: { uri: opened }, range: { start: { line: 0, character: 0 }, end: { line: 200, character: 0 } } });
        expect(hints.map(h => h.label)).toContain('15,301 params');
        await symbolsUntil('StackedLSTM_', s => s.length >= FILES);
        expect(new Set(client.notifications.filter(n => n.method === 'textDocument/publishDiagnostics').map(n => n.params.uri))).toEqual(new Set([opened]));
    });

    it('finds every file\'s models and constants for workspace/symbol, at their names, and never those of Python files', async () => {
        const models = await symbolsUntil('StackedLSTM_', s => s.length >= FILES);
        expect(models.map(s => s.name).sort()).toEqual(Array.from({ length: FILES }, (_, i) => `StackedLSTM_${i}`).sort());
        for (const symbol of models.slice(0, 5)) {
            const text = readFileSync(new URL(symbol.location.uri), 'utf8').split('\n')[symbol.location.range.start.line];
            expect(text.slice(symbol.location.range.start.character, symbol.location.range.end.character)).toBe(symbol.name);
            expect(symbol.kind).toBe(5); // Class
        }
        const constants = await symbolsUntil('lookback_', s => s.length >= FILES);
        expect(constants).toHaveLength(FILES);
        expect(constants.every(s => s.kind === 14)).toBe(true); // Constant
        expect(await client.request('workspace/symbol', { query: 'StackedLSTM_py' })).toEqual([]);
    });

    it('follows files created and deleted on disk, without building them', async () => {
        const added = join(folder, 'student_0', 'late.rnn');
        writeFileSync(added, 'model LateSubmission {\n    Input(shape=(10, 1))\n    LSTM(3)\n}\n');
        client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(added), type: 1 }] });
        expect((await symbolsUntil('LateSubmission', s => s.length === 1)).map(s => s.name)).toEqual(['LateSubmission']);
        unlinkSync(added);
        client.notify('workspace/didChangeWatchedFiles', { changes: [{ uri: uriOf(added), type: 3 }] });
        expect(await symbolsUntil('LateSubmission', s => s.length === 0)).toEqual([]);
        expect(client.notifications.some(n => n.method === 'textDocument/publishDiagnostics' && n.params.uri === uriOf(added))).toBe(false);
    });
});
