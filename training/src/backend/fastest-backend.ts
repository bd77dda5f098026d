/**
 * The fastest backend for one model, found by timing a few training batches of it on each
 * candidate (in the browser: webgl, wasm and cpu). Which one wins depends on the model: webgl
 * pays a fixed cost per operation that small recurrent steps never earn back, wasm wins on
 * small matrices, webgl on large convolutions. No DOM here: the candidates are whatever
 * backends the caller's tfjs has registered.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { ModelAnalysis, TfjsCustomLayers } from '../../../language/src/index.js';
import { buildTfjsModel } from '../build/build-model.js';
import { compileSettings } from '../build/compile.js';
import type { PreparedDataset } from '../data/dataset.js';
import { startBackend } from './start-backend.js';

export interface BackendTiming {
    readonly backend: string;
    /** Milliseconds per training batch; undefined when the backend could not run the model. */
    readonly msPerBatch?: number;
    readonly problem?: string;
}

export interface FastestBackend {
    readonly backend: string;
    /** For people: `wasm: 8.1 ms per batch (webgl 30.2, cpu 41.0)`. */
    readonly reason: string;
    readonly timings: readonly BackendTiming[];
}

export interface TrialOptions {
    readonly batchSize: number;
    /** Timed batches after one warm-up batch (which compiles shaders, allocates the optimizer). */
    readonly batches?: number;
}

/** Times `batches` training batches of the model on the current backend; disposes everything. */
export async function timeTrainingBatches(tf: typeof tfjs, analysis: ModelAnalysis, data: PreparedDataset, custom: TfjsCustomLayers, options: TrialOptions): Promise<number> {
    const built = buildTfjsModel(tf, analysis, custom);
    if (!built.ok) throw new Error(built.problems.map(p => `${p.layer}: ${p.message}`).join('; '));
    const settings = compileSettings(tf, analysis.description.compile);
    const model = built.model;
    const n = Math.min(options.batchSize, data.train.n);
    const [steps, features] = data.inputShape;
    const x = tf.tensor3d(data.train.x.subarray(0, n * steps * features), [n, steps, features]);
    const y = tf.tensor2d(data.train.y.subarray(0, n * data.targetWidth), [n, data.targetWidth]);
    try {
        model.compile({ optimizer: settings.optimizer, loss: settings.loss });
        await model.trainOnBatch(x, y); // warm-up
        const batches = options.batches ?? 3;
        const started = performance.now();
        for (let i = 0; i < batches; i++) await model.trainOnBatch(x, y);
        return (performance.now() - started) / batches;
    } finally {
        tf.dispose([x, y]);
        model.dispose();
        settings.optimizer.dispose();
    }
}

/**
 * Sets each candidate in turn, times the model on it, and leaves the fastest set. A candidate
 * that does not start or cannot run the model is reported with its problem and skipped.
 */
export async function pickFastestBackend(tf: typeof tfjs, candidates: readonly string[], analysis: ModelAnalysis, data: PreparedDataset, custom: TfjsCustomLayers, options: TrialOptions): Promise<FastestBackend> {
    const timings: BackendTiming[] = [];
    for (const backend of candidates) {
        try {
            if (!(await startBackend(tf, backend))) throw new Error('it did not start');
            timings.push({ backend, msPerBatch: await timeTrainingBatches(tf, analysis, data, custom, options) });
        } catch (error) {
            timings.push({ backend, problem: (error as Error).message });
        }
    }
    const ran = timings.filter((t): t is BackendTiming & { msPerBatch: number } => t.msPerBatch !== undefined);
    if (ran.length === 0) throw new Error(`No backend could train ${analysis.name}: ${timings.map(t => `${t.backend} (${t.problem})`).join(', ')}`);
    const best = ran.reduce((a, b) => (b.msPerBatch < a.msPerBatch ? b : a));
    await tf.setBackend(best.backend);
    const others = timings.filter(t => t !== best).map(t => (t.msPerBatch !== undefined ? `${t.backend} ${t.msPerBatch.toFixed(1)}` : `${t.backend} unavailable: ${t.problem}`));
    return {
        backend: best.backend,
        reason: `fastest for this model: ${best.msPerBatch.toFixed(1)} ms per batch of ${options.batchSize}${others.length > 0 ? ` (${others.join(', ')})` : ''}`,
        timings
    };
}
