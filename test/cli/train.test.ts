/** `rnn-lens train` end to end, as a child process: JSON lines, the results, --save, and failures. */
import * as tf from '@tensorflow/tfjs';
import { createCustomLayers } from '../../training/src/layers/index.js';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../helpers/ensure-built.js';

let dir: string;

function cli(...args: string[]) {
    const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'rnn-lens.cjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 180_000 });
    if (result.error) throw result.error;
    return result;
}

beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'rnn-lens-train-'));
}, 120_000);

afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('rnn-lens train', () => {
    it('prints a JSON line per epoch and a last object with the test results, and saves the model', async () => {
        const saveDir = join(dir, 'saved');
        const { status, stdout, stderr } = cli('train', 'examples/seattle_weather.rnn', '--model', 'TempForecast', '--epochs', '2', '--json', '--save', saveDir);
        expect(stderr).not.toMatch(/Error|not released/);
        expect(status).toBe(0);
        const lines = stdout.trim().split('\n').map(l => JSON.parse(l));
        expect(lines).toHaveLength(3);
        expect(lines[0]).toMatchObject({ epoch: 1, epochs: 2 });
        for (const key of ['loss', 'mae', 'val_loss', 'val_mae', 'seconds', 'samplesPerSecond']) expect(lines[0]).toHaveProperty(key);
        const done = lines[2];
        expect(done).toMatchObject({ done: true, model: 'TempForecast', params: 4_769, epochs: 2, stoppedEarly: false });
        expect(['wasm', 'cpu']).toContain(done.backend);
        expect(done.test.maeUnits).toBeLessThan(done.test.baselineMaeUnits);
        // The saved model loads back in tfjs, with RNN Lens's layer classes registered (its
        // recurrent layers are RNN Lens's own), with the same parameter count.
        createCustomLayers(tf);
        const json = JSON.parse(readFileSync(join(saveDir, 'model.json'), 'utf8'));
        const weights = readFileSync(join(saveDir, 'weights.bin'));
        const loaded = await tf.loadLayersModel(tf.io.fromMemory({
            modelTopology: json.modelTopology,
            weightSpecs: json.weightsManifest[0].weights,
            weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength)
        }));
        expect(loaded.countParams()).toBe(4_769);
        loaded.dispose();
    }, 180_000);

    it('prints the classification report and the confusion matrix for a text target', () => {
        const { status, stdout } = cli('train', 'examples/seattle_weather.rnn', '--model', 'WeatherClassifier', '--epochs', '1');
        expect(status).toBe(0);
        expect(stdout).toMatch(/precision\s+recall\s+f1-score\s+support/);
        expect(stdout).toMatch(/^\s+drizzle\s/m);
        expect(stdout).toMatch(/weighted avg/);
        expect(stdout).toContain('Confusion matrix');
    }, 180_000);

    it('refuses a model with errors, naming them (exit 1)', () => {
        const file = join(dir, 'broken.rnn');
        writeFileSync(file, 'model M {\n    LSTM(30, input_shape=(10, 2))\n    LSTM(5)\n    Dense(1)\n}\n');
        const { status, stderr } = cli('train', file);
        expect(status).toBe(1);
        expect(stderr).toContain('missing-return-sequences');
        expect(stderr).toContain('cannot be trained until the errors above are fixed');
    });

    it('reports a bad CSV cell with its file, row and column (exit 1)', () => {
        mkdirSync(join(dir, 'data'), { recursive: true });
        const rows = ['a,b,y', ...Array.from({ length: 60 }, (_, i) => `${i},${i % 7},${i * 2}`)];
        rows[31] = '30,oops,60';
        writeFileSync(join(dir, 'data', 'bad.csv'), rows.join('\n'));
        const file = join(dir, 'bad.rnn');
        writeFileSync(file, 'model M {\n    Input(shape=(5, 2))\n    LSTM(4)\n    Dense(1)\n    compile(optimizer="adam", loss="mse")\n    data("data/bad.csv", features=["a", "b"], target="y", lookback=5)\n}\n');
        const { status, stderr } = cli('train', file, '--epochs', '1');
        expect(status).toBe(1);
        expect(stderr).toMatch(/bad\.csv/);
        expect(stderr).toMatch(/row 32/);
        expect(stderr).toMatch(/"b"/);
    });

    it('trains a model without data on a synthetic dataset of its input shape', () => {
        const file = join(dir, 'synthetic.rnn');
        writeFileSync(file, 'model S {\n    Input(shape=(12, 3))\n    SimpleRNN(8)\n    Dense(1)\n    compile(optimizer="adam", loss="mse")\n}\n');
        const { status, stdout } = cli('train', file, '--epochs', '2', '--json', '--backend', 'cpu');
        expect(status).toBe(0);
        const done = JSON.parse(stdout.trim().split('\n').at(-1)!);
        expect(done).toMatchObject({ done: true, backend: 'cpu', params: 8 * (8 + 3) + 8 + 9, epochs: 2 });
        expect(done.data).toMatch(/synthetic/i);
    }, 120_000);

    it('rejects bad options with exit code 2', () => {
        expect(cli('train', 'examples/seattle_weather.rnn', '--epochs', '0').status).toBe(2);
        expect(cli('train', 'examples/seattle_weather.rnn', '--backend', 'gpu').status).toBe(2);
        expect(cli('train', 'examples/seattle_weather.rnn', '--model', 'Nope').status).toBe(2);
    });
});

