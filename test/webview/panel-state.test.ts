/**
 * The panel's state and the series it draws, as pure functions: restoring a run that was cut
 * off, following `fit`/`compile` in the inputs unless the user typed their own, checking the
 * inputs, thinning the batch losses, and lining up the chart series.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import type { EpochLog } from '../../training/src/train/progress.js';
import { lossChart, metricCharts, runMarkers } from '../../webview/src/panel/curves-data.js';
import {
    initialState, MAX_BATCH_POINTS, parseInputs, restoreState, startRun, withBatch, withEpoch, withModel, type PanelState
} from '../../webview/src/panel/state.js';
import type { RunResult } from '../../webview/src/worker/worker-messages.js';
import { ROOT } from '../helpers/ensure-built.js';

const weather = analyzeText(readFileSync(join(ROOT, 'examples', 'seattle_weather.rnn'), 'utf8'));
const temp = weather.models.find(m => m.name === 'TempForecast')!;
const modelMessage = (analysis = temp) => ({ type: 'model' as const, uri: 'file:///w/seattle_weather.rnn', analysis, errors: [], trainable: true });
const log = (epoch: number, logs: Record<string, number>): EpochLog => ({ epoch, epochs: 3, logs, seconds: 1, samplesPerSecond: 100 });

describe('the panel state', () => {
    it('fills the inputs from fit and compile (Adam(learning_rate=0.005), epochs=30, batch_size=32)', () => {
        const state = withModel(initialState(), modelMessage());
        expect(state.inputs).toEqual({ epochs: '30', batchSize: '32', learningRate: '0.005', backend: 'auto' });
        expect(state.data).toEqual({ path: 'data/seattle-weather.csv', info: undefined });
    });

    it('follows edits of fit/compile unless the user typed other values', () => {
        const edited = analyzeText(readFileSync(join(ROOT, 'examples', 'seattle_weather.rnn'), 'utf8').replace('fit(epochs=30', 'fit(epochs=12')).models[0];
        const opened = withModel(initialState(), modelMessage());
        expect(withModel(opened, modelMessage(edited)).inputs.epochs).toBe('12');
        const typed: PanelState = { ...opened, inputs: { ...opened.inputs, epochs: '3' } };
        expect(withModel(typed, modelMessage(edited)).inputs.epochs).toBe('3');
        // Another model: its own settings.
        expect(withModel(typed, modelMessage(weather.models[1])).inputs.epochs).toBe('30');
    });

    it('marks a run going on when the model changes, so that the panel says the next run uses it', () => {
        const state = { ...withModel(initialState(), modelMessage()), run: startRun('TempForecast', { epochs: 3, batchSize: 32 }) };
        expect(withModel(state, modelMessage()).run?.modelChanged).toBe(true);
    });

    it('restores a run that was going on as stopped, with its curves; anything else as it was', () => {
        const running = { ...initialState(), run: withEpoch(startRun('M', { epochs: 3, batchSize: 32 }), log(1, { loss: 1 })) };
        const restored = restoreState(JSON.parse(JSON.stringify(running)));
        expect(restored.run?.status).toBe('stopped');
        expect(restored.run?.note).toMatch(/^Cut off/);
        expect(restored.run?.history).toHaveLength(1);
        const done = { ...running, run: { ...running.run, status: 'done' as const } };
        expect(restoreState(done)).toBe(done);
        expect(restoreState(undefined)).toEqual(initialState());
        expect(restoreState({ version: 0 })).toEqual(initialState());
    });

    it('checks the inputs; the host\'s train options override them', () => {
        const inputs = { epochs: '5', batchSize: '16', learningRate: '', backend: 'auto' as const };
        expect(parseInputs(inputs)).toEqual({ ok: true, settings: { epochs: 5, batchSize: 16 } });
        expect(parseInputs({ ...inputs, learningRate: '1e-3' })).toEqual({ ok: true, settings: { epochs: 5, batchSize: 16, learningRate: 0.001 } });
        expect(parseInputs({ ...inputs, epochs: '2.5' })).toEqual({ ok: false, message: 'Epochs must be a whole number of 1 or more.' });
        expect(parseInputs({ ...inputs, batchSize: '0' })).toEqual({ ok: false, message: 'Batch size must be a whole number of 1 or more.' });
        expect(parseInputs({ ...inputs, learningRate: '-1' }).ok).toBe(false);
        expect(parseInputs({ ...inputs, epochs: 'x' }, { epochs: 2 })).toEqual({ ok: true, settings: { epochs: 2, batchSize: 16 } });
    });

    it('thins the batch losses past the limit, keeping the last', () => {
        let run = startRun('M', { epochs: 100, batchSize: 32 });
        for (let i = 1; i <= MAX_BATCH_POINTS + 1; i++) run = withBatch(run, { epoch: 1, epochs: 1, batch: i, batches: MAX_BATCH_POINTS + 1, loss: i, samplesPerSecond: 1, secondsLeft: 1 });
        expect(run.batchLoss.length).toBeLessThanOrEqual(MAX_BATCH_POINTS);
        expect(run.batchLoss[run.batchLoss.length - 1][1]).toBe(MAX_BATCH_POINTS + 1);
        expect(run.status).toBe('training');
    });
});

describe('the chart series', () => {
    const history = [log(1, { loss: 0.5, mae: 0.4, val_loss: 0.6, val_mae: 0.5 }), log(2, { loss: 0.3, mae: 0.2, val_loss: 0.4, val_mae: 0.3 })];

    it('lines up batch losses and epoch points on one x axis in epochs', () => {
        const chart = lossChart(history, [[0.5, 0.9], [1, 0.6], [1.5, 0.4], [2, 0.35]]);
        expect(chart.x).toEqual([0.5, 1, 1.5, 2]);
        expect(chart.series.map(s => s.label)).toEqual(['loss (batches)', 'loss', 'val_loss']);
        expect(chart.series[1].values).toEqual([null, 0.5, null, 0.3]);
        expect(chart.series[2].values).toEqual([null, 0.6, null, 0.4]);
    });

    it('draws one chart per metric, with its validation curve', () => {
        expect(metricCharts(history).map(c => [c.title, c.series.map(s => s.label), c.x])).toEqual([['mae', ['mae', 'val_mae'], [1, 2]]]);
    });

    it('marks EarlyStopping, the restored epoch and a stop', () => {
        const result = { stoppedEarly: true, epochsRun: 9, restoredBestEpoch: 4, stoppedByUser: false } as RunResult;
        expect(runMarkers(result)).toEqual([{ x: 9, label: 'EarlyStopping' }, { x: 4, label: 'best weights restored' }]);
        expect(runMarkers({ ...result, stoppedEarly: false, restoredBestEpoch: undefined, stoppedByUser: true })).toEqual([{ x: 9, label: 'stopped' }]);
    });
});
