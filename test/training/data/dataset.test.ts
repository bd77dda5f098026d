/**
 * prepareDataset end to end: the bundled Seattle weather file, hand-made tables whose
 * validation and test values are extreme (the scalers must never see them), classification,
 * the synthetic default, and the errors a user meets.
 */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeText } from '../../../language/src/describe.js';
import { prepareDataset, type PreparedDataset } from '../../../training/src/data/dataset.js';
import { parseCsv } from '../../../training/src/data/csv.js';
import { directoryLoader, rnnFileLoader } from '../../../training/src/data/node-loader.js';
import { csv, dataError, list, modelWith, tuple } from './helpers.js';

const EXAMPLE = resolve(__dirname, '../../../examples/seattle_weather.rnn');

function seattle(name: string): PreparedDataset {
    const document = describeText(readFileSync(EXAMPLE, 'utf8'));
    const model = document.models.find(m => m.name === name)!;
    return prepareDataset(model, model.input?.shape, rnnFileLoader(EXAMPLE));
}

/** A loader serving one text for one path. */
const serve = (files: Record<string, string>) => (path: string) => {
    if (!(path in files)) throw new Error(`ENOENT: ${path}`);
    return files[path];
};

describe('the Seattle weather example', () => {
    const raw = parseCsv(readFileSync(resolve(__dirname, '../../../examples/data/seattle-weather.csv'), 'utf8'), 'x');

    it('TempForecast: 1,461 rows → 1,447 windows of 14 × 4, split 1,012 / 217 / 218', () => {
        const d = seattle('TempForecast');
        expect(d.task).toBe('regression');
        expect(d.inputShape).toEqual([14, 4]);
        expect(d.targetWidth).toBe(1);
        expect(d.source).toMatchObject({
            kind: 'csv', file: 'data/seattle-weather.csv', rows: 1461, windows: 1447, lookback: 14, horizon: 1,
            features: ['precipitation', 'temp_max', 'temp_min', 'wind'], target: 'temp_max', scale: 'minmax',
            split: { train: 1012, validation: 217, test: 218 }, scalerRows: 1012 + 13
        });
        expect([d.train.n, d.validation.n, d.test.n]).toEqual([1012, 217, 218]);
        expect(d.train.x.length).toBe(1012 * 14 * 4);
        expect(d.test.y.length).toBe(218);
        // Chronology: the parts' targets follow each other without a gap or an overlap.
        expect([d.train.targetRows[0], d.train.targetRows[1011]]).toEqual([14, 1025]);
        expect([d.validation.targetRows[0], d.validation.targetRows[216]]).toEqual([1026, 1242]);
        expect([d.test.targetRows[0], d.test.targetRows[217]]).toEqual([1243, 1460]);
        expect(d.summary).toBe('data/seattle-weather.csv: 1,461 rows, 4 features, predicting "temp_max" 1 step ahead: 1,447 windows of 14 rows, split 1,012 / 217 / 218 (train / validation / test, in time order), scaled "minmax" on the training rows.');
    });

    it('TempForecast: the first window holds rows 2..15 of the file, scaled; its target is temp_max of row 16', () => {
        const d = seattle('TempForecast');
        const tempMax = raw.rows.map(r => Number(r[2]));
        // Row 0 (spreadsheet row 2): precipitation 0.0, temp_max 12.8, temp_min 5.0, wind 4.7.
        const firstRow = Array.from(d.train.x.subarray(0, 4));
        const expected = [0, 12.8, 5.0, 4.7].map((v, c) => d.featureScaler.transformValue(v, c));
        firstRow.forEach((v, c) => expect(v).toBeCloseTo(expected[c], 5));
        expect(d.targetScaler.inverse(d.train.y.subarray(0, 1))[0]).toBeCloseTo(tempMax[14], 4);
        const back = d.targetScaler.inverse(d.test.y);
        expect(back[217]).toBeCloseTo(tempMax[1460], 4);
        // The training features lie in [0, 1]: the scaler was fitted on them.
        expect(Math.min(...d.train.x)).toBeGreaterThanOrEqual(0);
        expect(Math.max(...d.train.x)).toBeLessThanOrEqual(1 + 1e-6);
    });

    it('WeatherClassifier: five classes in order of first appearance, sparse labels', () => {
        const d = seattle('WeatherClassifier');
        expect(d.task).toBe('classification');
        expect(d.classes).toEqual(['drizzle', 'rain', 'sun', 'snow', 'fog']);
        expect(d.labelEncoding).toBe('sparse');
        expect([d.train.n, d.validation.n, d.test.n]).toEqual([1012, 217, 218]);
        // Row 14 (2012-01-15) is "snow".
        expect(raw.rows[14][5]).toBe('snow');
        expect(d.train.y[0]).toBe(3);
        expect(d.targetScaler.kind).toBe('none');
        expect(d.summary).toContain('classifying "weather" 1 step ahead into 5 classes');
    });
});

describe('scaling is fitted on the training rows only', () => {
    /** 20 rows; rows 0..12 are ordinary, rows 13.. (the validation and test period) are extreme. */
    const n = 20;
    const value = (r: number, base: number) => (r >= 13 ? (r % 2 ? 1e6 : -1e6) : base + r);
    const text = csv(['a', 'b', 'y'], Array.from({ length: n }, (_, r) => [value(r, 0), value(r, 100), value(r, 50)]));
    const args = { path: 'e.csv', features: list('a', 'b'), target: 'y', lookback: 3, horizon: 1, split: tuple(0.6, 0.2, 0.2) };

    it('minmax: the scalers\' min and max are the training period\'s', () => {
        const d = prepareDataset(modelWith({ ...args, scale: 'minmax' }), [3, 2], serve({ 'e.csv': text }));
        // 17 windows: 10 / 3 / 4. The training windows read rows 0..11; their targets are rows 3..12.
        expect([d.train.n, d.validation.n, d.test.n]).toEqual([10, 3, 4]);
        expect(d.source.scalerRows).toBe(12);
        expect(d.featureScaler.stats.map(s => [s.min, s.max])).toEqual([[0, 11], [100, 111]]);
        expect(d.targetScaler.stats.map(s => [s.min, s.max])).toEqual([[53, 62]]);
        expect(d.train.targetRows[9]).toBe(12);
        expect(d.validation.targetRows[0]).toBe(13);
        for (const v of [...d.train.x, ...d.train.y]) {
            expect(v).toBeGreaterThanOrEqual(0);
            expect(v).toBeLessThanOrEqual(1);
        }
        // The extremes reach validation and test scaled with the training scaler, far outside [0, 1].
        expect(Math.max(...d.test.x)).toBeGreaterThan(1000);
        expect(d.targetScaler.inverse(d.validation.y)[0]).toBeCloseTo(1e6, -1);
    });

    it('standard: mean and std of the training period', () => {
        const d = prepareDataset(modelWith({ ...args, scale: 'standard' }), [3, 2], serve({ 'e.csv': text }));
        expect(d.featureScaler.stats[0].mean).toBeCloseTo(5.5, 12);
        expect(d.featureScaler.stats[0].count).toBe(12);
        expect(d.targetScaler.stats[0].mean).toBeCloseTo(57.5, 12);
    });

    it('horizon 3: features of the training inputs, targets of the training targets', () => {
        const d = prepareDataset(modelWith({ ...args, horizon: 3 }), [3, 2], serve({ 'e.csv': text }));
        // 20 − 3 − 3 + 1 = 15 windows: 9 / 3 / 3; training inputs rows 0..10, targets rows 5..13.
        expect(d.source.windows).toBe(15);
        expect([d.train.n, d.validation.n, d.test.n]).toEqual([9, 3, 3]);
        expect(d.source.scalerRows).toBe(11);
        expect(d.featureScaler.stats[0].max).toBe(10);
        expect(Array.from(d.train.targetRows)).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13]);
        // Row 13 is extreme and a training target, so the target scaler sees it; rows 14.. it does not.
        expect(d.targetScaler.stats[0].count).toBe(9);
    });

    it('a constant feature column gives no NaN', () => {
        const flat = csv(['a', 'c', 'y'], Array.from({ length: 12 }, (_, r) => [r, 4, r * 2]));
        for (const scale of ['minmax', 'standard', 'none']) {
            const d = prepareDataset(modelWith({ path: 'f.csv', features: list('a', 'c'), target: 'y', lookback: 2, scale }), [2, 2], serve({ 'f.csv': flat }));
            for (const part of [d.train, d.validation, d.test]) {
                expect([...part.x, ...part.y].every(Number.isFinite)).toBe(true);
            }
        }
    });
});

describe('classification tables', () => {
    const text = csv(['x', 'label'], Array.from({ length: 30 }, (_, r) => [r, ['b', 'a', 'c'][r % 3]]));
    const args = { path: 'c.csv', features: list('x'), target: 'label', lookback: 2 };

    it('one-hot for categorical_crossentropy', () => {
        const d = prepareDataset(modelWith(args, 'categorical_crossentropy'), [2, 1], serve({ 'c.csv': text }));
        expect(d.classes).toEqual(['b', 'a', 'c']);
        expect(d.targetWidth).toBe(3);
        // Window 0's target is row 2: "c" → [0, 0, 1]; window 1: row 3, "b".
        expect(Array.from(d.train.y.subarray(0, 6))).toEqual([0, 0, 1, 1, 0, 0]);
        expect(d.train.y.length).toBe(d.train.n * 3);
    });

    it('0 / 1 for binary_crossentropy, numeric labels in numeric order', () => {
        const binary = csv(['x', 'up'], Array.from({ length: 30 }, (_, r) => [r, r % 4 === 0 ? 1 : 0]));
        const d = prepareDataset(modelWith({ ...args, path: 'b.csv', target: 'up' }, 'binary_crossentropy'), [2, 1], serve({ 'b.csv': binary }));
        expect(d.task).toBe('classification');
        expect(d.classes).toEqual(['0', '1']);
        expect(d.labelEncoding).toBe('binary');
        // Targets of windows 0..2 are rows 2, 3, 4.
        expect(Array.from(d.train.y.subarray(0, 3))).toEqual([0, 0, 1]);
    });

    it('a numeric target under mse is regression', () => {
        const binary = csv(['x', 'up'], Array.from({ length: 30 }, (_, r) => [r, r % 4 === 0 ? 1 : 0]));
        const d = prepareDataset(modelWith({ ...args, path: 'b.csv', target: 'up' }, 'mse'), [2, 1], serve({ 'b.csv': binary }));
        expect(d.task).toBe('regression');
    });

    it('binary_crossentropy with three classes names the column', () => {
        const error = dataError(() => prepareDataset(modelWith(args, 'binary_crossentropy'), [2, 1], serve({ 'c.csv': text })));
        expect([error.file, error.column]).toEqual(['c.csv', 'label']);
    });
});

describe('errors name the place', () => {
    const text = csv(['date', 'temp', 'wind', 'weather'], Array.from({ length: 30 }, (_, r) => [`d${r}`, r === 17 ? 'n/a' : r, r % 5, r % 2 ? 'rain' : 'sun']));
    const files = serve({ 'w.csv': text });
    const base = { path: 'w.csv', features: list('temp', 'wind'), target: 'wind', lookback: 3 };

    it('a missing feature column: file, column, the columns, did you mean', () => {
        const error = dataError(() => prepareDataset(modelWith({ ...base, features: list('temp', 'wnd') }), [3, 2], files));
        expect([error.file, error.row, error.column]).toEqual(['w.csv', undefined, 'wnd']);
        expect(error.message).toBe('w.csv, column "wnd": the feature column "wnd" does not exist. Did you mean "wind"? The columns are: "date", "temp", "wind", "weather".');
    });

    it('a missing target column', () => {
        const error = dataError(() => prepareDataset(modelWith({ ...base, target: 'wether' }), [3, 2], files));
        expect(error.message).toMatch(/^w\.csv, column "wether": the target column "wether" does not exist\. Did you mean "weather"\?/);
    });

    it('a non-numeric feature cell: file, spreadsheet row, column', () => {
        const error = dataError(() => prepareDataset(modelWith(base), [3, 2], files));
        // Data row 17 is spreadsheet row 19.
        expect([error.file, error.row, error.column]).toEqual(['w.csv', 19, 'temp']);
        expect(error.message).toMatch(/^w\.csv, row 19, column "temp": the cell "n\/a" is not a number/);
    });

    it('a regression target with a bad cell: file, row, column', () => {
        const error = dataError(() => prepareDataset(modelWith({ ...base, features: list('wind'), target: 'temp' }, 'mse'), [3, 1], files));
        expect([error.row, error.column]).toEqual([19, 'temp']);
        expect(error.message).toContain('the target of a regression needs numbers');
    });

    it('a text feature', () => {
        const error = dataError(() => prepareDataset(modelWith({ ...base, features: list('weather') }), [3, 1], files));
        expect([error.row, error.column]).toEqual([2, 'weather']);
    });

    it('too few rows for the split, with the numbers of data-too-short', () => {
        const error = dataError(() => prepareDataset(modelWith({ ...base, features: list('wind'), lookback: 25 }), [25, 1], files));
        expect(error.message).toBe('w.csv: the data has 30 rows: 30 − 25 (lookback) − 1 (horizon) + 1 = 5 windows, split 0.7 / 0.15 / 0.15 into 3 / 0 / 0; the validation and test parts get none. Use more rows or a shorter lookback.');
    });

    it('an input shape that does not fit the data', () => {
        expect(dataError(() => prepareDataset(modelWith(base), [5, 2], files)).message).toBe('w.csv: the input shape does not fit the data: data makes windows of lookback=3 rows but the input has 5 time steps.');
        expect(dataError(() => prepareDataset(modelWith(base), [3, 4], files)).message).toContain('data gives 2 features per step but the input\'s last dimension is 4');
        // A free time dimension takes the lookback.
        expect(prepareDataset(modelWith({ ...base, features: list('wind') }), [null, 1], files).inputShape).toEqual([3, 1]);
    });

    it('missing features, target or lookback', () => {
        expect(dataError(() => prepareDataset(modelWith({ path: 'w.csv', target: 'wind', lookback: 3 }), [3, 1], files)).message).toContain('needs features=');
        expect(dataError(() => prepareDataset(modelWith({ path: 'w.csv', features: list('wind'), lookback: 3 }), [3, 1], files)).message).toContain('needs target=');
        expect(dataError(() => prepareDataset(modelWith({ path: 'w.csv', features: list('wind'), target: 'wind' }), [null, 1], files)).message).toContain('needs lookback=');
    });

    it('a file the loader cannot read', () => {
        const error = dataError(() => prepareDataset(modelWith({ ...base, path: 'nope.csv' }), [3, 2], files));
        expect(error.file).toBe('nope.csv');
        expect(error.message).toBe('nope.csv: the file cannot be read: ENOENT: nope.csv');
    });

    it('the Node loader: relative to the .rnn file\'s folder, a clear error for a missing file', () => {
        const dir = mkdtempSync(join(tmpdir(), 'rnn-data-'));
        writeFileSync(join(dir, 'here.csv'), 'a\n1\n');
        expect(rnnFileLoader(join(dir, 'model.rnn'))('here.csv')).toBe('a\n1\n');
        expect(directoryLoader(dir)('./here.csv')).toBe('a\n1\n');
        const error = dataError(() => rnnFileLoader(join(dir, 'model.rnn'))('data/missing.csv'));
        expect(error.file).toBe('data/missing.csv');
        expect(error.message).toBe(`data/missing.csv: the data file does not exist (looked for ${join(dir, 'data/missing.csv')}). Paths are relative to the .rnn file's folder.`);
        expect(dataError(() => directoryLoader(dir)('.')).message).toMatch(/^\.: this is not a file/);
    });
});

describe('synthetic data', () => {
    const noFile = () => { throw new Error('no file should be read'); };

    it('is the default when a model has no data(...): sine, length 2000, seed 0, the input\'s shape', () => {
        const d = prepareDataset(modelWith(undefined), [10, 3], noFile);
        expect(d.task).toBe('regression');
        expect(d.inputShape).toEqual([10, 3]);
        expect(d.source).toMatchObject({ kind: 'synthetic', generator: 'sine', length: 2000, seed: 0, reason: 'default', windows: 1990, features: ['f0', 'f1', 'f2'], target: 'f0' });
        expect([d.train.n, d.validation.n, d.test.n]).toEqual([1393, 298, 299]);
        expect(d.summary).toMatch(/^synthetic "sine" data \(the model has no data\(\.\.\.\); length 2,000, seed 0\)/);
    });

    it('is deterministic by seed', () => {
        const model = (seed: number) => modelWith({ synthetic: 'random_walk', length: 300, seed });
        const a = prepareDataset(model(5), [8, 2], noFile);
        const b = prepareDataset(model(5), [8, 2], noFile);
        const c = prepareDataset(model(6), [8, 2], noFile);
        expect(b.train.x).toEqual(a.train.x);
        expect(b.test.y).toEqual(a.test.y);
        expect(c.train.x).not.toEqual(a.train.x);
        expect(a.source).toMatchObject({ generator: 'random_walk', length: 300, seed: 5, reason: 'data', windows: 292 });
    });

    it('has a learnable signal: the target follows the last step of f0', () => {
        for (const synthetic of ['sine', 'random_walk']) {
            const d = prepareDataset(modelWith({ synthetic }), [12, 2], noFile);
            const [steps, features] = d.inputShape;
            const last = Array.from({ length: d.train.n }, (_, i) => d.train.x[(i * steps + steps - 1) * features]);
            const y = Array.from(d.train.y);
            const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
            const [ml, my] = [mean(last), mean(y)];
            const cov = last.reduce((s, x, i) => s + (x - ml) * (y[i] - my), 0);
            const r = cov / Math.sqrt(last.reduce((s, x) => s + (x - ml) ** 2, 0) * y.reduce((s, x) => s + (x - my) ** 2, 0));
            expect(r).toBeGreaterThan(0.8);
        }
    });

    it('follows data(...)\'s split, scale and horizon', () => {
        const d = prepareDataset(modelWith({ synthetic: 'sine', length: 100, horizon: 2, split: tuple(0.5, 0.5, 0), scale: 'standard' }), [5, 1], noFile);
        expect(d.source.windows).toBe(100 - 5 - 2 + 1);
        expect([d.train.n, d.validation.n, d.test.n]).toEqual([47, 47, 0]);
        expect(d.featureScaler.kind).toBe('standard');
    });

    it('gives classes under a classification loss: up/down for binary, equal-count bins for k outputs', () => {
        const binary = prepareDataset(modelWith(undefined, 'binary_crossentropy'), [10, 1], noFile);
        expect(binary.classes).toEqual(['down', 'up']);
        expect(new Set(binary.train.y)).toEqual(new Set([0, 1]));
        const three = prepareDataset(modelWith(undefined, 'categorical_crossentropy'), [10, 1], noFile, { outputUnits: 3 });
        expect(three.classes).toHaveLength(3);
        expect(three.targetWidth).toBe(3);
        expect(three.train.y.length).toBe(three.train.n * 3);
    });

    it('rejects an input that is not (steps, features)', () => {
        expect(dataError(() => prepareDataset(modelWith(undefined), [10, 3, 2], noFile)).message).toBe('<synthetic>: data(...) makes inputs of shape (steps, features), but the model\'s input has 3 dimensions (10, 3, 2).');
    });
});
