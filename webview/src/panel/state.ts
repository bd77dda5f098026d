/**
 * What the panel holds: the model (its analysis and errors), the data it trains on, the run
 * settings as typed, and the current or last run with its curves and results. Plain data, saved
 * with the webview's setState so that the panel comes back as it was after being hidden or after
 * VS Code restarts; the transitions here are pure functions of it.
 */
import { type ModelAnalysis, severalOutputs } from '../../../language/src/index.js';
import { type BuildProblem, type BatchProgress, type EpochLog, defaultRunSettings } from '../../../training/src/index.js';
import { isActiveStatus, type BackendRequest, type ModelError, type ModelMessage, type RunOptions, type RunStatus } from '../protocol/index.js';
import type { DataInfo, RunResult, RunSettingsInput } from '../worker/worker-messages.js';

export const STATE_VERSION = 1;
/** Batch losses kept for the curve: beyond this, every other one is dropped (the curve keeps its shape). */
export const MAX_BATCH_POINTS = 1200;

export interface Inputs {
    readonly epochs: string;
    readonly batchSize: string;
    readonly learningRate: string;
    readonly backend: BackendRequest;
}

export interface RunState {
    readonly model: string;
    readonly status: RunStatus;
    /** What is being prepared, or why the run is shown as it is (cut off by a reload). */
    readonly note?: string;
    readonly backend?: { readonly name: string; readonly reason: string };
    readonly settings: RunSettingsInput;
    readonly history: readonly EpochLog[];
    /** [position in epochs (epoch − 1 + batch / batches), the batch's loss]. */
    readonly batchLoss: ReadonlyArray<readonly [number, number]>;
    readonly progress?: BatchProgress;
    readonly result?: RunResult;
    readonly error?: string;
    readonly problems?: readonly BuildProblem[];
    /** The .rnn file changed while this run went on: the next run uses the new model. */
    readonly modelChanged?: boolean;
}

export interface DataState {
    /** The CSV path the description is for; undefined for synthetic data. */
    readonly path?: string;
    readonly info?: DataInfo;
    readonly error?: string;
}

export interface PanelState {
    readonly version: typeof STATE_VERSION;
    readonly uri?: string;
    readonly analysis?: ModelAnalysis;
    readonly errors: readonly ModelError[];
    readonly trainable: boolean;
    /** Why there is no model to show (renamed, deleted). */
    readonly unavailable?: string;
    readonly data?: DataState;
    /** The model's diagram as the host rendered it (SVG text, checked by the protocol). */
    readonly diagram?: { readonly model: string; readonly svg: string };
    readonly inputs: Inputs;
    readonly run?: RunState;
}

export function initialState(): PanelState {
    return { version: STATE_VERSION, errors: [], trainable: false, inputs: { epochs: '', batchSize: '', learningRate: '', backend: 'auto' } };
}

export function isActive(status: RunStatus | undefined): boolean {
    return isActiveStatus(status);
}

/**
 * The state saved by an earlier page, or a fresh one. A run that was going on when the page went
 * away (hidden without retainContextWhenHidden, VS Code closed) cannot go on: it shows as
 * stopped, with its curves so far.
 */
export function restoreState(saved: unknown): PanelState {
    if (typeof saved !== 'object' || saved === null || (saved as { version?: unknown }).version !== STATE_VERSION) return initialState();
    const state = saved as PanelState;
    if (!state.run || !isActive(state.run.status)) return state;
    return { ...state, run: { ...state.run, status: 'stopped', note: 'Cut off: the panel was closed or reloaded during training. The curves show the epochs that finished.' } };
}

export function modelPath(analysis: ModelAnalysis | undefined): string | undefined {
    const path = analysis?.description.data?.args.path;
    return typeof path === 'string' && path !== '' ? path : undefined;
}

function defaultInputs(analysis: ModelAnalysis, backend: BackendRequest): Inputs {
    const settings = defaultRunSettings(analysis.description);
    return { epochs: String(settings.epochs), batchSize: String(settings.batchSize), learningRate: settings.learningRate === undefined ? '' : String(settings.learningRate), backend };
}

const sameInputs = (a: Inputs, b: Inputs) => a.epochs === b.epochs && a.batchSize === b.batchSize && a.learningRate === b.learningRate;

/**
 * A new analysis of the model (opened, or the file edited). The inputs follow `fit`/`compile`
 * unless the user has typed their own values for this model; a run going on keeps its model,
 * and is marked so that the panel says the next run uses the new one.
 */
export function withModel(state: PanelState, message: ModelMessage): PanelState {
    const previous = state.analysis;
    const sameModel = previous?.name === message.analysis.name && state.uri === message.uri;
    const untouched = !previous || sameInputs(state.inputs, defaultInputs(previous, state.inputs.backend));
    const inputs = sameModel && !untouched ? state.inputs : defaultInputs(message.analysis, state.inputs.backend);
    const run = state.run && isActive(state.run.status) ? { ...state.run, modelChanged: true } : state.run;
    const path = modelPath(message.analysis);
    // The description is asked for again after every change (lookback or split may have moved); the old one shows meanwhile.
    const data: DataState = { path, info: state.data?.path === path ? state.data?.info : undefined };
    return { ...state, uri: message.uri, analysis: message.analysis, errors: message.errors, trainable: message.trainable, unavailable: undefined, inputs, run, data };
}

export type ParsedInputs = { readonly ok: true; readonly settings: RunSettingsInput } | { readonly ok: false; readonly message: string };

/** The run settings the inputs say, each overridden by the host's `train` options where given. */
export function parseInputs(inputs: Inputs, overrides: RunOptions = {}): ParsedInputs {
    const whole = (text: string, name: string): number | string => {
        const value = Number(text.trim());
        return text.trim() !== '' && Number.isInteger(value) && value >= 1 ? value : `${name} must be a whole number of 1 or more.`;
    };
    const epochs = overrides.epochs ?? whole(inputs.epochs, 'Epochs');
    const batchSize = overrides.batchSize ?? whole(inputs.batchSize, 'Batch size');
    const rateText = inputs.learningRate.trim();
    const rate = overrides.learningRate ?? (rateText === '' ? undefined : Number(rateText));
    if (typeof epochs === 'string') return { ok: false, message: epochs };
    if (typeof batchSize === 'string') return { ok: false, message: batchSize };
    if (rate !== undefined && !(Number.isFinite(rate) && rate > 0)) return { ok: false, message: 'Learning rate must be a number above 0 (empty: the optimizer\'s own).' };
    return { ok: true, settings: { epochs, batchSize, ...(rate !== undefined ? { learningRate: rate } : {}) } };
}

export function startRun(model: string, settings: RunSettingsInput): RunState {
    return { model, status: 'preparing', settings, history: [], batchLoss: [] };
}

export function withBatch(run: RunState, progress: BatchProgress): RunState {
    let batchLoss = run.batchLoss;
    if (Number.isFinite(progress.loss)) {
        batchLoss = [...batchLoss, [progress.epoch - 1 + progress.batch / progress.batches, progress.loss] as const];
        if (batchLoss.length > MAX_BATCH_POINTS) batchLoss = batchLoss.filter((_, i) => i % 2 === 1 || i === batchLoss.length - 1);
    }
    return { ...run, status: run.status === 'stopping' ? 'stopping' : 'training', note: undefined, progress, batchLoss };
}

export function withEpoch(run: RunState, log: EpochLog): RunState {
    return { ...run, history: [...run.history, log] };
}

export function finishRun(run: RunState, result: RunResult): RunState {
    return { ...run, status: result.stoppedByUser ? 'stopped' : 'done', note: undefined, result, history: result.history };
}

export function failRun(run: RunState, error: string, problems?: readonly BuildProblem[]): RunState {
    return { ...run, status: 'failed', note: undefined, error, problems };
}

/** Why Train is not possible now, or undefined when it is. */
export function trainBlocker(state: PanelState): string | undefined {
    if (state.unavailable) return state.unavailable;
    if (!state.analysis) return 'Waiting for the model...';
    const outputs = severalOutputs(state.analysis);
    if (outputs) return outputs;
    if (!state.trainable || !state.analysis.complete) return `${state.analysis.name} has errors: fix them to train it.`;
    if (state.run && isActive(state.run.status)) return 'A training is running.';
    return undefined;
}
