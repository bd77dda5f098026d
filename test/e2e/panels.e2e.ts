/**
 * The installed .vsix's views beside the editor, in a real VS Code (code-server): the training
 * panel training a notebook model on synthetic data (issue 6), the walk-through and the diagram
 * (issue 9), and Export to and Import from Keras, each compared with what the CLI gives for the same model.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { lineOf, summaryJson } from './harness/analysis.js';
import { renderedLines, waitForText, webview } from './harness/editor-dom.js';
import { count, lstmFormula, modelNamed, shape } from './harness/expected.js';
import { runCli } from '../helpers/cli-run.js';
import { workbenchSuite } from './harness/suite.js';
import { closeAllEditors, goToLine, openFile, runCommand } from './harness/workbench.js';

const FILE = 'examples/advanced_rnn_theory.rnn';
const KERAS_FILE = 'keras_model.py';
const KERAS_CODE = [
    'from tensorflow import keras',
    'from tensorflow.keras import layers',
    '',
    'model = keras.Sequential([',
    '    layers.LSTM(30, return_sequences=True, input_shape=(21, 9)),',
    '    layers.LSTM(20),',
    '    layers.Dense(1),',
    '])',
    'model.compile(optimizer="adam", loss="mse")',
    ''
].join('\n');
const MODEL = 'SingleLSTM';
const EPOCHS = 2;
const BACKEND = process.env.RNN_LENS_E2E_BACKEND ?? 'wasm';
const single = modelNamed(summaryJson(FILE), MODEL);

/** Polls until `get` gives a value, for up to a minute. */
async function pollFor<T>(get: () => Promise<T | undefined>, what: string): Promise<T> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
        const value = await get();
        if (value !== undefined) return value;
        await new Promise(r => setTimeout(r, 500));
    }
    throw new Error(`timed out waiting for ${what}`);
}

describe('training panel, walk-through, diagram and the Keras bridge in code-server', () => {
    // Train Model starts training at once, for rnnLens.training.defaultEpochs when the model's fit gives none.
    // The backend is RNN_LENS_E2E_BACKEND, wasm by default: 'auto' first times WebGL, which chromium without a GPU
    // emulates for a minute and more. Wasm loads in code-server's webview worker because the page fetches its
    // binary (the worker's own fetch is not answered by the webview's service worker).
    const workbench = workbenchSuite('panels', {
        '.vscode/settings.json': JSON.stringify({ 'rnnLens.training.defaultEpochs': EPOCHS, 'rnnLens.training.backend': BACKEND }),
        [KERAS_FILE]: KERAS_CODE
    });

    /** Only the example open, the cursor in SingleLSTM's LSTM line, then the command. */
    async function commandOnSingleLstm(title: string): Promise<void> {
        const { page } = workbench();
        await closeAllEditors(page);
        await openFile(page, FILE);
        await goToLine(page, lineOf(FILE, /^\s+LSTM\(30, activation="relu", recurrent_dropout=0\.2\)/), 6);
        await page.locator('.statusbar-item', { hasText: `${MODEL}: ${count(single.totalParams)} params` }).first().waitFor({ timeout: 30_000 });
        await runCommand(page, title);
    }

    test('Train Model opens the panel on the model, trains it on synthetic data, draws the curves and shows the test metrics', async () => {
        const { page } = workbench();
        await commandOnSingleLstm('RNN Lens: Train Model');
        const panel = webview(page);
        await waitForText(panel.locator('body'), `Total params: ${count(single.totalParams)}`, 60_000);
        await workbench().screenshot('1-training-panel');
        const status = await waitForText(panel.locator('#status'), /Done|Failed|Stopped/, 90_000);
        expect(status).toMatch(/^Done/);
        expect(await panel.locator('#progress-text').innerText()).toContain(`${EPOCHS}/${EPOCHS}`);
        if (BACKEND !== 'auto') expect(await panel.locator('#backend').innerText()).toContain(BACKEND);
        expect(await panel.locator('#test-metrics').innerText()).toMatch(/MAE \d/);
        // uPlot draws each curve into a canvas: some pixel of it is not blank.
        await expect.poll(() => panel.locator('.charts canvas').first().evaluate(c => {
            const canvas = c as HTMLCanvasElement;
            const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
            return data.some(v => v !== 0);
        }), { timeout: 10_000 }).toBe(true);
        await panel.locator('.charts').first().scrollIntoViewIfNeeded();
        await workbench().screenshot('2-training-done');
    });

    test('Explain Model shows the walk-through with the LSTM\'s formula and numbers', async () => {
        const { page } = workbench();
        await commandOnSingleLstm('RNN Lens: Explain Model');
        const { formula } = lstmFormula(single);
        // The Markdown preview is a webview of its own; wait for the one that shows the walk-through.
        const text = await pollFor(async () => {
            for (let i = 0; i < await page.locator('iframe.webview.ready').count(); i++) {
                const body = await webview(page, i).locator('body').innerText({ timeout: 2_000 }).catch(() => '');
                if (body.includes(`Model ${MODEL}`) && body.includes(formula)) return body;
            }
            return undefined;
        }, `the walk-through of ${MODEL} with ${formula}`);
        // Every section heading of `rnn-lens explain`, in order.
        const headings = runCli('explain', FILE, '--model', MODEL).stdout.split('\n').filter(l => l.startsWith('## ')).map(l => l.slice(3));
        expect(headings).toEqual(expect.arrayContaining(single.layers.map((l, i) => `${i + 1}. ${l.name} (${l.type})`)));
        let from = 0;
        for (const heading of headings) {
            const at = text.indexOf(heading, from);
            expect(at, heading).toBeGreaterThanOrEqual(0);
            from = at;
        }
        await workbench().screenshot('3-explain');
    });

    test('Show Diagram draws the layer stack with each layer\'s shape and parameters', async () => {
        const { page } = workbench();
        await commandOnSingleLstm('RNN Lens: Show Diagram');
        const panel = webview(page);
        const svg = panel.locator('svg').first();
        await svg.waitFor({ timeout: 60_000 });
        const texts = await panel.locator('svg text').allTextContents();
        for (const layer of single.layers) {
            expect(texts).toContain(`${layer.name} (${layer.type})`);
            expect(texts).toContain(`${count(layer.params)} params`);
        }
        expect(texts).toContain(`${count(single.totalParams)} params`);
        await workbench().screenshot('4-diagram');
    });

    test('Export to Keras opens the model\'s Keras script, the same as rnn-lens export', async () => {
        const { page } = workbench();
        await commandOnSingleLstm('RNN Lens: Export to Keras');
        const expected = runCli('export', FILE, '--model', MODEL).stdout.split('\n').map(l => l.trimEnd()).filter(l => l.length > 0);
        // The editor shows the script's first screen.
        await expect.poll(async () => (await renderedLines(page)).map(l => l.text.trimEnd()).filter(l => l.length > 0).slice(0, 12),
            { timeout: 30_000 }).toEqual(expected.slice(0, 12));
        await workbench().screenshot('5-export-keras');
    });

    test('Import from Keras turns the open Python file into a .rnn document, the same as rnn-lens import, with its hints', async () => {
        const { page } = workbench();
        await closeAllEditors(page);
        await openFile(page, KERAS_FILE);
        await runCommand(page, 'RNN Lens: Import from Keras');
        // The CLI's text for the same code (its first comment line names the file as given, so it is left out).
        const file = join(workbench().workspace, KERAS_FILE);
        const imported = runCli('import', file).stdout;
        const expected = imported.split('\n').filter(l => l.trim() && !l.startsWith('#'));
        await expect.poll(async () => (await renderedLines(page)).map(l => l.text.trimEnd()).filter(l => l.trim() && !l.startsWith('#')),
            { timeout: 30_000 }).toEqual(expected);
        // The new document is a .rnn document: the server analyses it, and its hints are the analysis
        // of the CLI's import. Polled on the LSTM line itself: the Python file beside it has hints of
        // its own now, so "some hints are shown" does not mean the new document's have come.
        writeFileSync(join(workbench().workspace, 'imported.rnn'), imported);
        const [first] = summaryJson(join(workbench().workspace, 'imported.rnn'))[0]!.layers;
        await expect.poll(async () => (await renderedLines(page)).find(l => l.text.trim().startsWith('LSTM(30'))?.hints,
            { timeout: 30_000 }).toEqual([shape(first!.outputShape), `${count(first!.params)} params`]);
        await workbench().screenshot('6-import-keras');
    });
});
