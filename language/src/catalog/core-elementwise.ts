/**
 * Activation and Masking: layers that act value by value and keep the shape, with no weights.
 * `identityOutcome` is shared with the dropout layers, which keep the shape too.
 */
import type { Value } from '../model/values.js';
import { ACTIVATION, FLOAT, arg, required } from './arg-spec.js';
import type { LayerIssue, LayerKind, LayerOutcome } from './layer-kind.js';
import { dimText } from './numbers.js';
import { formatShape, lastDim, type Shape } from './shape.js';

/** The outcome of a layer that passes its input shape through and has no weights. */
export function identityOutcome(input: Shape, why: string, notes: readonly string[], warnings: readonly LayerIssue[] = []): LayerOutcome {
    return {
        output: input,
        params: { trainable: 0, nonTrainable: 0 },
        shapeSteps: [`${why}: the shape stays ${formatShape(input)}`],
        notes,
        warnings
    };
}

/** A float as a user would read it: `0.1`, not `0.1000000000000000055`. */
export function tidy(n: number): string {
    return String(Number(n.toFixed(6)));
}

function activationNotes(activation: Value, input: Shape): string[] {
    if (activation === null || activation === 'linear') {
        return [`activation=${activation === null ? 'None' : '"linear"'} is the identity: the layer changes nothing.`];
    }
    const name = String(activation);
    if (name === 'softmax' || name === 'log_softmax' || name === 'sparsemax') {
        const per = input.length > 2 ? ' at every position of the other axes' : ' for every sample';
        return [`${name} acts over the last axis (${dimText(lastDim(input))} values)${per}: they are turned into probabilities that sum to 1${name === 'log_softmax' ? ' (then their logarithms)' : ''}.`];
    }
    return [`${name} is applied to every value on its own; it adds no parameters. Writing activation="${name}" on the layer before does the same.`];
}

export const Activation: LayerKind = {
    name: 'Activation',
    kerasName: 'activation',
    category: 'core',
    summary: 'Applies an activation function (relu, tanh, softmax, ...) to its input, the same as the `activation` argument of the layer before it would.',
    args: [
        required('activation', ACTIVATION, 'The activation function to apply, by name: "relu", "tanh", "softmax", ...; None means linear.')
    ],
    inputRank: { min: 1 },
    compute: ({ input, args }) => identityOutcome(input, 'applied value by value', activationNotes(args.activation ?? null, input)),
    tfjs: context => context.tf.layers.activation({ ...context.base, activation: context.activation(context.args.activation ?? null) as never })
};

export const Masking: LayerKind = {
    name: 'Masking',
    kerasName: 'masking',
    category: 'core',
    summary: 'Marks the time steps whose features all equal `mask_value` as padding, so that the recurrent layers after it skip them.',
    args: [
        arg('mask_value', FLOAT, 0, 'A time step is masked (skipped) when every one of its features equals this value.')
    ],
    inputRank: { min: 1 },
    compute({ input, args }) {
        const maskValue = args.mask_value as number;
        const features = input.length > 2 ? `all ${dimText(lastDim(input))} features` : 'all its values';
        return identityOutcome(input, 'the values pass through unchanged', [
            `A time step where ${features} equal ${tidy(maskValue)} is masked: the recurrent layers after it skip that step (they carry their state over it). Pad short sequences with ${tidy(maskValue)} for this to work.`,
            'The mask does not change the shape or the parameter count; layers that cannot use a mask (Flatten, Conv1D in older Keras) drop it or fail.'
        ]);
    },
    // tfjs's Masking is Keras's: output x · any(x ≠ mask_value, last axis), and that mask passed on.
    tfjs: context => context.tf.layers.masking({ ...context.base, maskValue: context.args.mask_value as number })
};
