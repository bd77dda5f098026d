/** Changing the length of a sequence without weights: ZeroPadding1D, Cropping1D, UpSampling1D. */
import { POSITIVE_INT, arg, type ArgType } from './arg-spec.js';
import { intPair, nonPositiveLength } from './conv-common.js';
import type { LayerKind } from './layer-kind.js';
import { dimText, plural } from './numbers.js';
import { requireExtra } from './tfjs-helpers.js';

/** An integer ≥ 0, or a tuple of two: `1` or `(1, 2)`. */
const INTS2: ArgType = { kind: 'ints', length: 2, min: 0 };

const NO_PARAMS = { trainable: 0, nonTrainable: 0 };

export const ZeroPadding1D: LayerKind = {
    name: 'ZeroPadding1D',
    kerasName: 'zero_padding1d',
    category: 'reshaping',
    summary: 'Adds steps of zeros at the start and the end of the sequence, making it longer; the features are unchanged.',
    args: [
        arg('padding', INTS2, 1, 'How many zero steps to add: an integer for both ends, or (before, after).')
    ],
    inputRank: { min: 3, max: 3 },
    compute({ input, args }) {
        const [a, b] = intPair(args.padding, 1);
        const L = input[1] ?? null;
        const out = L === null ? null : L + a + b;
        return {
            output: [input[0] ?? null, out, input[2] ?? null],
            params: NO_PARAMS,
            shapeSteps: [L === null
                ? 'steps: the input length is None (variable), so the output length is None too'
                : `steps: ${a} + ${L} + ${b} = ${out}`],
            notes: [`${plural(a, 'step')} of zeros go in front and ${plural(b, 'step')} at the end; every feature is 0 there.`],
            warnings: []
        };
    },
    tfjs(context) {
        // tfjs has no ZeroPadding1D.
        return context.custom.zeroPadding1d({ ...context.base, padding: [...intPair(context.args.padding, 1)] });
    }
};

export const Cropping1D: LayerKind = {
    name: 'Cropping1D',
    kerasName: 'cropping1d',
    category: 'reshaping',
    summary: 'Cuts steps off the start and the end of the sequence, making it shorter; the features are unchanged.',
    args: [
        arg('cropping', INTS2, { kind: 'tuple', items: [1, 1] }, 'How many steps to cut: an integer for both ends, or (start, end).')
    ],
    inputRank: { min: 3, max: 3 },
    compute({ input, args }) {
        const [a, b] = intPair(args.cropping, 1);
        const L = input[1] ?? null;
        const out = L === null ? null : L - a - b;
        const step = L === null
            ? 'the input length is None (variable), so the output length is None too'
            : `${L} − ${a} − ${b} = ${out}`;
        if (out !== null && out <= 0) {
            return nonPositiveLength('Cropping1D', out, step,
                `Cropping ${a} + ${b} steps from a sequence of ${plural(L ?? 0, 'step')} leaves nothing. Crop fewer steps, or use longer input sequences.`);
        }
        return {
            output: [input[0] ?? null, out, input[2] ?? null],
            params: NO_PARAMS,
            shapeSteps: [`steps: ${step}`],
            notes: [`The first ${plural(a, 'step')} and the last ${plural(b, 'step')} are removed.`],
            warnings: []
        };
    },
    tfjs(context) {
        // tfjs 4 has no Cropping1D (only cropping2D).
        return requireExtra(context, 'cropping1d', 'Cropping1D')({ ...context.base, cropping: [...intPair(context.args.cropping, 1)] });
    }
};

export const UpSampling1D: LayerKind = {
    name: 'UpSampling1D',
    kerasName: 'up_sampling1d',
    category: 'reshaping',
    summary: 'Repeats every time step size times in a row, making the sequence size times longer; the features are unchanged.',
    args: [
        arg('size', POSITIVE_INT, 2, 'How many times each step is repeated.')
    ],
    inputRank: { min: 3, max: 3 },
    compute({ input, args }) {
        const size = typeof args.size === 'number' ? args.size : 2;
        const L = input[1] ?? null;
        const out = L === null ? null : L * size;
        return {
            output: [input[0] ?? null, out, input[2] ?? null],
            params: NO_PARAMS,
            shapeSteps: [L === null
                ? 'steps: the input length is None (variable), so the output length is None too'
                : `steps: ${L} × ${size} = ${out}`],
            notes: [`Each step is copied ${plural(size, 'time')} in a row (with size 2, steps a, b become a, a, b, b); nothing is interpolated. The ${dimText(input[2] ?? null)} features are unchanged.`],
            warnings: []
        };
    },
    tfjs(context) {
        // tfjs has no UpSampling1D.
        return context.custom.upSampling1d({ ...context.base, size: typeof context.args.size === 'number' ? context.args.size : 2 });
    }
};
