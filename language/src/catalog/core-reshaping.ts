/** Flatten, Reshape, RepeatVector and Permute: they rearrange values and have no weights. */
import { formatValue, sequenceItems, type Value } from '../model/values.js';
import { INT, POSITIVE_INT, arg, enumOf, optional, required } from './arg-spec.js';
import { fail, type LayerKind, type LayerResult } from './layer-kind.js';
import { dimText } from './numbers.js';
import { formatShape, product, type Dim, type Shape } from './shape.js';
import { ints } from './tfjs-helpers.js';

const NO_PARAMS = { trainable: 0, nonTrainable: 0 } as const;

/** `20 × 3` (or `None × 3`). */
function times(dims: readonly Dim[]): string {
    return dims.map(dimText).join(' × ');
}

function tupleText(items: readonly Value[]): string {
    return formatValue({ kind: 'tuple', items });
}

export const Flatten: LayerKind = {
    name: 'Flatten',
    kerasName: 'flatten',
    category: 'reshaping',
    summary: 'Joins all the axes of each sample into one long vector, (batch, steps, features) → (batch, steps × features), typically before Dense.',
    args: [
        arg('data_format', optional(enumOf('channels_last', 'channels_first')), null,
            'The axis order of the input; "channels_first" moves the channels last before flattening, which changes the order of the values but not the shape. None: Keras\'s configured default ("channels_last").')
    ],
    inputRank: { min: 1 },
    compute({ input }) {
        const rest = input.slice(1);
        if (rest.length === 0) {
            return {
                output: [input[0], 1], params: NO_PARAMS,
                shapeSteps: ['a sample with no axes becomes a vector of 1 value'], notes: [], warnings: []
            };
        }
        const size = product(rest);
        const output: Shape = [input[0], size];
        if (rest.length === 1) {
            return {
                output, params: NO_PARAMS,
                shapeSteps: [`the input is already flat: ${dimText(size)} values per sample`],
                notes: ['On a 2D input Flatten changes nothing.'], warnings: []
            };
        }
        const notes: string[] = [];
        if (size === null) {
            notes.push(`An axis of size None (a variable length) makes the flattened size None, and a Dense after it cannot be built (it needs the size of its input). For variable-length sequences use a recurrent layer or GlobalAveragePooling1D instead.`);
        } else if (rest.length === 2) {
            notes.push(`The ${dimText(rest[0])} steps of ${dimText(rest[1])} features are laid end to end in one vector of ${size}: the next layer no longer treats them as a sequence, and the size of its weights now depends on the number of steps.`);
        }
        return {
            output, params: NO_PARAMS,
            shapeSteps: [`${times(rest)} = ${dimText(size)}${size === null ? ' (an unknown size makes the product unknown)' : ''}`],
            notes, warnings: []
        };
    },
    tfjs(context) {
        const { tf, input, base } = context;
        // tfjs's Flatten needs 3 axes or more; on (batch, n) Flatten is the identity, on (batch,) it adds an axis of 1.
        if (input.length <= 2) return tf.layers.reshape({ ...base, targetShape: [input.length === 2 ? input[1] ?? -1 : 1] });
        return tf.layers.flatten({ ...base, dataFormat: context.args.data_format === 'channels_first' ? 'channelsFirst' : 'channelsLast' });
    }
};

export const Reshape: LayerKind = {
    name: 'Reshape',
    kerasName: 'reshape',
    category: 'reshaping',
    summary: 'Regroups the values of each sample into a new shape with the same number of values; one size may be -1, to be inferred.',
    args: [
        required('target_shape', { kind: 'list', of: INT(-1) },
            'The new shape of one sample, without the batch dimension: a tuple of sizes such as (10, 6); one of them may be -1 (inferred from the others).')
    ],
    inputRank: { min: 1 },
    compute({ input, args }): LayerResult {
        const target = (sequenceItems(args.target_shape) ?? []).map(d => d as number);
        const given = `target_shape=${tupleText(target)}`;
        const inferred = target.filter(d => d === -1).length;
        if (inferred > 1) {
            return fail('invalid-argument', `${given} has ${inferred} sizes of -1; at most one can be inferred (Keras: "The \`target_shape\` argument must not contain more than one \`-1\` value").`, 'target_shape');
        }
        if (target.some(d => d === 0)) {
            return fail('invalid-argument', `${given} has a size of 0; every size must be positive, or -1 for the one to infer.`, 'target_shape');
        }
        const rest = input.slice(1);
        const size = product(rest);
        const known = target.filter(d => d !== -1);
        const knownSize = known.reduce((a, b) => a * b, 1);
        if (size === null) {
            const output: Shape = [input[0], ...target.map(d => (d === -1 ? null : d))];
            return {
                output, params: NO_PARAMS,
                shapeSteps: [`the input ${formatShape(input)} has an unknown size, so Keras cannot check the total${inferred ? ' and the -1 stays None' : ''}`],
                notes: ['The sizes must still multiply to the same total at run time, or Reshape fails then.'], warnings: []
            };
        }
        const inText = `${rest.length > 1 ? `${times(rest)} = ` : ''}${size} values per sample`;
        if (inferred === 0) {
            if (knownSize !== size) {
                return fail('invalid-argument',
                    `Reshape cannot turn ${formatShape(input)} into ${formatShape([input[0], ...target])}: the input has ${inText}, the target ${known.length > 1 ? `${times(known)} = ` : ''}${knownSize}. ` +
                    `The total size must be unchanged (Keras: "The total size of the tensor must be unchanged. Received: input_shape=${tupleText(rest)}, target_shape=${tupleText(target)}").`,
                    'target_shape');
            }
            return {
                output: [input[0], ...target], params: NO_PARAMS,
                shapeSteps: [`${inText}; target ${known.length > 1 ? `${times(known)} = ` : ''}${knownSize}: the total is unchanged`],
                notes: [reshapeNote], warnings: []
            };
        }
        if (size % knownSize !== 0) {
            return fail('invalid-argument',
                `Reshape cannot infer the -1 in ${given}: the input has ${inText}, which is not a multiple of ${known.length > 1 ? `${times(known)} = ` : ''}${knownSize} (${size} / ${knownSize} = ${Number((size / knownSize).toFixed(3))}). ` +
                'The total size must be unchanged.',
                'target_shape');
        }
        const fill = size / knownSize;
        return {
            output: [input[0], ...target.map(d => (d === -1 ? fill : d))], params: NO_PARAMS,
            shapeSteps: [inText, `-1 = ${size} / ${known.length > 1 ? `(${times(known)})` : knownSize} = ${fill}`],
            notes: [reshapeNote], warnings: []
        };
    },
    tfjs(context) {
        // tfjs leaves a -1 as None in its shape inference (a Flatten or Dense after it then fails): give the size.
        const target = ints(context.args.target_shape) as number[];
        const size = product(context.input.slice(1));
        const known = target.filter(d => d !== -1).reduce((a, b) => a * b, 1);
        return context.tf.layers.reshape({ ...context.base, targetShape: size === null ? target : target.map(d => (d === -1 ? size / known : d)) });
    }
};

const reshapeNote = 'Reshape only regroups the values in their order (row by row); it does not move values between axes. To swap steps and features use Permute((2, 1)).';

export const RepeatVector: LayerKind = {
    name: 'RepeatVector',
    kerasName: 'repeat_vector',
    category: 'reshaping',
    summary: 'Repeats a 2D input (batch, features) n times, giving a sequence (batch, n, features): the bridge from an encoder\'s last state to a decoder.',
    args: [required('n', POSITIVE_INT, 'How many times to repeat the vector: the number of time steps of the output.')],
    inputRank: { min: 2, max: 2 },
    compute({ input, args }) {
        const n = args.n as number;
        const features = input[1] ?? null;
        return {
            output: [input[0], n, features], params: NO_PARAMS,
            shapeSteps: [`the vector of ${dimText(features)} features is copied to each of ${n} time steps`],
            notes: [`Every one of the ${n} steps holds the same ${dimText(features)} values; a recurrent layer with return_sequences=True after it can then produce a sequence of ${n} steps (encoder-decoder).`],
            warnings: []
        };
    },
    tfjs: context => context.tf.layers.repeatVector({ ...context.base, n: context.args.n as number })
};

export const Permute: LayerKind = {
    name: 'Permute',
    kerasName: 'permute',
    category: 'reshaping',
    summary: 'Reorders the axes of each sample (a transpose): Permute((2, 1)) turns (batch, steps, features) into (batch, features, steps).',
    args: [
        required('dims', { kind: 'list', of: POSITIVE_INT },
            'The new order of the axes, numbered from 1 (the batch axis 0 is not included): (2, 1) swaps the first two axes.')
    ],
    inputRank: { min: 1 },
    compute({ input, args }): LayerResult {
        const dims = (sequenceItems(args.dims) ?? []).map(d => d as number);
        const given = `dims=${tupleText(dims)}`;
        const sorted = [...dims].sort((a, b) => a - b);
        if (sorted.some((d, i) => d !== i + 1)) {
            return fail('invalid-argument',
                `${given} is not a permutation of 1 … ${dims.length}: each axis from 1 to ${dims.length} must appear exactly once (axis 0, the batch, is not permuted). ` +
                `Keras: "The set of indices in \`dims\` must be consecutive and start from 1. Received dims=${tupleText(dims)}".`,
                'dims');
        }
        if (input.length !== dims.length + 1) {
            return fail('incompatible-rank',
                `Permute(${given}) expects ${dims.length + 1}D input (the batch and ${dims.length} axes), but received ${formatShape(input)} ` +
                `(Keras: "expected ndim=${dims.length + 1}, found ndim=${input.length}").`);
        }
        const output: Shape = [input[0], ...dims.map(d => input[d])];
        return {
            output, params: NO_PARAMS,
            shapeSteps: dims.map((d, i) => `output axis ${i + 1} = input axis ${d} (${dimText(input[d])})`),
            notes: ['Permute moves values between axes; Reshape to the same shape would only regroup them in order and mix steps with features.'],
            warnings: []
        };
    },
    tfjs: context => context.tf.layers.permute({ ...context.base, dims: ints(context.args.dims) as number[] })
};
