/**
 * The training worker: prepares the data (from the CSV text the host read, or the synthetic
 * default), picks the backend (the fastest of webgl, wasm and cpu for this model, timed on a few
 * batches, unless one was asked for), trains with the engine, and reports every batch and epoch.
 * It runs off the page's thread, so the panel never waits on a batch.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { ModelAnalysis } from '../../../language/src/index.js';
import {
    pickFastestBackend, startBackend, prepareDataset, type PreparedDataset, type TextLoader, DataError,
    createCustomLayers, engineText, modelFiles, TrainingBlocked, trainModel
} from '../../../training/src/index.js';
import type { BackendRequest } from '../protocol/host-messages.js';
import { tf, wasmThroughPage } from './browser-tf.js';
import { startWebThreads } from './kernel-threads-web.js';
import type { CsvText, DataInfo, FromWorker, RunSettingsInput, ToWorker } from './worker-messages.js';

const post = (message: FromWorker) => postMessage(message);
const custom = createCustomLayers(tf);
const wasmFiles = wasmThroughPage(post);
const BROWSER_BACKENDS = ['webgl', 'wasm', 'cpu'] as const;

let running = false;
let stopRequested = false;
let batchesDone = 0;
/**
 * Batch progress goes to the page at most this often (and at each epoch's last batch): the
 * whole-step engine trains a small model's batch in a fraction of a millisecond, and a message
 * per batch would keep the page's thread busy redrawing instead of drawing frames.
 */
const BATCH_POST_MS = 20;
let batchPostedAt = 0;
let stopRequestedAfter: number | undefined;
let trained: tfjs.LayersModel | undefined;
let timedBackend: { key: string; backend: string; reason: string } | undefined;

/**
 * A macrotask yield after each batch: a message on a channel of our own is queued behind the
 * page's messages already waiting (the same task source), so a Stop sent during a batch is
 * handled before the next one starts. (tfjs's own yield is requestAnimationFrame, 60 a second.)
 */
const channel = new MessageChannel();
const waiting: Array<() => void> = [];
channel.port1.onmessage = () => waiting.shift()?.();
const yieldToEventLoop = () => new Promise<void>(resolve => {
    waiting.push(resolve);
    channel.port2.postMessage(0);
});

self.onmessage = (event: MessageEvent<ToWorker>) => {
    const message = event.data;
    switch (message.type) {
        case 'wasmFile': return wasmFiles.answer(message.id, { bytes: message.bytes });
        case 'wasmFileError': return wasmFiles.answer(message.id, { error: message.message });
        case 'describe': return describe(message.id, message.analysis, message.csv);
        case 'train': return void train(message.analysis, message.csv, message.settings, message.backend);
        case 'stop':
            if (running && !stopRequested) {
                stopRequested = true;
                stopRequestedAfter = batchesDone;
            }
            return;
        case 'save': return void save();
    }
};

function loaderOf(csv: CsvText | undefined): TextLoader {
    return path => {
        if (csv && csv.path === path) return csv.text;
        throw new DataError({ file: path }, 'the extension has not read this file for the panel.');
    };
}

function prepare(analysis: ModelAnalysis, csv: CsvText | undefined): PreparedDataset {
    const output = analysis.output?.[analysis.output.length - 1];
    return prepareDataset(analysis.description, analysis.description.input?.shape, loaderOf(csv), { outputUnits: output ?? undefined });
}

function dataInfo(data: PreparedDataset): DataInfo {
    return {
        summary: data.summary, source: data.source, task: data.task, classes: data.classes,
        train: data.train.n, validation: data.validation.n, test: data.test.n
    };
}

function describe(id: number, analysis: ModelAnalysis, csv: CsvText | undefined): void {
    try {
        post({ type: 'described', id, data: dataInfo(prepare(analysis, csv)) });
    } catch (error) {
        post({ type: 'dataError', id, message: (error as Error).message });
    }
}

/** The asked-for backend, or the fastest for this model and batch size (timed once per model shape). */
async function chooseBackend(request: BackendRequest, analysis: ModelAnalysis, data: PreparedDataset, batchSize: number): Promise<{ backend: string; reason: string }> {
    await wasmFiles.load(); // wasm can only start once the page has sent its binary (wasm-through-page.ts)
    if (request !== 'auto') {
        if (!(await startBackend(tf, request))) throw new Error(`The ${request} backend does not start in this panel${request === 'wasm' ? ' (its .wasm file could not be loaded)' : ''}: choose another backend in the panel or the rnnLens.training.backend setting.`);
        return { backend: request, reason: 'asked for in the settings' };
    }
    const key = JSON.stringify([analysis.layers.map(l => [l.kind, l.description.args, l.input]), batchSize]);
    if (timedBackend?.key === key && (await startBackend(tf, timedBackend.backend))) {
        return { backend: timedBackend.backend, reason: `${timedBackend.reason}; timed at an earlier run` };
    }
    post({ type: 'preparing', what: 'Timing a few batches on webgl, wasm and cpu to find the fastest backend for this model...' });
    const choice = await pickFastestBackend(tf, BROWSER_BACKENDS, analysis, data, custom, { batchSize: Math.min(batchSize, data.train.n), batches: 2 });
    timedBackend = { key, backend: choice.backend, reason: choice.reason };
    return { backend: choice.backend, reason: choice.reason };
}

async function train(analysis: ModelAnalysis, csv: CsvText | undefined, settings: RunSettingsInput, request: BackendRequest): Promise<void> {
    if (running) return post({ type: 'log', level: 'warn', message: 'A training is already running: the new one was not started.' });
    running = true;
    stopRequested = false;
    stopRequestedAfter = undefined;
    batchesDone = 0;
    trained?.dispose();
    trained = undefined;
    try {
        post({ type: 'preparing', what: 'Preparing the data...' });
        const data = prepare(analysis, csv);
        const { backend, reason } = await chooseBackend(request, analysis, data, settings.batchSize);
        const threads = await startWebThreads();
        post({ type: 'backend', backend, reason: `${reason}; ${threads.reason}` });
        const result = await trainModel(tf, analysis, data, custom, {
            epochs: settings.epochs,
            batchSize: settings.batchSize,
            learningRate: settings.learningRate,
            shouldStop: () => stopRequested,
            yieldEachBatch: yieldToEventLoop,
            onBatch: progress => {
                batchesDone++;
                const now = Date.now();
                if (now - batchPostedAt < BATCH_POST_MS && progress.batch < progress.batches) return;
                batchPostedAt = now;
                post({ type: 'batch', progress });
            },
            onEpoch: log => post({ type: 'epoch', log })
        });
        // The line now says which engine trained, and on how many threads.
        post({ type: 'backend', backend, reason: `${reason}; ${threads.reason}; engine: ${engineText(result)}` });
        const { tfModel, ...plain } = result;
        trained = tfModel;
        const stop = result.stoppedByUser && stopRequestedAfter !== undefined ? { requestedAfterBatch: stopRequestedAfter, stoppedAfterBatch: batchesDone } : undefined;
        post({ type: 'done', result: { ...plain, backend, target: data.source.target, ...(stop ? { stop } : {}) } });
    } catch (error) {
        if (error instanceof TrainingBlocked) post({ type: 'failed', message: `${analysis.name} cannot be trained in tfjs.`, problems: error.problems });
        else post({ type: 'failed', message: (error as Error).message });
    } finally {
        running = false;
    }
}

async function save(): Promise<void> {
    if (!trained) return post({ type: 'log', level: 'warn', message: 'There is no trained model to save.' });
    try {
        const files = await modelFiles(tf, trained);
        post({ type: 'saved', model: trained.name, modelJson: files.modelJson, weights: toBase64(files.weights) });
    } catch (error) {
        post({ type: 'log', level: 'error', message: `Saving failed: ${(error as Error).message}` });
    }
}

function toBase64(bytes: Uint8Array): string {
    let binary = '';
    for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return btoa(binary);
}
