/**
 * Dropout and SpatialDropout1D: they zero part of their input in training only, keep the shape
 * and have no weights.
 */
import { sequenceItems, type Value } from '../model/values.js';
import { POSITIVE_INT, RATE, SEED, arg, optional, required } from './arg-spec.js';
import { identityOutcome, tidy } from './core-elementwise.js';
import { fail, type LayerKind } from './layer-kind.js';
import { dimText } from './numbers.js';
import { formatShape, type Dim } from './shape.js';
import { ints } from './tfjs-helpers.js';

const rateDoc = 'The fraction of the input units to drop, in [0, 1).';

function percent(rate: number): string {
    return `${tidy(rate * 100)}%`;
}

function dropoutNote(rate: number, what: string): string {
    const scale = rate > 0 ? `, and scales the rest by 1 / (1 − ${tidy(rate)}) = ${tidy(1 / (1 - rate))} so that the sum stays the same on average` : '';
    return `In training only, it sets ${percent(rate)} of ${what} to zero at random${scale}; at inference it passes its input through unchanged.`;
}

const notRecurrentDropout =
    'It is not recurrent_dropout: that argument of SimpleRNN/LSTM/GRU drops the recurrent connections h_(t−1) → h_t inside the layer, at every step; a Dropout layer only drops the values passed from one layer to the next.';

export const Dropout: LayerKind = {
    name: 'Dropout',
    kerasName: 'dropout',
    category: 'regularization',
    summary: 'Randomly zeroes a fraction `rate` of its inputs during training (never at inference), so that the next layer cannot rely on any one value: a guard against overfitting.',
    args: [
        required('rate', RATE, rateDoc),
        arg('noise_shape', optional({ kind: 'list', of: optional(POSITIVE_INT) }), null,
            'The shape of the dropout mask, batch first, for one mask shared along some axes: (None, 1, features) drops the same features at every time step. None: a fresh draw for every value.'),
        SEED
    ],
    inputRank: { min: 1 },
    compute({ input, args }) {
        const rate = args.rate as number;
        const noise = sequenceItems(args.noise_shape);
        const notes = [dropoutNote(rate, 'the values'), notRecurrentDropout];
        if (rate === 0) notes.unshift('rate=0 drops nothing: the layer has no effect.');
        if (noise !== undefined) {
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
            if (shared.length > 0) {
                notes.push(`${given}: the mask has size 1 along axis ${shared.join(', ')}, so the same values are dropped all along ${shared.length === 1 ? 'that axis' : 'those axes'}.`);
            }
        }
        return identityOutcome(input, 'values are zeroed, none removed', notes);
    },
    // `seed` is not passed: tfjs's seeded dropout draws the same mask at every training step
    // (Keras's seed generator draws a new one each step), which would not be dropout at all.
    tfjsNote: args => seedNote('Dropout', args),
    tfjs(context) {
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
        ]);
    },
    // Noise shape (batch, 1, channels), as Keras; `seed` is not passed (see Dropout).
    tfjsNote: args => seedNote('SpatialDropout1D', args),
    tfjs: context => context.tf.layers.spatialDropout1d({ ...context.base, rate: context.args.rate as number })
};

/** A seed cannot be honoured in tfjs: its seeded dropout repeats one mask at every step. */
function seedNote(kind: string, args: Readonly<Record<string, Value>>): string | undefined {
    return typeof args.seed === 'number'
        ? `${kind}(seed=${args.seed}): tfjs repeats the same mask at every training step when seeded, so RNN Lens trains without the seed (masks differ from run to run, as without one).`
        : undefined;
}
