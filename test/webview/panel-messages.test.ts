/**
 * The training panel's page in chromium (see panel-harness.ts) and its messages: malformed and
 * unknown host messages are dropped and logged while the page keeps working; a new analysis
 * (an edit of the .rnn file) updates the panel, and a model with errors says which, links to
 * them and cannot be trained; a model with `data(...)` asks the host for its CSV, describes it
 * and trains a classifier on it, with the classification report, the shaded confusion matrix
 * and the trained model to save.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { ROOT } from '../helpers/ensure-built.js';
import { modelMessage, postToPanel, standIn, startHarness, text, texts, waitForPosted, waitForStatus, waitForText, type PanelHarness } from './panel-harness.js';

let harness: PanelHarness;

beforeAll(async () => { harness = await startHarness(); }, 60_000);
afterAll(async () => { await harness?.close(); });

const logged = async (page: Page) => (await standIn(page)).posted.filter(m => m.type === 'log').map(m => String(m.message));
const trainDisabled = (page: Page) => page.evaluate(() => (document.getElementById('train') as unknown as { disabled: boolean }).disabled);
declare const document: { getElementById(id: string): unknown };

describe('the panel\'s messages (chromium)', () => {
    it('drops malformed and unknown host messages, logs each, and keeps working', async () => {
        const page = await harness.open();
        const warnings: string[] = [];
        page.on('console', m => { if (m.type() === 'warning') warnings.push(m.text()); });
        const valid = modelMessage('advanced_rnn_theory.rnn', 'SingleLSTM');
        const bad: unknown[] = [
            'not an object',
            null,
            { type: 'explode' },
            { noType: true },
            { ...valid, uri: 42 },
            { ...valid, analysis: { ...(valid as { analysis: object }).analysis, layers: 'none' } },
            { type: 'train', options: { epochs: -3 } },
            { type: 'stop', extra: 'field' },
            { type: 'dataFile', path: 'x.csv' }
        ];
        for (const message of bad) await postToPanel(page, message);
        await waitForPosted(page, 'log', bad.length);
        const logs = await logged(page);
        expect(logs).toHaveLength(bad.length);
        expect(logs[2]).toMatch(/^Dropped a message: unknown host-to-panel message \(type "explode"\)/);
        expect(logs[4]).toMatch(/^Dropped a message: malformed host-to-panel "model" message: uri: Invalid type/);
        expect(logs[5]).toMatch(/analysis\.layers: Invalid type/);
        expect(logs[6]).toMatch(/options\.epochs: Invalid value/);
        expect(warnings.filter(w => w.includes('Dropped a message'))).toHaveLength(bad.length);
        expect(await text(page, 'h1')).toBe('RNN Lens: training');
        await postToPanel(page, valid);
        await waitForText(page, 'h1', /^SingleLSTM$/);
        await waitForText(page, '#data', /synthetic default/);
        expect(await trainDisabled(page)).toBe(false);
        await page.close();
    });

    it('shows a new analysis as the file is edited; a model with errors names them, links to them, and cannot train', async () => {
        const page = await harness.open();
        await postToPanel(page, modelMessage('advanced_rnn_theory.rnn', 'SingleLSTM'));
        await waitForText(page, '#summary', /lstm \(LSTM\)/);
        // LSTM(recurrent_dropout=0.2): the analysis's note on how RNN Lens trains it, before training.
        const note = modelMessage('advanced_rnn_theory.rnn', 'SingleLSTM') as unknown as { analysis: { layers: Array<{ training?: string }> } };
        const notes = note.analysis.layers.filter(l => l.training).map(l => l.training!);
        expect(notes).toHaveLength(1);
        expect(await texts(page, '#training-notes li')).toEqual([`lstm (LSTM): ${notes[0]}`]);
        expect(await page.inputValue('#epochs >> input')).toBe('1');
        expect(await page.inputValue('#batch-size >> input')).toBe('32');
        expect(await page.inputValue('#learning-rate >> input')).toBe('0.001');

        const source = 'model SingleLSTM {\n    SimpleRNN(8, input_shape=(10, 2))\n    LSTM(4)\n    Dense(1)\n    compile(optimizer="sgd", loss="mse")\n    fit(epochs=7, batch_size=16)\n}\n';
        const document = analyzeText(source);
        const errors = document.diagnostics.filter(d => d.severity === 'error').map(d => ({ message: d.message, code: d.code, range: d.range }));
        expect(errors.length).toBeGreaterThan(0);
        await postToPanel(page, { type: 'model', uri: 'file:///workspace/edited.rnn', analysis: JSON.parse(JSON.stringify(document.models[0])), errors, trainable: false });
        await waitForText(page, '#errors', /cannot be trained until/);
        expect(await texts(page, '#errors li')).toEqual(errors.map(e => `line ${e.range.start.line + 1}, column ${e.range.start.character + 1}: ${e.message} (${e.code})`));
        expect(await text(page, '#summary')).toContain('simple_rnn (SimpleRNN)');
        expect(await page.$('#training-notes')).toBeNull();
        expect(await page.inputValue('#epochs >> input')).toBe('7');
        expect(await page.inputValue('#learning-rate >> input')).toBe('0.01');
        expect(await trainDisabled(page)).toBe(true);
        expect(await text(page, '#blocker')).toBe('SingleLSTM has errors: fix them to train it.');
        await page.click('#errors li a');
        await waitForPosted(page, 'reveal');
        const reveal = (await standIn(page)).posted.find(m => m.type === 'reveal');
        expect(reveal).toEqual({ type: 'reveal', uri: 'file:///workspace/edited.rnn', range: errors[0].range });

        await postToPanel(page, { type: 'modelUnavailable', uri: 'file:///workspace/edited.rnn', model: 'SingleLSTM', message: 'There is no model SingleLSTM in edited.rnn any more.' });
        await waitForText(page, '#errors', /no model SingleLSTM/);
        expect(await trainDisabled(page)).toBe(true);
        await page.close();
    });

    it('asks the host for the CSV of data(...), describes it, and trains a classifier on it: report, shaded confusion matrix, and the model to save', async () => {
        const page = await harness.open();
        await postToPanel(page, modelMessage('seattle_weather.rnn', 'WeatherClassifier'));
        await waitForPosted(page, 'readData');
        const asked = (await standIn(page)).posted.find(m => m.type === 'readData');
        expect(asked).toEqual({ type: 'readData', path: 'data/seattle-weather.csv' });
        const csv = readFileSync(join(ROOT, 'examples', 'data', 'seattle-weather.csv'), 'utf8');
        await postToPanel(page, { type: 'dataFile', path: 'data/seattle-weather.csv', text: csv });
        await waitForText(page, '#data', /1,461 rows, 4 features, classifying "weather" into 5 classes/);
        expect(await texts(page, '#data table.split td')).toEqual(['train', expect.stringMatching(/^\d/), 'validation', expect.stringMatching(/^\d/), 'test', expect.stringMatching(/^\d/)]);

        // Train: the page asks for the file again (it may have changed), and gets it.
        await postToPanel(page, { type: 'train', options: { epochs: 2, backend: 'wasm' } });
        await waitForPosted(page, 'readData', 2);
        await postToPanel(page, { type: 'dataFile', path: 'data/seattle-weather.csv', text: csv });
        await postToPanel(page, { type: 'train', options: {} }); // a second Train while one runs is ignored
        await waitForStatus(page, ['done', 'failed'], 120_000);
        expect(await text(page, '#status')).toMatch(/^Done/);
        expect(await text(page, '#test-metrics')).toMatch(/^Test accuracy: [\d.]+% of \d+ windows\.$/);
        const report = await texts(page, '#classification-report tbody td:first-child');
        expect(report).toEqual(['drizzle', 'rain', 'sun', 'snow', 'fog', 'accuracy', 'macro avg', 'weighted avg']);
        const shades = await page.evaluate(() => Array.from((document as unknown as { querySelectorAll(s: string): Iterable<{ style: { getPropertyValue(p: string): string } }> }).querySelectorAll('#confusion-matrix td.shaded'), td => td.style.getPropertyValue('--shade')));
        expect(shades).toHaveLength(25);
        expect(shades.some(s => s !== '0%')).toBe(true);
        expect(await logged(page)).toContain('Train not started: A training is running.');

        // Save: the worker hands over tfjs's two files, the page posts them to the host.
        await page.click('#save');
        await waitForPosted(page, 'saveModel');
        const saved = (await standIn(page)).posted.find(m => m.type === 'saveModel') as unknown as { model: string; modelJson: string; weights: string };
        const modelJson = JSON.parse(saved.modelJson) as { format: string; weightsManifest: Array<{ paths: string[]; weights: Array<{ shape: number[] }> }> };
        expect(saved.model).toBe('WeatherClassifier');
        expect(modelJson.format).toBe('layers-model');
        expect(modelJson.weightsManifest[0].paths).toEqual(['weights.bin']);
        const floats = modelJson.weightsManifest[0].weights.reduce((n, w) => n + w.shape.reduce((a, b) => a * b, 1), 0);
        expect(floats).toBe(5173); // the model's parameter count
        expect(Buffer.from(saved.weights, 'base64').length).toBe(floats * 4);
        await page.close();
    }, 150_000);

    it('says why a data file cannot be read', async () => {
        const page = await harness.open();
        await postToPanel(page, modelMessage('seattle_weather.rnn', 'TempForecast'));
        await waitForPosted(page, 'readData');
        await postToPanel(page, { type: 'dataFileError', path: 'data/seattle-weather.csv', message: 'The data file "../x.csv" resolves to /x.csv, outside the workspace.' });
        await waitForText(page, '#data', /outside the workspace/);
        await page.close();
    });
});
