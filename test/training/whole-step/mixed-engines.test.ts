/**
 * The whole-step engine against the per-layer path on models that mix every layer it has a
 * kernel for (Conv1D's paddings, dilation and activations, max and average pooling, SimpleRNN,
 * LSTM, GRU with both reset_after forms, input and recurrent dropout, seeded and not,
 * Bidirectional's four merge modes, Dense on sequences and on vectors, Dropout, MSE and MAE):
 * the same losses for 20 seeded batches and the same weights after them, the same epoch logs
 * (metrics and validation), EarlyStopping's restored weights and a saved model's weights; and
 * the models it cannot train keep the per-layer path, saying why.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { selectNodeBackend } from '../../../training/src/backend/node-backend.js';
import { prepareDataset } from '../../../training/src/data/dataset.js';
import { directoryLoader } from '../../../training/src/data/node-loader.js';
import { ROOT } from '../../helpers/ensure-built.js';
import {
    EARLY_STOPPING_FIT, expectSameEpochLogs, MIXED_MODELS as MODELS, mixedModel as modelOf, runEngine, savedWeights, weightDifference
} from './engines.js';

beforeAll(async () => {
    await selectNodeBackend(tf, 'wasm');
});

describe('the whole-step engine on models mixing its layers', () => {
    it.each(Object.keys(MODELS))('%s: 20 batches, same losses, weights and epoch logs', async name => {
        const model = modelOf(name, MODELS[name]);
        const data = prepareDataset(model.description, model.description.input?.shape, directoryLoader(ROOT));
        const tensors = tf.memory().numTensors;
        const whole = await runEngine(model, data, 'whole-step', 20);
        const layers = await runEngine(model, data, 'layers', 20);
        expect(whole.engine).toBe('whole-step');
        expect(whole.losses).toHaveLength(20);
        whole.losses.forEach((loss, i) => expect(Math.abs(loss - layers.losses[i]) / layers.losses[i], `batch ${i + 1}: ${loss} against ${layers.losses[i]}`).toBeLessThan(1e-4));
        expect(weightDifference(whole.weights, layers.weights)).toBeLessThan(1e-4);
        // The epochs that ended (with validation) and the one stopped mid-way log the same.
        expect(whole.result.history.length).toBeGreaterThan(1);
        expectSameEpochLogs(whole, layers);
        expect(whole.result.stoppedByUser).toBe(true);
        whole.result.tfModel.dispose();
        layers.result.tfModel.dispose();
        expect(tf.memory().numTensors).toBe(tensors);
    }, 60_000);

    it('hands EarlyStopping the weights of each epoch: the restored weights are the per-layer path\'s', async () => {
        const model = modelOf('Early', MODELS.recurrentKinds, EARLY_STOPPING_FIT);
        const data = prepareDataset(model.description, model.description.input?.shape, directoryLoader(ROOT));
        const whole = await runEngine(model, data, 'whole-step', 1000, { epochs: undefined });
        const layers = await runEngine(model, data, 'layers', 1000, { epochs: undefined });
        expect(whole.result.stoppedEarly).toBe(true);
        expect(whole.result.restoredBestEpoch).toBe(1);
        expect(whole.result.epochsRun).toBe(2);
        expect(weightDifference(whole.weights, layers.weights)).toBeLessThan(1e-4);
        whole.result.tfModel.dispose();
        layers.result.tfModel.dispose();
    }, 60_000);

    it('saves the weights it trained', async () => {
        const model = modelOf('Saved', MODELS.sequences);
        const data = prepareDataset(model.description, model.description.input?.shape, directoryLoader(ROOT));
        const whole = await runEngine(model, data, 'whole-step', 13);
        const layers = await runEngine(model, data, 'layers', 13);
        expect(weightDifference(await savedWeights(whole, layers.weights), layers.weights)).toBeLessThan(1e-4);
        whole.result.tfModel.dispose();
        layers.result.tfModel.dispose();
    }, 60_000);

    it.each([
        ['Masking', 'Masking(mask_value=0, input_shape=(8, 2))\n        LSTM(4)\n        Dense(1)\n        compile(optimizer="adam", loss="mse")', 'has no whole-step kernel'],
        ['a loss without a kernel', 'LSTM(4, input_shape=(8, 2))\n        Dense(1, activation="sigmoid")\n        compile(optimizer="adam", loss="binary_crossentropy")', 'loss'],
        ['another optimizer', 'LSTM(4, input_shape=(8, 2))\n        Dense(1)\n        compile(optimizer="rmsprop", loss="mse")', 'not Adam']
    ])('keeps the per-layer path for %s, and says why', async (_what, body, reason) => {
        const model = modelOf('Other', `\n        ${body}`);
        const data = prepareDataset(model.description, model.description.input?.shape, directoryLoader(ROOT));
        const run = await runEngine(model, data, 'auto' as never, 3);
        expect(run.engine).toBe('layers');
        expect(run.result.engineReason).toContain(reason);
        run.result.tfModel.dispose();
        await expect(runEngine(model, data, 'whole-step', 3)).rejects.toThrow(/whole-step engine cannot train/);
    }, 60_000);
});
