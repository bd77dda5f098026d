/** The chronological split of the windows, and its checks. */
import { describe, expect, it } from 'vitest';
import { DEFAULT_SPLIT, splitFractionsFromValue, splitWindows, validateFractions } from '../../../training/src/data/split.js';
import { dataError, list, tuple } from './helpers.js';

const ctx = { file: 'f.csv' };

describe('split', () => {
    it('splits in time order: train, then validation, then test, back to back', () => {
        const s = splitWindows(100, [0.7, 0.15, 0.15], ctx);
        expect([s.train, s.validation, s.test]).toEqual([
            { from: 0, to: 70, n: 70 }, { from: 70, to: 85, n: 15 }, { from: 85, to: 100, n: 15 }
        ]);
    });

    it('rounds each part down and gives the leftover windows to the last part when the fractions add up to 1', () => {
        const s = splitWindows(1447, DEFAULT_SPLIT, ctx);
        expect([s.train.n, s.validation.n, s.test.n]).toEqual([1012, 217, 218]);
        expect(s.test.to).toBe(1447);
        const noTest = splitWindows(10, [0.75, 0.25, 0], ctx);
        expect([noTest.train.n, noTest.validation.n, noTest.test.n]).toEqual([7, 3, 0]);
        const onlyTrain = splitWindows(9, [1, 0, 0], ctx);
        expect([onlyTrain.train.n, onlyTrain.validation.n, onlyTrain.test.n]).toEqual([9, 0, 0]);
    });

    it('leaves the last windows unused when the fractions add up to less than 1', () => {
        const s = splitWindows(100, [0.5, 0.2, 0.1], ctx);
        expect([s.train.n, s.validation.n, s.test.n, s.test.to]).toEqual([50, 20, 10, 80]);
    });

    it('counts 0.29 of 100 as 29 despite binary rounding', () => {
        expect(splitWindows(100, [0.29, 0.71, 0], ctx).train.n).toBe(29);
    });

    it('every part with a positive fraction needs a window, with the numbers of data-too-short', () => {
        const error = dataError(() => splitWindows(4, [0.7, 0.15, 0.15], { file: 'short.csv', rows: 10, lookback: 5, horizon: 2 }));
        expect(error.file).toBe('short.csv');
        expect(error.message).toBe('short.csv: the data has 10 rows: 10 − 5 (lookback) − 2 (horizon) + 1 = 4 windows, split 0.7 / 0.15 / 0.15 into 2 / 0 / 0; the validation and test parts get none. Use more rows or a shorter lookback.');
        expect(dataError(() => splitWindows(0, [0.7, 0.15, 0.15], ctx)).message).toBe('f.csv: there are 0 windows, split 0.7 / 0.15 / 0.15 into 0 / 0 / 0; the training, validation and test parts get none. Use more rows or a shorter lookback.');
        expect(dataError(() => splitWindows(6, [0.8, 0.1, 0.1], ctx)).message).toContain('into 4 / 0 / 0');
    });

    it('validates the fractions', () => {
        expect(() => validateFractions([0.7, 0.15, 0.15], 'f.csv')).not.toThrow();
        expect(() => validateFractions([0.7, 0.2, 0.1 + 1e-12], 'f.csv')).not.toThrow();
        expect(dataError(() => validateFractions([0.8, 0.2, 0.1], 'f.csv')).message).toBe('f.csv: split=(0.8, 0.2, 0.1): the fractions add up to 1.1, more than 1.');
        expect(dataError(() => validateFractions([0.8, -0.1, 0.1], 'f.csv')).message).toContain('the validation fraction -0.1 must be a number from 0 to 1');
        expect(dataError(() => validateFractions([0, 0.5, 0.5], 'f.csv')).message).toContain('the training fraction must be above 0');
        expect(dataError(() => validateFractions([NaN, 0, 0], 'f.csv')).message).toContain('training fraction NaN');
    });

    it('reads split=(...) values', () => {
        expect(splitFractionsFromValue(undefined, 'f')).toEqual([0.7, 0.15, 0.15]);
        expect(splitFractionsFromValue(null, 'f')).toEqual([0.7, 0.15, 0.15]);
        expect(splitFractionsFromValue(tuple(0.8, 0.2), 'f')).toEqual([0.8, 0.2, 0]);
        expect(splitFractionsFromValue(list(0.6, 0.2, 0.2), 'f')).toEqual([0.6, 0.2, 0.2]);
        expect(dataError(() => splitFractionsFromValue(tuple(0.5, 'x'), 'f.csv')).message).toBe('f.csv: split=(0.5, "x") is not a tuple of train/validation/test fractions; write e.g. split=(0.7, 0.15, 0.15).');
        expect(dataError(() => splitFractionsFromValue(tuple(0.5, 0.2, 0.2, 0.1), 'f.csv')).file).toBe('f.csv');
    });
});
