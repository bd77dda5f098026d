/**
 * Classification targets: the classes of a column and their labels in the form the loss needs.
 *
 * Classes are numbered in order of first appearance over the WHOLE file (every row, whatever
 * part it falls in), as the editor's diagnostics count them, so that the class numbers do not
 * depend on the split. A column whose cells are all numbers (a numeric target with a
 * classification loss, e.g. 0/1 labels) is numbered in ascending numeric order instead, so that
 * the class "0" is 0 and "1" is 1.
 *
 * Labels by loss:
 *   sparse_categorical_crossentropy (and anything else)  the class index, one value per window
 *   categorical_crossentropy, categorical_hinge, kl_divergence   one-hot, k values per window
 *   binary_crossentropy, hinge, squared_hinge             0 / 1, one value per window (k must be 2)
 */
import { isCall, type Value } from '../../../language/src/index.js';
import { DataError, type DataErrorPlace } from './errors.js';
import { parseNumber } from './csv.js';

export type LabelEncoding = 'sparse' | 'one-hot' | 'binary';

const CALL_LOSSES: Readonly<Record<string, string>> = {
    MeanSquaredError: 'mse',
    MeanAbsoluteError: 'mae',
    Huber: 'huber',
    BinaryCrossentropy: 'binary_crossentropy',
    CategoricalCrossentropy: 'categorical_crossentropy',
    SparseCategoricalCrossentropy: 'sparse_categorical_crossentropy'
};

/** The loss's name from `compile(loss=...)`: a string as written, a call's snake-case name, or undefined. */
export function lossName(value: Value | undefined): string | undefined {
    if (typeof value === 'string') return value;
    if (isCall(value)) return CALL_LOSSES[value.callee] ?? value.callee;
    return undefined;
}

const ONE_HOT_LOSSES = new Set(['categorical_crossentropy', 'categorical_hinge', 'kl_divergence']);
const BINARY_LOSSES = new Set(['binary_crossentropy', 'hinge', 'squared_hinge']);
const SPARSE_LOSSES = new Set(['sparse_categorical_crossentropy']);

/** True for the losses that need class labels rather than numbers. */
export function isClassificationLoss(loss: string | undefined): boolean {
    return loss !== undefined && (ONE_HOT_LOSSES.has(loss) || BINARY_LOSSES.has(loss) || SPARSE_LOSSES.has(loss));
}

/** How the labels are written for `loss`. */
export function labelEncoding(loss: string | undefined): LabelEncoding {
    if (loss !== undefined && ONE_HOT_LOSSES.has(loss)) return 'one-hot';
    if (loss !== undefined && BINARY_LOSSES.has(loss)) return 'binary';
    return 'sparse';
}

export interface ClassColumn {
    /** The class names; class i is classes[i]. */
    readonly classes: readonly string[];
    /** For every row: its class index. */
    readonly indices: Int32Array;
}

/**
 * Numbers the classes of a column (see the rule above); an empty cell is a DataError at its row.
 * `rowNumbers` gives each cell's spreadsheet row for messages.
 */
export function classColumn(cells: readonly string[], place: { file: string; column: string; rowNumbers?: readonly number[] }): ClassColumn {
    cells.forEach((cell, r) => {
        if (cell === '') {
            throw new DataError({ file: place.file, column: place.column, row: place.rowNumbers?.[r] ?? r + 2 },
                'the target cell is empty; every row needs a class. Fill it in or remove the row.');
        }
    });
    let classes: string[] = [];
    const seen = new Set<string>();
    for (const cell of cells) {
        if (!seen.has(cell)) {
            seen.add(cell);
            classes.push(cell);
        }
    }
    if (classes.every(c => parseNumber(c) !== undefined)) {
        classes = [...classes].sort((a, b) => parseNumber(a)! - parseNumber(b)!);
    }
    const index = new Map(classes.map((c, i) => [c, i]));
    const indices = Int32Array.from(cells, cell => index.get(cell)!);
    return { classes, indices };
}

export interface EncodedLabels {
    /** Row-major [n, width]. */
    readonly y: Float32Array;
    readonly width: number;
    readonly encoding: LabelEncoding;
}

/** Writes class indices as the labels `loss` needs. `place` names the target for errors. */
export function encodeLabels(indices: ArrayLike<number>, classCount: number, loss: string | undefined, place?: DataErrorPlace): EncodedLabels {
    const encoding = labelEncoding(loss);
    const n = indices.length;
    for (let i = 0; i < n; i++) {
        if (!Number.isInteger(indices[i]) || indices[i] < 0 || indices[i] >= classCount) {
            throw new RangeError(`class index ${indices[i]} at ${i} is outside 0..${classCount - 1}`);
        }
    }
    if (encoding === 'one-hot') {
        const y = new Float32Array(n * classCount);
        for (let i = 0; i < n; i++) y[i * classCount + indices[i]] = 1;
        return { y, width: classCount, encoding };
    }
    if (encoding === 'binary' && classCount > 2) {
        throw new DataError(place ?? { file: '<labels>' },
            `${loss} scores two classes, but the target has ${classCount}. Use Dense(${classCount}, activation="softmax") with loss="sparse_categorical_crossentropy".`);
    }
    return { y: Float32Array.from(indices as ArrayLike<number>), width: 1, encoding };
}
