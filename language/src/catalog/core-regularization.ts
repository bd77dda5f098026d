/**
 * Dropout and SpatialDropout1D: they zero part of their input in training only, keep the shape
 * and have no weights.
 */
import { sequenceItems, type Value } from '../model/values.js';
import { POSITIVE_INT, RATE, SEED, arg, optional, required } from './arg-spec.js';
import { identityOutcome, tidy } from './core-elementwise.js';
import { fail, type LayerIssue, type LayerKind } from './layer-kind.js';
import { dimText } from './numbers.js';
import { formatShape, type Dim, type Shape } from './shape.js';
import { NotTrainable, type TfjsBuildContext } from './tfjs-build.js';
import { ints, num } from './tfjs-helpers.js';

const rateDoc = 'The fraction of the input units to drop, from 0 to 1 (1 drops everything).';

function percent(rate: number): string {
    return `${tidy(rate * 100)}%`;
}

function dropoutNote(rate: number, what: string): string {
    if (rate >= 1) return `In training it sets all of ${what} to zero; at inference it passes its input through unchanged.`;
    const scale = rate > 0 ? `, and scales the rest by 1 / (1 − ${tidy(rate)}) = ${tidy(1 / (1 - rate))} so that the sum stays the same on average` : '';
    return `In training only, it sets ${percent(rate)} of ${what} to zero at random${scale}; at inference it passes its input through unchanged.`;
}

/** rate=1 is valid Keras (0 ≤ rate ≤ 1) but zeroes the whole output in training. */
export function dropsEverything(layer: string, rate: number): LayerIssue[] {
    return rate >= 1 ? [{
        code: 'invalid-argument',
        severity: 'warning',
        argument: 'rate',
        message: `rate=${tidy(rate)} drops everything: in training ${layer} outputs only zeros, so the layers before it learn nothing (Keras accepts it, as 0 ≤ rate ≤ 1). Use a rate below 1, such as 0.2–0.5.`
    }] : [];
}

/** Keras's dropout with rate 1 is all zeros, which tfjs's cannot give (its rate must be below 1). */
export function rejectFullDropout(context: TfjsBuildContext, layer: string): void {
    const rate = num(context.args.rate);
    if (rate >= 1) {
        throw new NotTrainable(`${layer}(rate=${tidy(rate)}) drops every value in training, so the layers before it get no gradient; RNN Lens does not train it. Use a rate below 1.`, 'rate');
    }
}

export const NOISE_SHAPE = arg('noise_shape', optional({ kind: 'list', of: optional(POSITIVE_INT) }), null,
    'The shape of the dropout mask, batch first, for one mask shared along some axes: (None, 1, features) drops the same features at every time step. None: a fresh draw for every value.');

const notRecurrentDropout =
    'It is not recurrent_dropout: that argument of SimpleRNN/LSTM/GRU drops the recurrent connections h_(t−1) → h_t inside the layer, at every step; a Dropout layer only drops the values passed from one layer to the next.';

export const Dropout: LayerKind = {
    name: 'Dropout',
    kerasName: 'dropout',
    category: 'regularization',
    summary: 'Randomly zeroes a fraction `rate` of its inputs during training (never at inference), so that the next layer cannot rely on any one value: a guard against overfitting.',
    args: [
        required('rate', RATE, rateDoc),
        NOISE_SHAPE,
        SEED
    ],
    inputRank: { min: 1 },
    compute({ input, args }) {
        const rate = args.rate as number;
        const notes = [dropoutNote(rate, 'the values'), notRecurrentDropout];
        if (rate === 0) notes.unshift('rate=0 drops nothing: the layer has no effect.');
        const noise = noiseShapeNotes(input, args.noise_shape);
        if (!Array.isArray(noise)) return noise as { readonly error: LayerIssue };
        notes.push(...noise);
        return identityOutcome(input, 'values are zeroed, none removed', notes, dropsEverything('Dropout', rate));
    },
    // `seed` is not passed: tfjs's seeded dropout draws the same mask at every training step
    // (Keras's seed generator draws a new one each step), which would not be dropout at all.
    tfjsNote: args => seedNote('Dropout', args),
    tfjs(context) {
        rejectFullDropout(context, 'Dropout');
        const noise = context.args.noise_shape;
        return context.tf.layers.dropout({
            ...context.base,
            rate: context.args.rate as number,
            ...(noise === null || noise === undefined ? {} : { noiseShape: ints(noise) as number[] })
        });
    }
};

export const SpatialDropout1D: LayerKind = {
    name: 'SpatialDropout1D',
    kerasName: 'spatial_dropout1d',
    category: 'regularization',
    summary: 'Dropout for sequences: during training it zeroes whole feature maps (a feature at every time step at once) rather than single values.',
    args: [required('rate', RATE, rateDoc), SEED],
    inputRank: { min: 3, max: 3 },
    compute({ input, args }) {
        const rate = args.rate as number;
        const [, steps, features] = input;
        return identityOutcome(input, 'features are zeroed, none removed', [
            dropoutNote(rate, `the ${dimText(features ?? null)} features (channels)`),
            `A dropped feature is zero at all ${steps === null || steps === undefined ? 'the' : steps} time steps of the sample: neighbouring steps are strongly correlated, so dropping single values (Dropout) would regularize little. It equals Dropout with noise_shape=(None, 1, features).`
        ], dropsEverything('SpatialDropout1D', rate));
    },
    // Noise shape (batch, 1, channels), as Keras; `seed` is not passed (see Dropout).
    tfjsNote: args => seedNote('SpatialDropout1D', args),
    tfjs(context) {
        rejectFullDropout(context, 'SpatialDropout1D');
        return context.tf.layers.spatialDropout1d({ ...context.base, rate: context.args.rate as number });
    }
};

/** A seed cannot be honoured in tfjs: its seeded dropout repeats one mask at every step. */
export function seedNote(kind: string, args: Readonly<Record<string, Value>>): string | undefined {
    return typeof args.seed === 'number'
        ? `${kind}(seed=${args.seed}): tfjs repeats the same mask at every training step when seeded, so RNN Lens trains without the seed (masks differ from run to run, as without one).`
        : undefined;
}

/** Checks `noise_shape` (one entry per input axis: None, 1 or the axis's size) and says what it shares. */
export function noiseShapeNotes(input: Shape, value: Value | undefined): string[] | { readonly error: LayerIssue } {
    const noise = sequenceItems(value);
    if (noise === undefined) return [];
    const given = `noise_shape=(${noise.map(d => dimText(d as Dim)).join(', ')})`;
    if (noise.length !== input.length) {
        return fail('invalid-argument',
            `${given} has ${noise.length} entries, but the input ${formatShape(input)} has ${input.length} axes (batch included); noise_shape needs one entry per axis.`,
            'noise_shape');
    }
    for (let i = 0; i < input.length; i++) {
        const n = noise[i] as Dim;
        const d = input[i];
        if (n !== null && n !== 1 && d !== null && n !== d) {
            return fail('invalid-argument',
                `${given} does not fit the input ${formatShape(input)}: entry ${i} is ${n}, but that axis has size ${d}. Each entry must be None, 1 (one mask shared along the axis) or the axis's size.`,
                'noise_shape');
        }
    }
    const shared = noise.map((n, i) => (n === 1 && input[i] !== 1 ? i : -1)).filter(i => i > 0);
    return shared.length === 0 ? [] : [`${given}: the mask has size 1 along axis ${shared.join(', ')}, so the same values are dropped all along ${shared.length === 1 ? 'that axis' : 'those axes'}.`];
}
