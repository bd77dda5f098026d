/**
 * The panel's logic: host messages in (checked, else dropped and logged), worker messages in,
 * user actions; the state changes through state.ts, is saved with setState at every epoch and
 * every change of status (not every batch), and is drawn at the next animation frame, however
 * many messages came in between.
 */
import type { HostMessage, RunOptions } from '../protocol/index.js';
import { parseHostMessage } from '../protocol/index.js';
import type { CsvText, FromWorker, ToWorker } from '../worker/worker-messages.js';
import {
    failRun, finishRun, isActive, modelPath, parseInputs, restoreState, startRun, trainBlocker, withBatch, withEpoch, withModel,
    type Inputs, type PanelState, type RunState
} from './state.js';
import type { PanelHost } from './vscode-api.js';
import { startWorker, type WorkerClient } from './worker-client.js';

export interface PanelViews {
    update(state: PanelState): void;
}

/** How long the host has to answer a `readData`. */
const DATA_TIMEOUT_MS = 30_000;
/** The least time between two `progress` messages sent for batches (epochs and status changes always send one). */
const PROGRESS_INTERVAL_MS = 1000;

export class PanelController {
    private state: PanelState;
    private worker: Promise<WorkerClient | undefined>;
    private readonly csv = new Map<string, string>();
    private readonly dataWaiters = new Map<string, Array<(answer: { text: string } | { error: string }) => void>>();
    private describeId = 0;
    private frame: number | undefined;
    private progressPostedAt = 0;

    constructor(private readonly host: PanelHost, private readonly views: PanelViews, resources: { workerUri: string; wasmFolderUri: string }) {
        this.state = restoreState(host.savedState());
        this.worker = startWorker(resources.workerUri, resources.wasmFolderUri, m => this.onWorkerMessage(m), m => this.workerFailed(m))
            .catch(error => { this.workerFailed((error as Error).message); return undefined; });
        this.host.saveState(this.state);
        if (this.state.run) this.postProgress(this.state.run);
        this.render();
        if (this.state.analysis) void this.describeData();
        host.post({ type: 'ready' });
    }

    get current(): PanelState {
        return this.state;
    }

    onHostMessage(data: unknown): void {
        const parsed = parseHostMessage(data);
        if (!parsed.ok) return this.host.log('warn', `Dropped a message: ${parsed.reason}`);
        this.handle(parsed.message);
    }

    private handle(message: HostMessage): void {
        switch (message.type) {
            case 'model':
                this.set(withModel(this.state, message), true);
                return void this.describeData();
            case 'modelUnavailable': {
                // Another model than the one shown (the panel was pointed at it): the old one's analysis goes.
                const other = this.state.analysis?.name !== message.model || this.state.uri !== message.uri;
                const cleared = other ? { analysis: undefined, diagram: undefined, data: undefined } : {};
                return this.set({ ...this.state, ...cleared, uri: message.uri, unavailable: message.message, errors: message.errors ?? [], trainable: false }, true);
            }
            case 'diagram':
                return this.set({ ...this.state, diagram: { model: message.model, svg: message.svg } }, true);
            case 'dataFile':
                this.csv.set(message.path, message.text);
                return this.answerData(message.path, { text: message.text });
            case 'dataFileError':
                this.csv.delete(message.path);
                return this.answerData(message.path, { error: message.message });
            case 'train':
                return void this.train(message.options);
            case 'stop':
                return this.stop();
            case 'saveResult':
                if (this.state.run) this.setRun({ ...this.state.run, note: message.message }, true);
                return this.host.log(message.ok ? 'info' : 'warn', message.message);
        }
    }

    setInputs(inputs: Inputs): void {
        this.set({ ...this.state, inputs }, true);
    }

    async train(overrides: RunOptions = {}): Promise<void> {
        const blocker = trainBlocker(this.state);
        if (blocker) return this.host.log('info', `Train not started: ${blocker}`);
        const { backend, ...settingsOverrides } = overrides;
        const inputs: Inputs = {
            ...this.state.inputs,
            ...(overrides.epochs !== undefined ? { epochs: String(overrides.epochs) } : {}),
            ...(overrides.batchSize !== undefined ? { batchSize: String(overrides.batchSize) } : {}),
            ...(overrides.learningRate !== undefined ? { learningRate: String(overrides.learningRate) } : {}),
            ...(backend !== undefined ? { backend } : {})
        };
        const parsed = parseInputs(inputs, settingsOverrides);
        if (!parsed.ok) return this.host.log('warn', `Train not started: ${parsed.message}`);
        const analysis = this.state.analysis!;
        this.set({ ...this.state, inputs, run: startRun(analysis.name, parsed.settings) }, true);
        this.postProgress(this.state.run!);
        let csv: CsvText | undefined;
        const path = modelPath(analysis);
        try {
            // Read again at every run: the file may have changed since the panel opened.
            if (path) csv = { path, text: await this.readCsv(path, true) };
        } catch (error) {
            return this.fail((error as Error).message);
        }
        if (this.state.run?.status === 'stopping') return this.setRun({ ...this.state.run, status: 'stopped', note: 'stopped before training began' }, true);
        const worker = await this.worker;
        if (!worker) return this.fail('the training worker did not start (see the log)');
        worker.post({ type: 'train', analysis, csv, settings: parsed.settings, backend: inputs.backend });
    }

    stop(): void {
        const run = this.state.run;
        if (!run || !isActive(run.status) || run.status === 'stopping') return;
        this.setRun({ ...run, status: 'stopping' }, true);
        this.postProgress(this.state.run!);
        void this.worker.then(worker => worker?.post({ type: 'stop' }));
    }

    save(): void {
        if (this.state.run?.result) void this.worker.then(worker => worker?.post({ type: 'save' }));
    }

    saveDiagram(): void {
        if (this.state.diagram) this.host.post({ type: 'saveDiagram', model: this.state.diagram.model });
    }

    exportKeras(): void {
        const model = this.state.analysis?.name;
        if (model && !this.state.unavailable) this.host.post({ type: 'exportKeras', model });
    }

    reveal(range: { start: { line: number; character: number }; end: { line: number; character: number } }): void {
        if (this.state.uri) this.host.post({ type: 'reveal', uri: this.state.uri, range });
    }

    private onWorkerMessage(message: FromWorker): void {
        const run = this.state.run;
        switch (message.type) {
            case 'described':
                if (message.id === this.describeId) this.set({ ...this.state, data: { path: this.state.data?.path, info: message.data } }, true);
                return;
            case 'dataError':
                if (message.id === this.describeId) this.set({ ...this.state, data: { path: this.state.data?.path, error: message.message } }, true);
                return;
            case 'log':
                return this.host.log(message.level, message.message);
            case 'saved':
                return this.host.post({ type: 'saveModel', model: message.model, modelJson: message.modelJson, weights: message.weights });
        }
        if (!run) return;
        switch (message.type) {
            case 'preparing': return this.setRun({ ...run, note: message.what }, false);
            case 'backend':
                this.host.log('info', `Training ${run.model} on ${message.backend}: ${message.reason}`);
                return this.setRun({ ...run, note: undefined, backend: { name: message.backend, reason: message.reason } }, true);
            case 'batch':
                this.setRun(withBatch(run, message.progress), false);
                // The host's status-bar item shows the batch too, but a message per batch would be many.
                if (Date.now() - this.progressPostedAt >= PROGRESS_INTERVAL_MS) this.postProgress(this.state.run!);
                return;
            case 'epoch':
                this.setRun(withEpoch(run, message.log), true);
                return this.postProgress(this.state.run!);
            case 'done':
                this.setRun(finishRun(run, message.result), true);
                return this.postProgress(this.state.run!);
            case 'failed':
                return this.fail(message.message, message.problems);
        }
    }

    private fail(message: string, problems?: Parameters<typeof failRun>[2]): void {
        if (!this.state.run) return;
        this.host.log('error', `Training ${this.state.run.model} failed: ${message}${problems ? ` ${problems.map(p => `${p.layer}: ${p.message}`).join('; ')}` : ''}`);
        this.setRun(failRun(this.state.run, message, problems), true);
        this.postProgress(this.state.run!);
    }

    private workerFailed(message: string): void {
        this.host.log('error', `The training worker failed: ${message}`);
        if (this.state.run && isActive(this.state.run.status)) this.fail(message);
    }

    private async describeData(): Promise<void> {
        const analysis = this.state.analysis;
        if (!analysis) return;
        const id = ++this.describeId;
        const path = modelPath(analysis);
        let csv: CsvText | undefined;
        try {
            if (path) csv = { path, text: await this.readCsv(path, false) };
        } catch (error) {
            if (id === this.describeId) this.set({ ...this.state, data: { path, error: (error as Error).message } }, true);
            return;
        }
        const worker = await this.worker;
        if (id === this.describeId) worker?.post({ type: 'describe', id, analysis, csv } satisfies ToWorker);
    }

    /** The CSV's text: asked of the host (which reads workspace files only), or the copy it sent before. */
    private readCsv(path: string, fresh: boolean): Promise<string> {
        const cached = this.csv.get(path);
        if (!fresh && cached !== undefined) return Promise.resolve(cached);
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => settle({ error: `The extension did not send ${path} within ${DATA_TIMEOUT_MS / 1000} s.` }), DATA_TIMEOUT_MS);
            const settle = (answer: { text: string } | { error: string }) => {
                clearTimeout(timer);
                if ('text' in answer) resolve(answer.text);
                else reject(new Error(answer.error));
            };
            const waiters = this.dataWaiters.get(path) ?? [];
            waiters.push(settle);
            this.dataWaiters.set(path, waiters);
            if (waiters.length === 1) this.host.post({ type: 'readData', path });
        });
    }

    private answerData(path: string, answer: { text: string } | { error: string }): void {
        const waiters = this.dataWaiters.get(path);
        this.dataWaiters.delete(path);
        if (waiters) waiters.forEach(settle => settle(answer));
        else if (path === modelPath(this.state.analysis)) void this.describeData(); // sent unasked: the file changed
    }

    private postProgress(run: RunState): void {
        const last = run.history[run.history.length - 1];
        const batch = run.progress && isActive(run.status) ? { batch: run.progress.batch, batches: run.progress.batches } : {};
        this.progressPostedAt = Date.now();
        this.host.post({ type: 'progress', model: run.model, status: run.status, epoch: last?.epoch ?? 0, epochs: run.settings.epochs, ...batch });
    }

    private setRun(run: RunState, persist: boolean): void {
        this.set({ ...this.state, run }, persist);
    }

    private set(state: PanelState, persist: boolean): void {
        this.state = state;
        if (persist) this.host.saveState(state);
        if (this.frame === undefined) this.frame = requestAnimationFrame(() => this.render());
    }

    private render(): void {
        this.frame = undefined;
        this.views.update(this.state);
    }
}
