/**
 * Runs a model through trainModel on one engine from the same seeds (Math.random seeded for the
 * initializers, the shuffles and the dropout masks, as both engines draw them in the same order):
 * the losses of its first batches and the weights after them.
 */
import * as tf from '@tensorflow/tfjs';
import type { ModelAnalysis } from '../../../language/src/analysis/types.js';
import type { PreparedDataset } from '../../../training/src/data/dataset.js';
import { mulberry32 } from '../../../training/src/data/synthetic.js';
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
