/**
 * Training on two kernel threads is training on one: from the same seeded weights and data, a
 * model mixing every recurrent kernel (LSTM, a Bidirectional LSTM, GRU with both reset_after
 * forms, SimpleRNN, masked steps) reaches the same loss after each of 20 batches and the same
 * weights after them, within float summation order carried through 20 Adam steps; and leaks
 * neither tensors nor kernel memory.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../../language/src/analyze-text.js';
import { selectNodeBackend } from '../../../training/src/backend/node-backend.js';
import { buildTfjsModel } from '../../../training/src/build/build-model.js';
import { compileSettings } from '../../../training/src/build/compile.js';
import { mulberry32 } from '../../../training/src/data/synthetic.js';
import { createCustomLayers } from '../../../training/src/layers/index.js';
import { kernelMemoryInUse } from '../../../training/src/layers/recurrent-kernel.js';
import { nodeSpawner } from '../../../training/src/threads/node-threads.js';
import { stopKernelThreads, useKernelThreads } from '../../../training/src/threads/use-kernel-threads.js';

const MODEL = `
model Mixed {
    Masking(mask_value=0.0, input_shape=(9, 3))
    LSTM(8, activation="relu", return_sequences=True)
    Bidirectional(LSTM(4, return_sequences=True), merge_mode="concat")
    GRU(6, return_sequences=True)
    GRU(5, reset_after=False, return_sequences=True)
    SimpleRNN(5)
    Dense(1)
    compile(optimizer=Adam(learning_rate=0.01), loss="mse")
}`;

const BATCH = 32;
const BATCHES = 20;

function data(): [tf.Tensor3D, tf.Tensor2D] {
    const n = BATCH * BATCHES;
    const random = mulberry32(21);
    const x = Float32Array.from({ length: n * 27 }, (_, i) => (i % 27 >= 24 && (i / 27 | 0) % 3 === 0 ? 0 : random() * 2 - 1));
    const y = Float32Array.from({ length: n }, (_, i) => Math.sin(x[i * 27] + x[i * 27 + 13]) * 0.5 + x[i * 27 + 20] * 0.3);
    return [tf.tensor3d(x, [n, 9, 3]), tf.tensor2d(y, [n, 1])];
}

async function train(threads: number): Promise<{ losses: number[]; weights: Float32Array[] }> {
    await useKernelThreads(threads, nodeSpawner);
    const analysis = analyzeText(MODEL).models[0];
    const built = buildTfjsModel(tf, analysis, createCustomLayers(tf), {});
    if (!built.ok) throw new Error(built.problems.map(p => p.message).join('; '));
    const model = built.model;
    const random = mulberry32(5);
    const start = model.getWeights().map(w => tf.tensor(Float32Array.from({ length: w.size }, () => (random() * 2 - 1) * 0.4), w.shape));
    model.setWeights(start);
    tf.dispose(start);
    const settings = compileSettings(tf, analysis.description.compile);
    model.compile({ optimizer: settings.optimizer, loss: settings.loss });
    const [x, y] = data();
    const losses: number[] = [];
    await model.fit(x, y, { epochs: 1, batchSize: BATCH, shuffle: false, verbose: 0, callbacks: { onBatchEnd: async (_, logs) => { losses.push(logs!.loss as number); } } });
    const weights = model.getWeights().map(w => w.dataSync() as Float32Array);
    tf.dispose([x, y]);
    model.dispose();
    settings.optimizer.dispose();
    return { losses, weights };
}

function relative(a: Float32Array, b: Float32Array): number {
    const scale = Math.max(1e-3, ...Array.from(b, Math.abs));
    return Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]))) / scale;
}

afterAll(async () => {
    stopKernelThreads();
    await selectNodeBackend(tf, 'cpu');
});

describe.each(['wasm', 'cpu'] as const)('training on two kernel threads on %s', backend => {
    beforeAll(async () => {
        await selectNodeBackend(tf, backend);
    });

    it('gives one thread\'s losses batch by batch and its weights', async () => {
        const tensors = tf.memory().numTensors;
        const kernelMemory = kernelMemoryInUse();
        const one = await train(1);
        const two = await train(2);
        expect(one.losses).toHaveLength(BATCHES);
        expect(one.losses.at(-1)!).toBeLessThan(one.losses[0]);
        two.losses.forEach((loss, i) => expect(Math.abs(loss - one.losses[i]) / one.losses[i], `batch ${i + 1}`).toBeLessThan(1e-4));
        two.weights.forEach((w, i) => expect(relative(w, one.weights[i]), `weight ${i}`).toBeLessThan(1e-4));
        expect(tf.memory().numTensors).toBe(tensors);
        expect(kernelMemoryInUse()).toBe(kernelMemory);
    }, 60_000);
});
