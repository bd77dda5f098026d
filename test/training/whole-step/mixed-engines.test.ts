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
import { analyzeText } from '../../../language/src/analyze-text.js';
import { selectNodeBackend } from '../../../training/src/backend/node-backend.js';
import { prepareDataset } from '../../../training/src/data/dataset.js';
import { directoryLoader } from '../../../training/src/data/node-loader.js';
import { modelFiles } from '../../../training/src/save/model-files.js';
import { ROOT } from '../../helpers/ensure-built.js';
import { runEngine, weightDifference } from './engines.js';

const DATA = 'data(synthetic="sine", length=400, seed=3)';

const MODELS: Record<string, string> = {
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

function modelOf(name: string, body: string, fit = '') {
    const text = `model ${name} {${body}\n        ${DATA}${fit}\n}`;
    const analysis = analyzeText(text).models[0];
    if (!analysis.complete) throw new Error(`${name} does not analyse`);
    return analysis;
}

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
        expect(whole.result.history.map(h => Object.keys(h.logs))).toEqual(layers.result.history.map(h => Object.keys(h.logs)));
        whole.result.history.forEach((h, e) => {
            for (const [key, value] of Object.entries(h.logs)) expect(Math.abs(value - layers.result.history[e].logs[key]) / Math.abs(layers.result.history[e].logs[key]), `epoch ${e + 1} ${key}`).toBeLessThan(1e-4);
        });
        expect(whole.result.stoppedByUser).toBe(true);
        whole.result.tfModel.dispose();
        layers.result.tfModel.dispose();
        expect(tf.memory().numTensors).toBe(tensors);
    }, 60_000);

    it('hands EarlyStopping the weights of each epoch: the restored weights are the per-layer path\'s', async () => {
        // min_delta makes the first epoch the best and stops after the second: its weights come back.
        const fit = '\n        fit(epochs=6, callbacks=[EarlyStopping(monitor="loss", patience=1, min_delta=100, restore_best_weights=True)])';
        const model = modelOf('Early', MODELS.recurrentKinds, fit);
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
        const files = await modelFiles(tf, whole.result.tfModel);
        const saved = new Float32Array(files.weights.buffer, files.weights.byteOffset, files.weights.byteLength / 4);
        const expected = layers.weights;
        let offset = 0;
        const savedWeights = expected.map(w => saved.slice(offset, (offset += w.length)));
        expect(offset).toBe(saved.length);
        expect(weightDifference(savedWeights, expected)).toBeLessThan(1e-4);
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
