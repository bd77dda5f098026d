/**
 * The activation layers: ReLU, LeakyReLU, ELU, Softmax and PReLU. Each applies a fixed function
 * value by value (Softmax along an axis) and keeps the shape; only PReLU learns something, its
 * negative slope α, one per position of the axes it does not share.
 */
import { formatValue, sequenceItems, type Value } from '../model/values.js';
import { CONSTRAINT, FLOAT, INITIALIZER, INT, REGULARIZER, arg, oneOf, optional } from './arg-spec.js';
import { identityOutcome, tidy } from './core-elementwise.js';
import { fail, type LayerIssue, type LayerKind } from './layer-kind.js';
import { dimText, formatCount } from './numbers.js';
import { formatShape, type Dim, type Shape } from './shape.js';
import { NotTrainable } from './tfjs-build.js';
import { rejectIfSet, weightConfig } from './tfjs-helpers.js';

const VALUE_BY_VALUE = 'applied value by value';
const NO_WEIGHTS = 'It has no weights: writing the activation on the layer before does the same.';

/** A Keras ValueError for a negative argument, on that argument. */
function negative(argument: string, value: Value, keras: string): { readonly error: LayerIssue } | undefined {
    return typeof value === 'number' && value < 0 ? fail('invalid-argument', `${argument}=${value} must not be negative (Keras: "${keras}. Received: ${argument}=${value}").`, argument) : undefined;
}

export const ReLU: LayerKind = {
    name: 'ReLU',
    kerasName: 're_lu',
    category: 'core',
    summary: 'The rectified linear unit as a layer: max(x, 0), optionally capped at max_value, with a slope for values below threshold.',
    args: [
        arg('max_value', optional(FLOAT), null, 'The largest output value (6 gives ReLU6); None means no cap.'),
        arg('negative_slope', FLOAT, 0, 'The slope below the threshold: 0 is the plain ReLU, 0.1 a leaky one.'),
        arg('threshold', FLOAT, 0, 'Values below it are set to negative_slope × (x − threshold); 0 for the plain ReLU.')
    ],
    inputRank: { min: 1 },
    compute({ input, args }) {
        const error = negative('max_value', args.max_value, 'max_value of a ReLU layer cannot be a negative value')
            ?? negative('negative_slope', args.negative_slope, 'negative_slope of a ReLU layer cannot be None or a negative value')
            ?? negative('threshold', args.threshold, 'threshold of a ReLU layer cannot be None or a negative value');
        if (error) return error;
        const slope = args.negative_slope as number;
        const threshold = args.threshold as number;
        const below = slope === 0 ? '0' : `${tidy(slope)} × (x − ${tidy(threshold)})`;
        const cap = typeof args.max_value === 'number' ? `, capped at ${tidy(args.max_value)}` : '';
        return identityOutcome(input, VALUE_BY_VALUE, [
            `f(x) = x for x ≥ ${tidy(threshold)}${cap}, and ${below} below it.`, NO_WEIGHTS
        ]);
    },
    tfjs(context) {
        // tfjs's ReLU layer has max_value only.
        rejectIfSet(context, 'negative_slope', 'tfjs\'s ReLU layer has no negative slope; use LeakyReLU to train in RNN Lens.', 0);
        rejectIfSet(context, 'threshold', 'tfjs\'s ReLU layer has no threshold; remove it to train in RNN Lens.', 0);
        const max = context.args.max_value;
        return context.tf.layers.reLU({ ...context.base, ...(typeof max === 'number' ? { maxValue: max } : {}) });
    }
};

export const LeakyReLU: LayerKind = {
    name: 'LeakyReLU',
    kerasName: 'leaky_re_lu',
    category: 'core',
    summary: 'A ReLU that lets a little through below zero: x for x ≥ 0, negative_slope × x below.',
    args: [
        arg('negative_slope', FLOAT, 0.3, 'The slope below zero (Keras default 0.3).'),
        {
            ...arg('alpha', optional(FLOAT), null, 'Keras 2\'s name of negative_slope; Keras 3 still reads it, with a deprecation warning.'),
            keywordOnly: true
        }
    ],
    inputRank: { min: 1 },
    compute({ input, args, keras }) {
        const slope = leakySlope(args);
        const error = negative(typeof args.alpha === 'number' ? 'alpha' : 'negative_slope', slope,
            'The negative_slope value of a Leaky ReLU layer cannot be None or negative value. Expected a float');
        if (error) return error;
        // alpha is Keras 2's own name: deprecated only in Keras 3.
        const warnings: LayerIssue[] = typeof args.alpha === 'number' && keras !== 2 ? [{
            code: 'invalid-argument', severity: 'warning', argument: 'alpha',
            message: `alpha is deprecated in Keras 3 ("Argument \`alpha\` is deprecated. Use \`negative_slope\` instead."): write negative_slope=${tidy(slope)}.`
        }] : [];
        return identityOutcome(input, VALUE_BY_VALUE, [`f(x) = x for x ≥ 0 and ${tidy(slope)} × x below: negative values shrink instead of vanishing, so no unit dies.`, NO_WEIGHTS], warnings);
    },
    tfjs: context => context.tf.layers.leakyReLU({ ...context.base, alpha: leakySlope(context.args) })
};

/** Keras 3 takes `alpha` over `negative_slope` when both are given. */
function leakySlope(args: Readonly<Record<string, Value>>): number {
    return typeof args.alpha === 'number' ? args.alpha : args.negative_slope as number;
}

export const ELU: LayerKind = {
    name: 'ELU',
    kerasName: 'elu',
    category: 'core',
    summary: 'The exponential linear unit as a layer: x for x > 0, alpha × (eˣ − 1) below.',
    args: [arg('alpha', FLOAT, 1, 'The scale of the negative part: outputs approach −alpha for large negative inputs.')],
    inputRank: { min: 1 },
    compute: ({ input, args }) => identityOutcome(input, VALUE_BY_VALUE, [
        `f(x) = x for x > 0 and ${tidy(args.alpha as number)} × (eˣ − 1) below: smooth at 0, and negative outputs down to −${tidy(args.alpha as number)}.`, NO_WEIGHTS
    ]),
    tfjs(context) {
        rejectIfSet(context, 'alpha', 'tfjs\'s ELU layer supports only alpha=1 ("Non-default alpha value is not supported"); remove alpha to train in RNN Lens.', 1);
        return context.tf.layers.elu({ ...context.base });
    }
};

export const Softmax: LayerKind = {
    name: 'Softmax',
    kerasName: 'softmax',
    category: 'core',
    summary: 'Turns the values along an axis (the last by default) into probabilities that sum to 1.',
    args: [arg('axis', oneOf(INT(), { kind: 'list', of: INT() }), -1, 'The axis (or axes) to normalize over, Python indexing with the batch axis 0: -1 is the last.')],
    inputRank: { min: 1 },
    compute({ input, args }) {
        const axes = typeof args.axis === 'number' ? [args.axis] : (sequenceItems(args.axis) ?? []).map(a => a as number);
        const outside = axes.find(a => (a < 0 ? a + input.length : a) < 0 || (a < 0 ? a + input.length : a) >= input.length);
        const sizes = axes.map(a => dimText(input[a < 0 ? a + input.length : a] ?? null));
        // Keras builds the model (the shape does not depend on the axis) and fails when it runs.
        const warnings: LayerIssue[] = outside === undefined ? [] : [{
            code: 'invalid-argument', severity: 'warning', argument: 'axis',
            message: `axis=${outside} is not an axis of ${formatShape(input)} (0 … ${input.length - 1}, or −${input.length} … −1): Keras builds the model, but it fails as soon as data goes through.`
        }];
        return identityOutcome(input, 'normalized along the axis', outside !== undefined ? [] : [
            `exp(x) / Σ exp(x) over axis ${axes.join(', ')} (${sizes.join(' × ')} values): they become positive and sum to 1, for every position of the other axes.`, NO_WEIGHTS
        ], warnings);
    },
    tfjs(context) {
        const axis = context.args.axis;
        // tfjs's softmax runs along the last axis only ("Softmax along a non-last dimension is not yet supported").
        if (axis !== -1 && axis !== context.input.length - 1) {
            throw new NotTrainable(`axis=${formatValue(axis)}: tfjs's Softmax normalizes along the last axis only; RNN Lens cannot train Softmax over another axis.`, 'axis');
        }
        return context.tf.layers.softmax({ ...context.base, axis: -1 });
    }
};

/** PReLU's α shape: the input without the batch, 1 along each shared axis (Keras: param_shape[axis − 1] = 1). */
function alphaShape(input: Shape, shared: readonly number[]): Dim[] | { readonly error: LayerIssue } {
    const shape: Dim[] = input.slice(1);
    for (const axis of shared) {
        const at = axis - 1 < 0 ? axis - 1 + shape.length : axis - 1;
        if (at < 0 || at >= shape.length) {
            return fail('invalid-argument', `shared_axes names axis ${axis}, but the input ${formatShape(input)} has axes 1 … ${input.length - 1} besides the batch (Keras: "IndexError: list assignment index out of range").`, 'shared_axes');
        }
        shape[at] = 1;
    }
    return shape;
}

export const PReLU: LayerKind = {
    name: 'PReLU',
    kerasName: 'p_re_lu',
    category: 'core',
    summary: 'A leaky ReLU whose negative slope α is learned: x for x ≥ 0, α × x below, one α per position (or per shared group).',
    args: [
        arg('alpha_initializer', INITIALIZER, 'zeros', 'How α starts (Keras default "Zeros": a plain ReLU at first).'),
        arg('alpha_regularizer', REGULARIZER, null, 'A penalty on α, added to the loss.'),
        arg('alpha_constraint', CONSTRAINT, null, 'A constraint applied to α after each update.'),
        arg('shared_axes', optional(oneOf(INT(), { kind: 'list', of: INT() })), null,
            'The axes along which one α is shared, batch axis 0: [1] shares it over the time steps (one α per feature). None: one α per value.')
    ],
    inputRank: { min: 2 },
    compute({ input, args }) {
        const shared = typeof args.shared_axes === 'number' ? [args.shared_axes] : (sequenceItems(args.shared_axes) ?? []).map(a => a as number);
        const shape = alphaShape(input, shared);
        if (!Array.isArray(shape)) return shape as { readonly error: LayerIssue };
        if (shape.some(d => d === null)) {
            return fail('incompatible-rank',
                `PReLU learns one α per position of ${formatShape(shape)}, which has a None size: Keras fails ("Shapes used to initialize variables must be fully-defined"). Share α along that axis (e.g. shared_axes=[1] for a variable number of steps) or fix its size.`,
                args.shared_axes === null ? undefined : 'shared_axes');
        }
        const sizes = shape as number[];
        const count = sizes.reduce((a, b) => a * b, 1);
        const notes = [
            `f(x) = x for x ≥ 0 and α × x below, with α learned in training (it starts at 0: a plain ReLU).`,
            shared.length === 0
                ? `Without shared_axes every value of the ${formatShape(input, { hideBatch: true })} sample has its own α: ${formatCount(count)} of them.`
                : `shared_axes=${shared.length === 1 ? shared[0] : `[${shared.join(', ')}]`}: one α is shared along ${shared.length === 1 ? 'that axis' : 'those axes'}, leaving ${formatCount(count)}.`
        ];
        const warnings: LayerIssue[] = shared.includes(0) ? [{
            code: 'invalid-argument', severity: 'warning', argument: 'shared_axes',
            message: 'shared_axes=0 is the batch axis; Keras reads it as the last axis (Python index −1) and shares α along it. Write the last axis\'s number instead.'
        }] : [];
        return {
            ...identityOutcome(input, 'applied value by value', notes, warnings),
            params: { trainable: count, nonTrainable: 0 },
            formula: {
                symbolic: sizes.length === 1 ? 'n' : sizes.map((_, i) => `d${i + 1}`).join(' × '),
                substituted: sizes.join(' × '),
                legend: [`α has the shape ${formatShape([null, ...sizes], { hideBatch: true })}: the input without the batch, 1 along each shared axis`]
            }
        };
    },
    tfjs(context) {
        const shared = context.args.shared_axes;
        const axes = typeof shared === 'number' ? [shared] : (sequenceItems(shared) ?? []).map(a => a as number);
        if (axes.some(a => a < 1)) throw new NotTrainable('tfjs\'s PReLU cannot share α along the batch axis (shared_axes=0); name the axis by its positive number.', 'shared_axes');
        return context.tf.layers.prelu({ ...context.base, ...(axes.length > 0 ? { sharedAxes: axes } : {}), ...weightConfig(context, ['alpha']) } as never);
    }
};

export const ACTIVATION_LAYERS: readonly LayerKind[] = [ReLU, LeakyReLU, PReLU, ELU, Softmax];
