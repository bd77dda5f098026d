/**
 * The language server as the .vsix ships it: out/server-node.cjs copied alone into an empty
 * folder (no node_modules anywhere above it), started over stdio, answering `rnnLens/models`
 * (what the status bar and Show Summary read) for the notebook, and for an edit the moment
 * after it is sent.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelsResult } from '../../language/src/lsp/custom-requests-models.js';
import { MODELS_REQUEST } from '../../language/src/lsp/custom-requests-models.js';
import { SUMMARY_REQUEST } from '../../language/src/lsp/custom-requests.js';
import { ensureBuilt, ROOT } from '../helpers/ensure-built.js';
import type { LspClient } from '../helpers/lsp-client.js';

const example = readFileSync(join(ROOT, 'examples', 'advanced_rnn_theory.rnn'), 'utf8');
const lines = example.split('\n');
const uri = 'file:///nowhere/advanced_rnn_theory.rnn';
const folder = mkdtempSync(join(tmpdir(), 'rnn-lens-server-'));
let client: LspClient;

function nodeModulesAbove(dir: string): string[] {
    const found: string[] = [];
    for (let d = dir; ; d = dirname(d)) {
        if (existsSync(join(d, 'node_modules'))) found.push(join(d, 'node_modules'));
        if (dirname(d) === d) return found;
    }
}

beforeAll(async () => {
    ensureBuilt();
    copyFileSync(join(ROOT, 'out', 'server-node.cjs'), join(folder, 'server-node.cjs'));
    // The test client starts `node $RNN_LENS_BIN ARGS`: here the lone server bundle.
    process.env.RNN_LENS_BIN = join(folder, 'server-node.cjs');
    const { LspClient } = await import('../helpers/lsp-client.js');
    client = new LspClient(['--stdio']);
    await client.initialize();
    const diagnostics = client.waitFor('textDocument/publishDiagnostics', p => p.uri === uri);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'rnn', version: 1, text: example } });
    await diagnostics;
});

afterAll(async () => {
    await client?.shutdown();
    rmSync(folder, { recursive: true, force: true });
});

describe('the bundled Node language server', () => {
    it('runs from a folder with no node_modules above it', () => {
        expect(nodeModulesAbove(folder)).toEqual([]);
        expect(client.alive).toBe(true);
    });

    it('lists the notebook\'s models with their header ranges and the summary\'s totals', async () => {
        const { models } = await client.request<ModelsResult>(MODELS_REQUEST, { uri });
        const summary = await client.request<{ models: { name: string; totalParams: number; trainableParams: number }[] }>(SUMMARY_REQUEST, { uri });
        expect(models.map(m => m.name)).toEqual(summary.models.map(m => m.name));
        expect(models.map(m => m.name)).toEqual(['SingleSimpleRNN', 'SingleLSTM', 'StackedLSTM', 'Monster1', 'SingleBidirectional', 'StackedBidirectional', 'Monster2']);
        for (const [i, m] of models.entries()) {
            expect(m.totalParams, m.name).toBe(summary.models[i].totalParams);
            expect(m.trainableParams, m.name).toBe(summary.models[i].trainableParams);
            expect(m.complete, m.name).toBe(true);
            expect(lines[m.range.start.line].startsWith(`model ${m.name} {`), m.name).toBe(true);
            expect(lines[m.range.end.line].trim(), m.name).toBe('}');
        }
        expect(models.find(m => m.name === 'SingleLSTM')?.totalParams).toBe(19 + 3840 + 31);
    });

    it('answers about the edited text when asked right after the edit', async () => {
        const line = lines.findIndex(l => l.includes('LSTM(30, activation="relu", recurrent_dropout=0.2)'));
        const character = lines[line].indexOf('30');
        client.notify('textDocument/didChange', {
            textDocument: { uri, version: 2 },
            contentChanges: [{ range: { start: { line, character }, end: { line, character: character + 2 } }, text: '40' }]
        });
        const { models } = await client.request<ModelsResult>(MODELS_REQUEST, { uri });
        // LSTM(40) on 1 feature: 4 × [40(40 + 1) + 40] = 6,720; Dense(1) on 40: 41.
        expect(models.find(m => m.name === 'SingleLSTM')?.totalParams).toBe(19 + 6720 + 41);
    });

    it('answers a document it cannot read with an error, and keeps running', async () => {
        const missing = pathToFileURL(join(folder, 'missing.rnn')).href;
        await expect(client.request<ModelsResult>(MODELS_REQUEST, { uri: missing })).rejects.toThrow(/ENOENT/);
        const { models } = await client.request<ModelsResult>(MODELS_REQUEST, { uri });
        expect(models.length).toBe(7);
    });
});
