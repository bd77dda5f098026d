/**
 * `rnn-lens export`: every example model as a Keras script that python3's parser accepts and
 * that imports back to the same model (the same summary, compile and fit); the data code splits
 * and scales as RNN Lens does (run with python3); and the tfjs TypeScript type-checks with tsc.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { formatSummary } from '../../language/src/format/summary-table.js';
import { exportKeras } from '../../training/src/export/export-keras.js';
import { exportBlockers, modelToExport } from '../../language/src/keras/export-model.js';
import { exportTfjs } from '../../training/src/export/export-tfjs.js';
import { splitWindows } from '../../training/src/data/split.js';
import { windowCount } from '../../training/src/data/windows.js';
import { ROOT } from '../helpers/ensure-built.js';
import { EXAMPLES, exampleText, importPython, pythonSyntaxError } from './keras-helpers.js';

const models = EXAMPLES.flatMap(path => analyzeText(exampleText(path)).models.map(m => ({ path, name: m.name })));

function exported(path: string, name: string, to: 'keras' | 'tfjs' = 'keras'): string {
    const text = exampleText(path);
    const analysis = analyzeText(text);
    const model = modelToExport(analysis, name, path);
    expect(exportBlockers(analysis, model)).toEqual([]);
    return to === 'keras' ? exportKeras(text, analysis, model, basename(path)) : exportTfjs(model, basename(path));
}

describe.each(models)('$name exported to Keras', ({ path, name }) => {
    const script = exported(path, name);
    const original = analyzeText(exampleText(path)).models.find(m => m.name === name)!;

    it('is Python that python3 parses', () => {
        expect(pythonSyntaxError(script)).toBe('');
    });

    it('imports back to the same model: summary, compile and fit', () => {
        const back = importPython(script);
        expect(back.models).toEqual([name]);
        const model = analyzeText(back.text).models[0];
        expect(formatSummary(model)).toBe(formatSummary(original));
        expect(model.description.compile?.args).toEqual(original.description.compile?.args);
        expect(model.description.fit?.args).toEqual(original.description.fit?.args);
    });
});

describe('the Keras script', () => {
    it('writes the arguments the model gives, not Keras\'s defaults, and only the constants it uses', () => {
        const script = exported(EXAMPLES[0], 'Monster2');
        expect(script).toContain('import keras\nfrom keras import layers\n\nn_steps = 21\nmonster2_features = 50\n\nmodel = keras.Sequential([\n');
        expect(script).toContain('    layers.Conv1D(20, kernel_size=2, input_shape=(n_steps, monster2_features)),\n    layers.MaxPooling1D(),\n');
        expect(script).toContain('    layers.Bidirectional(layers.LSTM(30, activation="relu", return_sequences=True)),\n');
        expect(script).toContain('], name="Monster2")\nmodel.compile(optimizer="adam", loss="mse", metrics=["mae"])\nmodel.summary()\n');
        expect(script).not.toMatch(/n_features =|recurrent_activation|use_bias|padding/);
        expect(script).not.toContain('model.fit');
    });

    it('qualifies optimizers and callbacks, and loads, windows, splits and scales the data before fit', () => {
        const script = exported(EXAMPLES[1], 'TempForecast');
        expect(script).toContain('import numpy as np\nimport pandas as pd\nfrom sklearn.preprocessing import MinMaxScaler\n');
        expect(script).toContain('layers.Input(shape=(lookback, n_features)),\n');
        expect(script).toContain('model.compile(optimizer=keras.optimizers.Adam(learning_rate=0.005), loss="mse", metrics=["mae"])');
        expect(script).toContain('DATA_PATH = "data/seattle-weather.csv"  # relative to the folder of seattle_weather.rnn\n');
        expect(script).toContain('LOOKBACK = lookback');
        // Both scalers are fitted on the training part only.
        expect(script).toContain('feature_scaler = MinMaxScaler().fit(features[:train_rows])');
        expect(script).toContain('target_scaler = MinMaxScaler().fit(target[first:first + n_train])');
        expect(script).toContain('model.fit(X_train, y_train, validation_data=(X_val, y_val) if n_val > 0 else None, epochs=30, batch_size=32, '
            + 'callbacks=[keras.callbacks.EarlyStopping(monitor="val_loss", patience=5, restore_best_weights=True)])');
        expect(script.indexOf('model.summary()')).toBeLessThan(script.indexOf('df = pd.read_csv'));
    });

    it('numbers the classes of a classification target and does not scale it', () => {
        const script = exported(EXAMPLES[1], 'WeatherClassifier');
        expect(script).toContain('classes = list(dict.fromkeys(labels))');
        expect(script).not.toContain('target_scaler');
        expect(script).not.toContain('to_categorical');
    });

    it('splits the windows in time order as RNN Lens does (run with python3)', () => {
        const base = exampleText(EXAMPLES[1]);
        for (const split of ['(0.7, 0.15, 0.15)', '(0.8, 0.2)', '(0.6, 0.2, 0.1)', '(0.29, 0.71)']) {
            const text = base.replace('horizon=1, scale="minmax", split=(0.7, 0.15, 0.15)', `horizon=3, scale="minmax", split=${split}`);
            const analysis = analyzeText(text);
            const script = exportKeras(text, analysis, modelToExport(analysis, 'TempForecast', 'x.rnn'), 'x.rnn');
            const lines = script.split('\n');
            const from = lines.findIndex(l => l.startsWith('n_windows = '));
            const to = lines.findIndex(l => l.startsWith('first = '));
            const program = [
                ...lines.filter(l => /^(lookback|LOOKBACK|HORIZON|SPLIT) = /.test(l)),
                'df = [0] * 1461',
                ...lines.slice(from, to + 1).filter(l => !/scaler|^(features|target) = /.test(l)),
                'print(n_train, n_val, n_test, train_rows, first)'
            ].join('\n');
            const run = spawnSync('python3', ['-c', program], { encoding: 'utf8' });
            expect(run.stderr).toBe('');
            const fractions = [...(split.slice(1, -1).split(', ').map(Number)), 0, 0].slice(0, 3) as [number, number, number];
            const windows = splitWindows(windowCount(1461, 14, 3), fractions, { file: 'x' });
            // The scaler rows: 0 .. the last training window's last row; the first target: row lookback - 1 + horizon.
            expect(run.stdout.trim()).toBe(`${windows.train.n} ${windows.validation.n} ${windows.test.n} ${windows.train.n + 14 - 1} ${14 - 1 + 3}`);
        }
    });
});

describe('the tfjs export', () => {
    let dir: string | undefined;
    afterAll(() => {
        if (dir) rmSync(dir, { recursive: true, force: true });
    });

    it('builds each layer as rnn-lens train does, with RNN Lens\'s own GRU where tfjs has no reset_after', () => {
        const code = exported(EXAMPLES[1], 'WeatherClassifier', 'tfjs');
        expect(code).toContain('import * as tf from \'@tensorflow/tfjs\';');
        expect(code).toContain('const rnnLens = createCustomLayers(tf);');
        expect(code).toMatch(/\/\/ tfjs's GRU has no reset_after=True[^\n]*\n(\/\/[^\n]*\n)*model\.add\(rnnLens\.recurrent\("GRU", \{/);
        expect(code).toContain('    batchInputShape: [null, 14, 4],\n');
        expect(code).toContain('    recurrentActivation: "sigmoid",\n');
        expect(code).toContain('optimizer: tf.train.adam(0.001, 0.9, 0.999, 1e-7)');
        expect(code).toContain('loss: "sparseCategoricalCrossentropy"');
        const plain = exported(EXAMPLES[1], 'TempForecast', 'tfjs');
        expect(plain).toContain('model.add(tf.layers.lstm({');
        expect(plain).not.toContain('rnnLens');
        expect(plain).not.toContain('trainable');
    });

    it('writes RNN over stacked cells as its chain, one recurrent layer per cell, go_backwards on the first only', () => {
        const text = 'model S {\n    Input(shape=(6, 3))\n    RNN(StackedRNNCells([LSTMCell(4), SimpleRNNCell(3)]), go_backwards=True)\n}\n';
        const code = exportTfjs(analyzeText(text).models[0], 'stacked.rnn');
        const adds = code.split('model.add(').slice(1);
        expect(adds).toHaveLength(2);
        expect(adds[0]).toMatch(/^tf\.layers\.lstm\(\{/);
        for (const part of ['name: "rnn_cell_1"', 'batchInputShape: [null, 6, 3]', 'returnSequences: true', 'goBackwards: true']) expect(adds[0]).toContain(part);
        expect(adds[1]).toMatch(/^tf\.layers\.simpleRNN\(\{[^]*name: "rnn_cell_2"/);
        expect(adds[1]).not.toContain('goBackwards: true');
        expect(adds[1]).not.toContain('batchInputShape');
    });

    it('type-checks with tsc against @tensorflow/tfjs and RNN Lens\'s layers', () => {
        dir = mkdtempSync(join(tmpdir(), 'rnn-lens-tfjs-export-'));
        for (const { path, name } of models) writeFileSync(join(dir, `${name}.ts`), exported(path, name, 'tfjs'));
        writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify({
            compilerOptions: {
                strict: true, noEmit: true, target: 'ES2022', module: 'ES2022', moduleResolution: 'Bundler', skipLibCheck: true,
                types: [], lib: ['ES2022', 'DOM'],
                paths: { '@tensorflow/tfjs': [join(ROOT, 'node_modules/@tensorflow/tfjs')], 'rnn-lens/*': [join(ROOT, '*')] }
            },
            include: ['*.ts']
        }));
        const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
        expect(tsc.stdout + tsc.stderr).toBe('');
        expect(tsc.status).toBe(0);
    }, 60_000);
});
