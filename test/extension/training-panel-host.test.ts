/**
 * The training panel's host logic without VS Code (client/src/panel/'s pure modules): every
 * message from the page checked and routed, or dropped and logged; what a second Train does
 * with the one panel; the restore of a panel from the page's saved state; the data file read
 * only inside the workspace; the trained model's files checked before they are written; the
 * status-bar text while the panel is hidden.
 */
import { mkdtempSync, rmSync, writeFileSync, mkdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { modelFiles } from '../../training/src/save/model-files.js';
import { readDataFile, type ReadFile } from '../../client/src/panel/data-file.js';
import { formatBytes, modelFolderName, tfjsModelFiles } from '../../client/src/panel/model-files.js';
import { routePanelMessage, type PanelMessageHandlers } from '../../client/src/panel/panel-message-router.js';
import { decideOpen, restoredTarget, sameTarget, stopQuestion } from '../../client/src/panel/panel-target.js';
import { TRAINING_PANEL_VIEW_TYPE } from '../../client/src/panel/panel-ids.js';
import { progressStatus, type ProgressMessage } from '../../client/src/panel/progress-status.js';
import { ROOT } from '../helpers/ensure-built.js';
import { MAX_DATA_TEXT, type PanelMessage } from '../../webview/src/protocol/index.js';

const lstm = { uri: 'file:///work/examples/theory.rnn', model: 'SingleLSTM' };
const gru = { uri: 'file:///work/examples/theory.rnn', model: 'StackedGRU' };

/** Handlers that record what they were given; `throwOn` makes one fail. */
function recorder(throwOn?: string) {
    const seen: PanelMessage[] = [];
    const record = (message: PanelMessage) => {
        if (message.type === throwOn) throw new Error(`${throwOn} broke`);
        seen.push(message);
    };
    const handlers: PanelMessageHandlers = {
        ready: record, readData: record, progress: record, reveal: record, saveModel: record, log: record, saveDiagram: record, exportKeras: record
    };
    return { seen, handlers };
}

describe('routing the page\'s messages', () => {
    it('hands each valid message to the handler of its type, as checked', async () => {
        const { seen, handlers } = recorder();
        const logs: string[] = [];
        const valid: PanelMessage[] = [
            { type: 'ready' },
            { type: 'readData', path: 'data/weather.csv' },
            { type: 'progress', model: 'SingleLSTM', status: 'training', epoch: 2, epochs: 10, batch: 3, batches: 40 },
            { type: 'reveal', uri: lstm.uri, range: { start: { line: 3, character: 4 }, end: { line: 3, character: 9 } } },
            { type: 'saveModel', model: 'SingleLSTM', modelJson: '{}', weights: 'AAAA' },
            { type: 'log', level: 'warn', message: 'dropped something' },
            { type: 'saveDiagram', model: 'SingleLSTM' },
            { type: 'exportKeras', model: 'SingleLSTM' }
        ];
        for (const message of valid) expect(await routePanelMessage(message, handlers, (_, e) => logs.push(e))).toBe(message.type);
        expect(seen).toEqual(valid);
        expect(logs).toEqual([]);
    });

    it('drops unknown and malformed messages, logs why, and calls no handler', async () => {
        const { seen, handlers } = recorder();
        const logs: Array<[string, string]> = [];
        const bad: unknown[] = [
            null, 'ready', 42, { type: 'deleteEverything' }, { noType: 1 },
            { type: 'readData', path: '' },
            { type: 'readData', path: 'x.csv', extra: true },
            { type: 'reveal', uri: lstm.uri, range: { start: { line: -1, character: 0 }, end: { line: 0, character: 0 } } },
            { type: 'saveModel', model: 'M', modelJson: '{}', weights: 'not base64!' },
            { type: 'progress', model: 'M', status: 'exploded' },
            { type: 'saveDiagram', model: '' },
            { type: 'exportKeras' },
            { type: 'log', level: 'debug', message: 'x' }
        ];
        for (const message of bad) expect(await routePanelMessage(message, handlers, (level, e) => logs.push([level, e]))).toBeUndefined();
        expect(seen).toEqual([]);
        expect(logs).toHaveLength(bad.length);
        expect(logs.every(([level]) => level === 'warn')).toBe(true);
        expect(logs[3][1]).toMatch(/^dropped a message from the page: unknown panel-to-host message \(type "deleteEverything"\); known: ready, readData, progress, reveal, saveModel, log, saveDiagram, exportKeras$/);
        expect(logs[5][1]).toMatch(/malformed panel-to-host "readData" message: path: /);
        expect(logs[8][1]).toMatch(/"saveModel" message: weights: /);
    });

    it('logs a handler that fails, and goes on', async () => {
        const { seen, handlers } = recorder('readData');
        const logs: Array<[string, string]> = [];
        await routePanelMessage({ type: 'readData', path: 'a.csv' }, handlers, (level, e) => logs.push([level, e]));
        await routePanelMessage({ type: 'ready' }, handlers, (level, e) => logs.push([level, e]));
        expect(logs).toEqual([['error', 'handling "readData" failed: readData broke']]);
        expect(seen).toEqual([{ type: 'ready' }]);
    });
});

describe('one panel, reused', () => {
    it('opens a panel, shows it again for its model, switches an idle one, and asks before stopping a run', () => {
        expect(decideOpen(undefined, lstm)).toBe('create');
        expect(decideOpen({ target: lstm }, lstm)).toBe('same');
        expect(decideOpen({ target: lstm, runStatus: 'training' }, { ...lstm })).toBe('same');
        expect(decideOpen({ target: lstm }, gru)).toBe('switch');
        for (const status of ['idle', 'done', 'stopped', 'failed'] as const) expect(decideOpen({ target: lstm, runStatus: status }, gru)).toBe('switch');
        for (const status of ['preparing', 'training', 'stopping'] as const) expect(decideOpen({ target: lstm, runStatus: status }, gru)).toBe('askToStop');
        // The same model name in another file is another model.
        expect(decideOpen({ target: lstm, runStatus: 'training' }, { ...lstm, uri: 'file:///work/other.rnn' })).toBe('askToStop');
        expect(sameTarget(lstm, undefined)).toBe(false);
        expect(stopQuestion(lstm, gru)).toBe('"SingleLSTM" is training in the RNN Lens panel. Stop it and train "StackedGRU" instead?');
    });

    it('is restored after a restart: package.json activates the extension for its view type', () => {
        const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { activationEvents: string[] };
        expect(pkg.activationEvents).toContain(`onWebviewPanel:${TRAINING_PANEL_VIEW_TYPE}`);
    });

    it('restores the model a panel was on from the page\'s saved state, and nothing from a state that names none', () => {
        expect(restoredTarget({ version: 1, uri: lstm.uri, analysis: { name: 'SingleLSTM', layers: [] }, run: { status: 'stopped' } })).toEqual(lstm);
        for (const state of [undefined, null, 'x', {}, { uri: lstm.uri }, { uri: '', analysis: { name: 'M' } }, { uri: lstm.uri, analysis: { name: 3 } }, { uri: 7, analysis: { name: 'M' } }, { uri: lstm.uri, analysis: null }]) {
            expect(restoredTarget(state)).toBeUndefined();
        }
    });
});

describe('the data file', () => {
    const root = mkdtempSync(join(tmpdir(), 'rnn-lens-panel-'));
    const workspace = join(root, 'workspace');
    mkdirSync(join(workspace, 'models', 'data'), { recursive: true });
    writeFileSync(join(workspace, 'models', 'data', 'weather.csv'), '\uFEFFdate,temp\n2020-01-01,3.5\n');
    writeFileSync(join(root, 'secret.csv'), 'a,b\n1,2\n');
    const rnn = pathToFileURL(join(workspace, 'models', 'weather.rnn')).href;
    const folders = [pathToFileURL(workspace).href];
    const reads: string[] = [];
    /** The file system, as vscode.workspace.fs reads it (errors carry a FileSystemError code). */
    const read: ReadFile = async uri => {
        reads.push(uri);
        try {
            return new Uint8Array(readFileSync(new URL(uri)));
        } catch (error) {
            const code = (error as NodeJS.ErrnoException).code;
            throw Object.assign(new Error(`${code}: ${uri}`), { code: code === 'ENOENT' ? 'FileNotFound' : code === 'EISDIR' ? 'FileIsADirectory' : 'Unknown' });
        }
    };
    afterAll(() => rmSync(root, { recursive: true, force: true }));

    it('reads a file inside the workspace, relative to the .rnn file, as UTF-8 text without its byte-order mark', async () => {
        expect(await readDataFile(rnn, 'data/weather.csv', folders, read)).toEqual({ type: 'dataFile', path: 'data/weather.csv', text: 'date,temp\n2020-01-01,3.5\n' });
    });

    it('refuses a path outside the workspace without reading it, and says why', async () => {
        reads.length = 0;
        for (const path of ['../../secret.csv', join(root, 'secret.csv'), 'https://example.com/a.csv']) {
            const answer = await readDataFile(rnn, path, folders, read);
            expect(answer.type, path).toBe('dataFileError');
            expect(answer.type === 'dataFileError' && answer.message, path).toMatch(/outside the workspace|URL/);
        }
        expect(await readDataFile(rnn, 'data/weather.csv', [], read)).toMatchObject({ type: 'dataFileError', message: expect.stringMatching(/no workspace folder is open/) });
        expect(reads).toEqual([]);
    });

    it('names a missing file, a folder, and a file too large to send', async () => {
        expect(await readDataFile(rnn, 'data/missing.csv', folders, read)).toMatchObject({ type: 'dataFileError', message: expect.stringMatching(/^The data file "data\/missing.csv" cannot be read: there is no such file/) });
        expect(await readDataFile(rnn, 'data', folders, read)).toMatchObject({ type: 'dataFileError', message: expect.stringMatching(/it is a folder/) });
        const huge: ReadFile = async () => new Uint8Array(MAX_DATA_TEXT + 1);
        expect(await readDataFile(rnn, 'data/weather.csv', folders, huge)).toMatchObject({ type: 'dataFileError', message: expect.stringMatching(/more than the panel trains on/) });
    });
});

describe('the trained model\'s files', () => {
    const modelJson = JSON.stringify({ modelTopology: { class_name: 'Sequential' }, format: 'layers-model', weightsManifest: [{ paths: ['weights.bin'], weights: [] }] });
    const bytes = Uint8Array.from([0, 1, 2, 250, 255, 128]);
    const weights = btoa(String.fromCharCode(...bytes));

    it('are model.json as sent and weights.bin decoded from base64', () => {
        const result = tfjsModelFiles({ type: 'saveModel', model: 'M', modelJson, weights });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.files.map(f => f.name)).toEqual(['model.json', 'weights.bin']);
        expect(new TextDecoder().decode(result.files[0].bytes)).toBe(modelJson);
        expect([...result.files[1].bytes]).toEqual([...bytes]);
    });

    it('accept what tfjs saves (as the panel\'s worker saves it), weights byte for byte', async () => {
        const model = tf.sequential({ layers: [tf.layers.dense({ units: 3, inputShape: [4] }), tf.layers.dense({ units: 1 })] });
        const saved = await modelFiles(tf, model);
        const result = tfjsModelFiles({ type: 'saveModel', model: 'Tiny', modelJson: saved.modelJson, weights: Buffer.from(saved.weights).toString('base64') });
        expect(result.ok).toBe(true);
        if (!result.ok) return;
        expect(result.files[1].bytes).toEqual(saved.weights);
        expect(result.files[1].bytes.byteLength).toBe((4 * 3 + 3 + 3 + 1) * 4);
        model.dispose();
    });

    it('are refused when model.json is not a tfjs layers model whose weights are weights.bin', () => {
        const refuse = (json: string) => {
            const result = tfjsModelFiles({ type: 'saveModel', model: 'M', modelJson: json, weights });
            return result.ok ? 'accepted' : result.message;
        };
        expect(refuse('{not json')).toMatch(/^model.json is not JSON/);
        expect(refuse('[]')).toMatch(/no modelTopology/);
        expect(refuse(JSON.stringify({ modelTopology: {}, format: 'graph-model', weightsManifest: [] }))).toMatch(/layers model/);
        expect(refuse(JSON.stringify({ modelTopology: {}, format: 'layers-model', weightsManifest: [{ paths: ['../../.bashrc'] }] }))).toMatch(/weights.bin only/);
        expect(refuse(JSON.stringify({ modelTopology: {}, format: 'layers-model' }))).toMatch(/weights.bin only/);
    });

    it('go into a folder named after the model, safe on any file system', () => {
        expect(modelFolderName('SingleLSTM')).toBe('SingleLSTM-tfjs');
        expect(modelFolderName('../a b/c')).toBe('__a_b_c-tfjs');
        expect(formatBytes(500)).toBe('500 B');
        expect(formatBytes(15_360)).toBe('15.0 KB');
        expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    });
});

describe('the status-bar item', () => {
    const progress = (status: ProgressMessage['status'], epoch = 2, extra: Partial<ProgressMessage> = {}): ProgressMessage => ({ type: 'progress', model: 'SingleLSTM', status, epoch, epochs: 10, ...extra });

    it('shows the epoch under way (and the batch) while the panel is hidden, nothing while it is seen', () => {
        expect(progressStatus(progress('training', 2, { batch: 7, batches: 40 }), false, false)?.text).toBe('$(sync~spin) SingleLSTM: epoch 3/10 · batch 7/40');
        expect(progressStatus(progress('training', 10), false, false)?.text).toBe('$(sync~spin) SingleLSTM: epoch 10/10');
        expect(progressStatus(progress('preparing', 0), false, false)?.text).toBe('$(sync~spin) SingleLSTM: preparing');
        expect(progressStatus(progress('stopping', 4), false, false)?.text).toBe('$(sync~spin) SingleLSTM: stopping (epoch 5/10)');
        expect(progressStatus(progress('training'), true, false)).toBeUndefined();
        expect(progressStatus(undefined, false, false)).toBeUndefined();
    });

    it('shows how a run ended out of sight until the panel is seen again', () => {
        expect(progressStatus(progress('done', 10), false, true)?.text).toBe('$(check) SingleLSTM: trained (epoch 10/10)');
        expect(progressStatus(progress('stopped', 4), false, true)?.text).toBe('$(debug-stop) SingleLSTM: stopped at epoch 4/10');
        expect(progressStatus(progress('failed', 0), false, true)?.text).toBe('$(error) SingleLSTM: training failed');
        expect(progressStatus(progress('done', 10), false, false)).toBeUndefined();
        expect(progressStatus(progress('done', 10), true, true)).toBeUndefined();
    });
});
