/**
 * Issue 6's e2e: a click on the ▶ Train CodeLens above a model of the weather example trains it
 * in the panel to the end on the bundled Seattle weather data (read by the extension host from
 * the workspace), and shows the test metrics. The example's fit(epochs=30) is cut to 3 epochs in
 * a copy beside it, so that the run stays short; everything else (data, split, scaling) is the
 * example's own.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ROOT } from './harness/paths.js';
import { waitForText, webview } from './harness/editor-dom.js';
import { workbenchSuite } from './harness/suite.js';
import { openFile } from './harness/workbench.js';

const EPOCHS = 3;
const FILE = 'examples/weather_e2e.rnn';
const SOURCE = readFileSync(join(ROOT, 'examples', 'seattle_weather.rnn'), 'utf8');
const BACKEND = process.env.RNN_LENS_E2E_BACKEND ?? 'wasm';

describe('▶ Train on the bundled data in code-server', () => {
    const workbench = workbenchSuite('train-bundled-data', {
        '.vscode/settings.json': JSON.stringify({ 'rnnLens.training.backend': BACKEND }),
        [FILE]: SOURCE.replace(/fit\(epochs=\d+/g, `fit(epochs=${EPOCHS}`)
    });

    test('the CodeLens trains TempForecast to the end on seattle-weather.csv and shows the test MAE', async () => {
        const { page } = workbench();
        expect(SOURCE).toMatch(/model TempForecast[\s\S]*data\("data\/seattle-weather\.csv"/);
        await openFile(page, FILE);
        // The first model of the file is TempForecast: its CodeLens is the first ▶ Train.
        const train = page.locator('.codelens-decoration a', { hasText: '▶ Train' }).first();
        await train.waitFor({ timeout: 60_000 });
        await train.click();
        const panel = webview(page);
        await waitForText(panel.locator('#data'), 'seattle-weather.csv', 60_000);
        const status = await waitForText(panel.locator('#status'), /Done|Failed|Stopped/, 240_000);
        expect(status).toMatch(/^Done/);
        expect(await panel.locator('#progress-text').innerText()).toMatch(new RegExp(`${EPOCHS}/${EPOCHS}|epoch \\d+/${EPOCHS}`));
        expect(await panel.locator('#test-metrics').innerText()).toMatch(/MAE \d/);
        if (BACKEND !== 'auto') expect(await panel.locator('#backend').innerText()).toContain(BACKEND);
        await workbench().screenshot('train-bundled-data');
    });
});
