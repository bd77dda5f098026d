/**
 * Training end to end on real tfjs: the bundled data's regression beats predicting the mean,
 * classification gets its report, Stop ends training between batches, a model tfjs cannot
 * train is refused before training, and no tensor leaks in any of these.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import type { ModelAnalysis } from '../../language/src/analysis/types.js';
import { selectNodeBackend } from '../../training/src/backend/node-backend.js';
import { prepareDataset } from '../../training/src/data/dataset.js';
import { directoryLoader } from '../../training/src/data/node-loader.js';
import { createCustomLayers } from '../../training/src/layers/index.js';
import { TrainingBlocked, trainModel } from '../../training/src/train/train-model.js';
import { ROOT } from '../helpers/ensure-built.js';

const examplePath = join(ROOT, 'examples', 'seattle_weather.rnn');
const models = analyzeText(readFileSync(examplePath, 'utf8')).models;
const model = (name: string) => models.find(m => m.name === name)!;

function dataFor(analysis: ModelAnalysis) {
    return prepareDataset(analysis.description, analysis.description.input?.shape, directoryLoader(dirname(examplePath)));
}

beforeAll(async () => {
    await selectNodeBackend(tf, 'auto');
});

describe('training on the bundled Seattle weather data', () => {
    it('forecasts tomorrow\'s maximum temperature far better than the training mean, leaking no tensor', async () => {
        const before = tf.memory().numTensors;
        const epochs: number[] = [];
        const result = await trainModel(tf, model('TempForecast'), dataFor(model('TempForecast')), createCustomLayers(tf), {
            epochs: 6, onEpoch: log => epochs.push(log.logs.loss)
        });
        result.tfModel.dispose();
        expect(tf.memory().numTensors).toBe(before);
        expect(result.epochsRun).toBe(6);
        expect(epochs.at(-1)!).toBeLessThan(epochs[0]);
        expect(result.test?.task).toBe('regression');
        if (result.test?.task !== 'regression') return;
        // The baseline is about 7 °C; a trained LSTM is within about 3 °C.
        expect(result.test.mae).toBeLessThan(0.5 * result.test.baselineMae);
        expect(result.test.actual).toHaveLength(218);
        expect(Object.keys(result.testLogs)).toEqual(['loss', 'mae']);
    }, 120_000);

    it('classifies tomorrow\'s weather with a report over the five classes', async () => {
        const before = tf.memory().numTensors;
        const result = await trainModel(tf, model('WeatherClassifier'), dataFor(model('WeatherClassifier')), createCustomLayers(tf), { epochs: 2 });
        result.tfModel.dispose();
        expect(tf.memory().numTensors).toBe(before);
        expect(result.test?.task).toBe('classification');
        if (result.test?.task !== 'classification') return;
        expect(result.test.report.classes.map(c => c.label)).toEqual(['drizzle', 'rain', 'sun', 'snow', 'fog']);
        expect(result.test.report.classes.reduce((n, c) => n + c.support, 0)).toBe(218);
        expect(result.history[0].logs).toHaveProperty('accuracy');
        expect(result.history[0].logs).toHaveProperty('val_accuracy');
    }, 120_000);

    it('stops between batches when asked, keeping what it has, leaking no tensor', async () => {
        const before = tf.memory().numTensors;
        let batches = 0;
        const result = await trainModel(tf, model('TempForecast'), dataFor(model('TempForecast')), createCustomLayers(tf), {
            epochs: 5, onBatch: () => { batches++; }, shouldStop: () => batches >= 3
        });
        result.tfModel.dispose();
        expect(tf.memory().numTensors).toBe(before);
        expect(result.stoppedByUser).toBe(true);
        expect(batches).toBe(3);
        expect(result.epochsRun).toBeLessThanOrEqual(1);
    }, 60_000);

    it('refuses a model tfjs cannot train before training, naming the layer, leaking no tensor', async () => {
        const text = readFileSync(examplePath, 'utf8').replace('LSTM(32)', 'LSTM(32, activation="exponential")');
        const analysis = analyzeText(text).models[0];
        const before = tf.memory().numTensors;
        const error = await trainModel(tf, analysis, dataFor(analysis), createCustomLayers(tf), { epochs: 1 }).catch(e => e);
        expect(error).toBeInstanceOf(TrainingBlocked);
        expect((error as TrainingBlocked).problems[0].layer).toBe('lstm');
        expect((error as Error).message).toMatch(/exponential/);
        expect(tf.memory().numTensors).toBe(before);
    });
});
