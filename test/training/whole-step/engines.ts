/**
 * Runs a model through trainModel on one engine from the same seeds (Math.random seeded for the
 * initializers, the shuffles and the dropout masks, as both engines draw them in the same order):
 * the losses of its first batches and the weights after them.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { analyzeText } from '../../../language/src/analyze-text.js';
import type { ModelAnalysis } from '../../../language/src/analysis/types.js';
import type { PreparedDataset } from '../../../training/src/data/dataset.js';
import { mulberry32 } from '../../../training/src/data/synthetic.js';
import { modelFiles } from '../../../training/src/save/model-files.js';
import { createCustomLayers } from '../../../training/src/layers/index.js';
import { trainModel, type TrainOptions, type TrainResult } from '../../../training/src/train/train-model.js';

export interface EngineRun {
    readonly engine: string;
    readonly losses: number[];
    readonly weights: Float32Array[];
    readonly result: TrainResult;
}

/** Trains `batches` batches (the run stops there, mid-epoch unless it falls on an epoch's end). */
export async function runEngine(model: ModelAnalysis, data: PreparedDataset, engine: 'whole-step' | 'layers', batches: number, options: TrainOptions = {}): Promise<EngineRun> {
    const random = Math.random;
    Math.random = mulberry32(11);
    const losses: number[] = [];
    try {
        const result = await trainModel(tf, model, data, createCustomLayers(tf), {
            epochs: 100, batchSize: 16, ...options, engine,
            onBatch: b => losses.push(b.loss),
            shouldStop: () => losses.length >= batches
        });
        const weights = result.tfModel.getWeights().map(w => w.dataSync().slice() as Float32Array);
        return { engine: result.engine, losses, weights, result };
    } finally {
        Math.random = random;
    }
}

/** The largest difference between two runs' weights, relative to the weight's largest value. */
export function weightDifference(a: readonly Float32Array[], b: readonly Float32Array[]): number {
    let worst = 0;
    a.forEach((w, i) => {
        let scale = 1e-3, diff = 0;
        for (let j = 0; j < w.length; j++) {
            scale = Math.max(scale, Math.abs(b[i][j]));
            diff = Math.max(diff, Math.abs(w[j] - b[i][j]));
        }
        worst = Math.max(worst, diff / scale);
    });
    return worst;
}

const DATA = 'data(synthetic="sine", length=400, seed=3)';

/** Models mixing every layer the whole-step engine has a kernel for (each body: the layers and compile). */
export const MIXED_MODELS: Record<string, string> = {
    recurrentKinds: `
        Conv1D(filters=6, kernel_size=3, padding="same", activation="relu", input_shape=(16, 4))
        AveragePooling1D(2)
        GRU(8, reset_after=False, dropout=0.2, recurrent_dropout=0.1, return_sequences=True)
        Bidirectional(SimpleRNN(5, return_sequences=True, recurrent_dropout=0.2, seed=4), merge_mode="sum")
        Bidirectional(GRU(6, return_sequences=True, dropout=0.1), merge_mode="ave")
        Bidirectional(LSTM(4, recurrent_dropout=0.3), merge_mode="mul")
        Dropout(0.2)
        Dense(8, activation="tanh")
        Dense(1)
        compile(optimizer=Adam(learning_rate=0.01), loss="mse", metrics=["mae"])`,
    sequences: `
        Dense(6, activation="relu", input_shape=(14, 3))
        Conv1D(filters=5, kernel_size=2, padding="causal", dilation_rate=2, activation="tanh")
        MaxPooling1D(pool_size=3, strides=2, padding="same")
        Bidirectional(LSTM(6, return_sequences=True, dropout=0.2), merge_mode="concat")
        GRU(5, activation="sigmoid", recurrent_activation="tanh", dropout=0.1, recurrent_dropout=0.1, seed=9)
        Dense(4, activation="sigmoid")
        Dropout(0.3)
        Dense(1)
        compile(optimizer="adam", loss="mae", metrics=["mse"])`,
    stridedConv: `
        Conv1D(filters=4, kernel_size=3, strides=2, input_shape=(20, 2))
        SimpleRNN(7, activation="tanh", return_sequences=True)
        LSTM(5, activation="sigmoid", dropout=0.25)
        Dense(1, activation="linear")
        compile(optimizer=Adam(learning_rate=0.005), loss="mean_squared_error")`
};

/** A model of its body, on seeded synthetic data, and `fit` (a fit line, or nothing). */
export function mixedModel(name: string, body: string, fit = '') {
    const text = `model ${name} {${body}\n        ${DATA}${fit}\n}`;
    const analysis = analyzeText(text).models[0];
    if (!analysis.complete) throw new Error(`${name} does not analyse`);
    return analysis;
}

/** A fit line whose EarlyStopping takes the first epoch as the best (min_delta) and stops after the second, restoring it. */
export const EARLY_STOPPING_FIT = '\n        fit(epochs=6, callbacks=[EarlyStopping(monitor="loss", patience=1, min_delta=100, restore_best_weights=True)])';

/** Every epoch log of `run` (metrics and validation) is `reference`'s within 1e-4. */
export function expectSameEpochLogs(run: EngineRun, reference: EngineRun): void {
    expect(run.result.history.map(h => Object.keys(h.logs))).toEqual(reference.result.history.map(h => Object.keys(h.logs)));
    run.result.history.forEach((h, e) => {
        for (const [key, value] of Object.entries(h.logs)) {
            const expected = reference.result.history[e].logs[key];
            expect(Math.abs(value - expected) / Math.abs(expected), `epoch ${e + 1} ${key}`).toBeLessThan(1e-4);
        }
    });
}

/** The weights a saved copy of `run`'s model holds, cut as `like` (the model's weights) are. */
export async function savedWeights(run: EngineRun, like: readonly Float32Array[]): Promise<Float32Array[]> {
    const files = await modelFiles(tf, run.result.tfModel);
    const saved = new Float32Array(files.weights.buffer, files.weights.byteOffset, files.weights.byteLength / 4);
    let offset = 0;
    const weights = like.map(w => saved.slice(offset, (offset += w.length)));
    expect(offset).toBe(saved.length);
    return weights;
}
