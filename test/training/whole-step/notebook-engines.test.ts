/**
 * The whole-step engine against the per-layer path on every model of the course notebook: the
 * same losses for 20 seeded batches (initial weights, shuffles and dropout masks from the same
 * seed), the same weights after them, and the tfjs model sees them after a stop mid-epoch.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../../language/src/analyze-text.js';
import { selectNodeBackend } from '../../../training/src/backend/node-backend.js';
import { prepareDataset } from '../../../training/src/data/dataset.js';
import { directoryLoader } from '../../../training/src/data/node-loader.js';
import { ROOT } from '../../helpers/ensure-built.js';
import { runEngine, weightDifference } from './engines.js';

const COMPILE = 'compile(optimizer="adam", loss="mse", metrics=["mae"])';
const notebook = readFileSync(join(ROOT, 'examples', 'advanced_rnn_theory.rnn'), 'utf8');
const models = analyzeText(notebook.replaceAll(COMPILE, `${COMPILE}\n    data(synthetic="sine", length=500, seed=7)`)).models;

beforeAll(async () => {
    await selectNodeBackend(tf, 'wasm');
});

describe('the whole-step engine trains the notebook\'s models as the per-layer path does', () => {
    it.each(models.map(m => [m.name, m] as const))('%s: 20 batches, same losses and weights', async (_name, model) => {
        const data = prepareDataset(model.description, model.description.input?.shape, directoryLoader(ROOT));
        const tensors = tf.memory().numTensors;
        const whole = await runEngine(model, data, 'whole-step', 20);
        const layers = await runEngine(model, data, 'layers', 20);
        expect(whole.engine).toBe('whole-step');
        expect(layers.engine).toBe('layers');
        expect(whole.losses).toHaveLength(20);
        whole.losses.forEach((loss, i) => expect(Math.abs(loss - layers.losses[i]) / layers.losses[i], `batch ${i + 1}: ${loss} against ${layers.losses[i]}`).toBeLessThan(1e-4));
        // Stopped mid-epoch: the tfjs model holds the whole-step engine's latest weights.
        expect(weightDifference(whole.weights, layers.weights)).toBeLessThan(1e-4);
        whole.result.tfModel.dispose();
        layers.result.tfModel.dispose();
        expect(tf.memory().numTensors).toBe(tensors);
    }, 60_000);
});
