/**
 * Picking the fastest backend for a model by timing a few batches: every candidate that runs is
 * timed, one that is missing is reported with its problem, the fastest is left set, and nothing
 * leaks. (In Node the candidates are wasm and cpu; the browser adds webgl.)
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../../language/src/analyze-text.js';
import { pickFastestBackend } from '../../../training/src/backend/fastest-backend.js';
import { selectNodeBackend } from '../../../training/src/backend/node-backend.js';
import { prepareDataset } from '../../../training/src/data/dataset.js';
import { createCustomLayers } from '../../../training/src/layers/index.js';

const model = analyzeText(`model M {
    Conv1D(filters=8, kernel_size=3, input_shape=(12, 4))
    GRU(6)
    Dense(1)
    compile(optimizer="adam", loss="mse")
    data(synthetic="sine", length=200, seed=1)
}`).models[0];
const data = prepareDataset(model.description, model.description.input?.shape, () => { throw new Error('no files here'); });

beforeAll(async () => {
    await selectNodeBackend(tf, 'auto'); // registers wasm and its extra kernels
});

describe('pickFastestBackend', () => {
    it('times each backend that runs, reports the missing one, and leaves the fastest set', async () => {
        const before = tf.memory().numTensors;
        const picked = await pickFastestBackend(tf, ['webgl', 'wasm', 'cpu'], model, data, createCustomLayers(tf), { batchSize: 16, batches: 2 });
        expect(tf.memory().numTensors).toBe(before);
        expect(picked.timings.map(t => t.backend)).toEqual(['webgl', 'wasm', 'cpu']);
        expect(picked.timings[0].msPerBatch).toBeUndefined();
        expect(picked.timings[0].problem).toBeTruthy();
        const ran = picked.timings.filter(t => t.msPerBatch !== undefined);
        expect(ran.map(t => t.backend)).toEqual(['wasm', 'cpu']);
        const fastest = ran.reduce((a, b) => (b.msPerBatch! < a.msPerBatch! ? b : a));
        expect(picked.backend).toBe(fastest.backend);
        expect(tf.getBackend()).toBe(picked.backend);
        expect(picked.reason).toMatch(/ms per batch of 16/);
        expect(picked.reason).toContain('webgl unavailable');
    });

    it('says so when no candidate can train the model', async () => {
        await expect(pickFastestBackend(tf, ['webgl', 'nonesuch'], model, data, createCustomLayers(tf), { batchSize: 8 }))
            .rejects.toThrow(/No backend could train M: webgl .*nonesuch/);
    });
});
