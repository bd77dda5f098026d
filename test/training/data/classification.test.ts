/** Classes in order of first appearance; labels for sparse, categorical and binary losses. */
import { describe, expect, it } from 'vitest';
import { classColumn, encodeLabels, isClassificationLoss, labelEncoding, lossName } from '../../../training/src/data/classification.js';
import { dataError } from './helpers.js';

describe('classes', () => {
    it('numbers text classes in order of first appearance', () => {
        const { classes, indices } = classColumn(['rain', 'sun', 'rain', 'fog', 'sun'], { file: 'w.csv', column: 'weather' });
        expect(classes).toEqual(['rain', 'sun', 'fog']);
        expect(Array.from(indices)).toEqual([0, 1, 0, 2, 1]);
    });

    it('numbers numeric classes in ascending order', () => {
        const { classes, indices } = classColumn(['1', '0', '2', '0'], { file: 'w.csv', column: 'label' });
        expect(classes).toEqual(['0', '1', '2']);
        expect(Array.from(indices)).toEqual([1, 0, 2, 0]);
    });

    it('an empty class cell names its row and column', () => {
        const error = dataError(() => classColumn(['rain', '', 'sun'], { file: 'w.csv', column: 'weather', rowNumbers: [2, 3, 5] }));
        expect([error.file, error.row, error.column]).toEqual(['w.csv', 3, 'weather']);
        expect(error.message).toMatch(/^w\.csv, row 3, column "weather": the target cell is empty/);
    });
});

describe('labels', () => {
    it('knows which losses need which labels', () => {
        expect(lossName('sparse_categorical_crossentropy')).toBe('sparse_categorical_crossentropy');
        expect(lossName({ kind: 'call', callee: 'CategoricalCrossentropy', positional: [], keywords: {} })).toBe('categorical_crossentropy');
        expect(lossName(null)).toBeUndefined();
        expect(labelEncoding('sparse_categorical_crossentropy')).toBe('sparse');
        expect(labelEncoding('categorical_crossentropy')).toBe('one-hot');
        expect(labelEncoding('binary_crossentropy')).toBe('binary');
        expect(labelEncoding(undefined)).toBe('sparse');
        expect(isClassificationLoss('mse')).toBe(false);
        expect(isClassificationLoss('binary_crossentropy')).toBe(true);
    });

    it('sparse: the class index', () => {
        const labels = encodeLabels([2, 0, 1], 3, 'sparse_categorical_crossentropy');
        expect(labels).toEqual({ y: new Float32Array([2, 0, 1]), width: 1, encoding: 'sparse' });
    });

    it('categorical: one-hot rows', () => {
        const labels = encodeLabels([2, 0, 1], 3, 'categorical_crossentropy');
        expect(labels.width).toBe(3);
        expect(Array.from(labels.y)).toEqual([0, 0, 1, 1, 0, 0, 0, 1, 0]);
    });

    it('binary: 0 / 1 with two classes, an error with more', () => {
        expect(Array.from(encodeLabels([1, 0, 1], 2, 'binary_crossentropy').y)).toEqual([1, 0, 1]);
        const error = dataError(() => encodeLabels([0, 1, 2], 3, 'binary_crossentropy', { file: 'w.csv', column: 'weather' }));
        expect(error.message).toBe('w.csv, column "weather": binary_crossentropy scores two classes, but the target has 3. Use Dense(3, activation="softmax") with loss="sparse_categorical_crossentropy".');
    });
});
