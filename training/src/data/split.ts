/**
 * The chronological train / validation / test split, of the WINDOWS in time order.
 *
 * The rule. Windows are numbered in time order (window w's target is row w + lookback - 1 + horizon,
 * so ordering by start and by target time is the same). With n windows and fractions
 * (f_train, f_val, f_test):
 *
 *   train      = windows [0, a)        a = floor(n · f_train)
 *   validation = windows [a, b)        b = a + floor(n · f_val)
 *   test       = windows [b, c)        c = b + floor(n · f_test)
 *
 * and when the fractions add up to 1 the last part with a positive fraction also takes the
 * windows that rounding down left over (c = n), so none is lost. (A tiny 1e-9 is added before
 * rounding down so that 0.29 · 100 counts as 29.) The counts floor(n · f) are the ones the
 * editor's `data-too-short` diagnostic reports; a part with a positive fraction whose count is 0
 * is a DataError with the same numbers.
 *
 * Why there is no leakage: every target of the training part comes before every target of the
 * validation part, which comes before every target of the test part; a training window reads
 * only rows up to its own target, so nothing the model trains on lies in the time of a
 * validation or test target. Validation and test windows may READ rows of the training period
 * as their inputs — they are the past, known at prediction time, exactly as in deployment.
 * The scaler is fitted on the rows the training windows read (see dataset.ts), so the values
 * of the validation and test periods never reach it.
 */
import { formatValue, sequenceItems, type Value } from '../../../language/src/index.js';
import { DataError } from './errors.js';

export type SplitFractions = readonly [train: number, validation: number, test: number];

export const DEFAULT_SPLIT: SplitFractions = [0.7, 0.15, 0.15];

export const PART_NAMES = ['training', 'validation', 'test'] as const;

/** Windows [from, to) of one part. */
export interface WindowRange {
    readonly from: number;
    readonly to: number;
    readonly n: number;
}

export interface WindowSplit {
    readonly total: number;
    readonly fractions: SplitFractions;
    readonly train: WindowRange;
    readonly validation: WindowRange;
    readonly test: WindowRange;
}

/** What a split error can say about where the windows came from. */
export interface SplitContext {
    readonly file: string;
    readonly rows?: number;
    readonly lookback?: number;
    readonly horizon?: number;
}

const EPSILON = 1e-9;

/** The fractions of `split=(...)`: one to three numbers (missing ones are 0); None or absent gives the default. */
export function splitFractionsFromValue(value: Value | undefined, file: string): SplitFractions {
    if (value === undefined || value === null) return DEFAULT_SPLIT;
    const items = sequenceItems(value) ?? (typeof value === 'number' ? [value] : undefined);
    if (!items || items.length === 0 || items.length > 3 || !items.every(x => typeof x === 'number')) {
        throw new DataError({ file }, `split=${formatValue(value)} is not a tuple of train/validation/test fractions; write e.g. split=(0.7, 0.15, 0.15).`);
    }
    const numbers = items as number[];
    const fractions: SplitFractions = [numbers[0], numbers[1] ?? 0, numbers[2] ?? 0];
    validateFractions(fractions, file);
    return fractions;
}

/** Non-negative finite fractions, the training one positive, adding up to at most 1. */
export function validateFractions(fractions: readonly number[], file: string): void {
    const written = `(${fractions.join(', ')})`;
    if (fractions.length !== 3) throw new DataError({ file }, `split=${written} needs three fractions: train, validation, test.`);
    fractions.forEach((f, i) => {
        if (!Number.isFinite(f) || f < 0) {
            throw new DataError({ file }, `split=${written}: the ${PART_NAMES[i]} fraction ${f} must be a number from 0 to 1.`);
        }
    });
    if (fractions[0] <= 0) throw new DataError({ file }, `split=${written}: the training fraction must be above 0, or nothing is learnt.`);
    const sum = fractions[0] + fractions[1] + fractions[2];
    if (sum > 1 + EPSILON) {
        throw new DataError({ file }, `split=${written}: the fractions add up to ${round(sum)}, more than 1.`);
    }
}

/** floor(n · f), with a tiny tolerance for binary fractions. */
export function partCount(total: number, fraction: number): number {
    return Math.floor(total * fraction + EPSILON);
}

/** Splits `total` windows by the rule above; a DataError when a part with a positive fraction gets none. */
export function splitWindows(total: number, fractions: SplitFractions, context: SplitContext): WindowSplit {
    validateFractions(fractions, context.file);
    const counts = fractions.map(f => partCount(Math.max(0, total), f));
    const empty = fractions.map((f, i) => (f > 0 && counts[i] < 1 ? PART_NAMES[i] : undefined)).filter((x): x is typeof PART_NAMES[number] => x !== undefined);
    if (total < 1 || empty.length > 0) {
        const { rows, lookback, horizon } = context;
        const arithmetic = rows !== undefined && lookback !== undefined && horizon !== undefined
            ? `the data has ${rows} rows: ${rows} − ${lookback} (lookback) − ${horizon} (horizon) + 1 = ${Math.max(0, total)} windows`
            : `there are ${Math.max(0, total)} windows`;
        const parts = empty.length > 0 ? joinWords(empty) : 'training';
        throw new DataError({ file: context.file },
            `${arithmetic}, split ${fractions.join(' / ')} into ${counts.join(' / ')}; the ${parts} ${empty.length > 1 ? 'parts get' : 'part gets'} none. Use more rows or a shorter lookback.`);
    }
    const sum = fractions[0] + fractions[1] + fractions[2];
    if (sum >= 1 - EPSILON) {
        const last = fractions[2] > 0 ? 2 : fractions[1] > 0 ? 1 : 0;
        counts[last] += total - counts[0] - counts[1] - counts[2];
    }
    const a = counts[0];
    const b = a + counts[1];
    const c = b + counts[2];
    const range = (from: number, to: number): WindowRange => ({ from, to, n: to - from });
    return { total, fractions, train: range(0, a), validation: range(a, b), test: range(b, c) };
}

/** `a`, `a and b`, `a, b and c`. */
function joinWords(words: readonly string[]): string {
    return words.length <= 1 ? words.join('') : `${words.slice(0, -1).join(', ')} and ${words[words.length - 1]}`;
}

function round(x: number): number {
    return Math.round(x * 1e6) / 1e6;
}
