/**
 * Every model of the course notebook trains for two epochs on synthetic data with falling loss,
 * on wasm (the default backend), with Keras's parameter count (checked by the build), leaking no
 * tensor. The data is the synthetic sine, shortened so that the suite stays quick.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { selectNodeBackend } from '../../training/src/backend/node-backend.js';
import { prepareDataset } from '../../training/src/data/dataset.js';
import { directoryLoader } from '../../training/src/data/node-loader.js';
import { createCustomLayers } from '../../training/src/layers/index.js';
import { trainModel } from '../../training/src/train/train-model.js';
import { ROOT } from '../helpers/ensure-built.js';

const COMPILE = 'compile(optimizer="adam", loss="mse", metrics=["mae"])';
const notebook = readFileSync(join(ROOT, 'examples', 'advanced_rnn_theory.rnn'), 'utf8');
const withData = notebook.replaceAll(COMPILE, `${COMPILE}\n    data(synthetic="sine", length=500, seed=7)`);
const models = analyzeText(withData).models;

beforeAll(async () => {
    await selectNodeBackend(tf, 'wasm');
});

describe('the notebook\'s models train', () => {
    it('has all seven, each with its synthetic data', () => {
        expect(models.map(m => m.name)).toEqual(['SingleSimpleRNN', 'SingleLSTM', 'StackedLSTM', 'Monster1', 'SingleBidirectional', 'StackedBidirectional', 'Monster2']);
        expect(models.every(m => m.description.data?.args.length === 500)).toBe(true);
    });

    it.each(models.map(m => [m.name, m] as const))('%s: two epochs, loss falls, no tensor leaks', async (_name, model) => {
        const before = tf.memory().numTensors;
        const data = prepareDataset(model.description, model.description.input?.shape, directoryLoader(ROOT));
        const losses: number[] = [];
        const result = await trainModel(tf, model, data, createCustomLayers(tf), { epochs: 2, batchSize: 32, onEpoch: log => losses.push(log.logs.loss) });
        result.tfModel.dispose();
        expect(tf.memory().numTensors).toBe(before);
        expect(result.params).toBe(model.totals.total);
        expect(losses).toHaveLength(2);
        expect(losses.every(Number.isFinite)).toBe(true);
        expect(losses[1]).toBeLessThan(losses[0]);
    }, 60_000);
});
