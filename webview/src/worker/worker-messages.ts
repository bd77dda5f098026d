/**
 * Messages between the panel page and its training worker. Both ends are this extension's own
 * bundles, started together, so these are typed and not schema-checked (the host's messages
 * are checked before the page passes anything on).
 */
import type { ModelAnalysis } from '../../../language/src/index.js';
import type { DataSourceDescription, Task, BuildProblem, BatchProgress, EpochLog, TrainResult } from '../../../training/src/index.js';
import type { BackendRequest } from '../protocol/host-messages.js';

/** The text of the CSV that `data(path=...)` names, as the host read it. */
export interface CsvText {
    readonly path: string;
    readonly text: string;
}

export interface RunSettingsInput {
    readonly epochs: number;
    readonly batchSize: number;
    /** Undefined: the optimizer's own (compile's, or Keras's default). */
    readonly learningRate?: number;
}

/** What the panel shows about the data a model trains on. */
export interface DataInfo {
    readonly summary: string;
    readonly source: DataSourceDescription;
    readonly task: Task;
    readonly classes?: readonly string[];
    /** Windows per part. */
    readonly train: number;
    readonly validation: number;
    readonly test: number;
}

/** Where training ended when it was stopped: the batch (1-based, over the whole run) at the stop signal and at the end. */
export interface StopPoint {
    readonly requestedAfterBatch: number;
    readonly stoppedAfterBatch: number;
}

/** A finished run, as plain data (the tfjs model stays in the worker for saving). */
export type RunResult = Omit<TrainResult, 'tfModel'> & {
    readonly backend: string;
    /** The target's name, for the units of the test metrics. */
    readonly target: string;
    readonly stop?: StopPoint;
};

export type ToWorker =
    | { readonly type: 'wasmFile'; readonly id: number; readonly bytes: ArrayBuffer }
    | { readonly type: 'wasmFileError'; readonly id: number; readonly message: string }
    | { readonly type: 'describe'; readonly id: number; readonly analysis: ModelAnalysis; readonly csv?: CsvText }
    | {
        readonly type: 'train';
        readonly analysis: ModelAnalysis;
        readonly csv?: CsvText;
        readonly settings: RunSettingsInput;
        readonly backend: BackendRequest;
    }
    | { readonly type: 'stop' }
    | { readonly type: 'save' };

export type FromWorker =
    | { readonly type: 'described'; readonly id: number; readonly data: DataInfo }
    | { readonly type: 'dataError'; readonly id: number; readonly message: string }
    | { readonly type: 'preparing'; readonly what: string }
    | { readonly type: 'backend'; readonly backend: string; readonly reason: string }
    | { readonly type: 'batch'; readonly progress: BatchProgress }
    | { readonly type: 'epoch'; readonly log: EpochLog }
    | { readonly type: 'done'; readonly result: RunResult }
    | { readonly type: 'failed'; readonly message: string; readonly problems?: readonly BuildProblem[] }
    | { readonly type: 'saved'; readonly model: string; readonly modelJson: string; readonly weights: string }
    | { readonly type: 'log'; readonly level: 'info' | 'warn' | 'error'; readonly message: string }
    /** tfjs-wasm's binary, which the worker cannot fetch itself everywhere (wasm-through-page.ts). */
    | { readonly type: 'wasmFile'; readonly id: number; readonly name: string };
