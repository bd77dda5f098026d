/**
 * BatchNormalization and LayerNormalization: they keep the shape and learn a scale γ and an
 * offset β per position of the normalized axes; BatchNormalization also keeps moving statistics.
 */
import { sequenceItems } from '../model/values.js';
import {
    BOOL, CONSTRAINT, FLOAT, INITIALIZER, INT, REGULARIZER, arg, oneOf
} from './arg-spec.js';
import { fail, type Formula, type LayerIssue, type LayerKind, type LayerResult } from './layer-kind.js';
import { dimText, formatCount } from './numbers.js';
import { formatShape, product, type Shape } from './shape.js';
import { NotTrainable } from './tfjs-build.js';
import { ints, weightConfig } from './tfjs-helpers.js';

/** Python indexing of the input's axes, batch included: -1 is the last axis. */
function resolveAxis(axis: number, input: Shape, layer: string): number | { readonly error: LayerIssue } {
    const rank = input.length;
    const resolved = axis < 0 ? axis + rank : axis;
    if (resolved < 0 || resolved >= rank) {
        return fail('invalid-argument',
            `axis=${axis} is outside the input ${formatShape(input)}, whose axes are 0 … ${rank - 1} (or −${rank} … −1 from the end).`, 'axis');
    }
    if (resolved === 0) {
        return fail('invalid-argument',
            `axis=${axis} is the batch axis of ${formatShape(input)}; ${layer} learns its scale and offset along a feature axis, usually the last one (axis=-1).`, 'axis');
    }
    return resolved;
}

function axisName(axis: number): string {
    return `axis ${axis}`;
}

const gammaBetaInitializers = [
    arg('beta_initializer', INITIALIZER, 'zeros', 'How the offset β starts.'),
    arg('gamma_initializer', INITIALIZER, 'ones', 'How the scale γ starts.')
];

export const BatchNormalization: LayerKind = {
    name: 'BatchNormalization',
    kerasName: 'batch_normalization',
    category: 'normalization',
    summary: 'Normalizes each channel to mean 0 and variance 1 over the batch, then applies a learned scale γ and offset β; it keeps moving averages of the statistics for inference.',
    args: [
        arg('axis', INT(), -1, 'The axis of the channels, normalized separately (Python indexing, batch included: -1 is the last axis).'),
        arg('momentum', FLOAT, 0.99, 'How slowly the moving mean and variance follow the batch statistics.'),
        arg('epsilon', FLOAT, 0.001, 'A small number added to the variance, to avoid dividing by zero.'),
        arg('center', BOOL, true, 'Learn an offset β per channel.'),
        arg('scale', BOOL, true, 'Learn a scale γ per channel.'),
        ...gammaBetaInitializers,
        arg('moving_mean_initializer', INITIALIZER, 'zeros', 'How the moving mean starts.'),
        arg('moving_variance_initializer', INITIALIZER, 'ones', 'How the moving variance starts.'),
        arg('beta_regularizer', REGULARIZER, null, 'A penalty on β, added to the loss.'),
        arg('gamma_regularizer', REGULARIZER, null, 'A penalty on γ, added to the loss.'),
        arg('beta_constraint', CONSTRAINT, null, 'A constraint applied to β after each update.'),
        arg('gamma_constraint', CONSTRAINT, null, 'A constraint applied to γ after each update.'),
        arg('renorm', BOOL, false, 'Batch renormalization: corrects the batch statistics towards the moving ones in training; keeps 3 more statistics per channel (non-trainable).'),
        arg('renorm_clipping', { kind: 'any', describe: 'a dict of "rmax", "rmin" and "dmax", or None' }, null,
            'With renorm=True, how far the renormalization corrections r and d may go: a dict with "rmax", "rmin", "dmax"; None leaves them unclipped.'),
        arg('renorm_momentum', FLOAT, 0.99, 'With renorm=True, how slowly the statistics used for renormalization follow the batches.'),
        arg('synchronized', BOOL, false, 'Synchronize the batch statistics across devices in distributed training (Keras 3).')
    ],
    inputRank: { min: 2 },
    compute({ input, args }): LayerResult {
        const axis = args.axis as number;
        const resolved = resolveAxis(axis, input, 'BatchNormalization');
        if (typeof resolved !== 'number') return resolved;
        const c = input[resolved];
        if (c === null || c === undefined) {
            return fail('incompatible-rank',
                `BatchNormalization needs the size of axis ${axis} to size its statistics, but it is None in ${formatShape(input)} ` +
                `(Keras: "Axis ${axis} of input tensor should have a defined dimension but the layer received an input with shape ${formatShape(input)}").`);
        }
        const learned = (args.center === true ? 1 : 0) + (args.scale === true ? 1 : 0);
        // renorm=True adds moving_stddev, renorm_mean and renorm_stddev (Keras 3 and tf-keras alike).
        const kept = args.renorm === true ? 5 : 2;
        const names = [args.scale === true ? 'γ (scale)' : '', args.center === true ? 'β (offset)' : ''].filter(Boolean);
        const trainablePart = learned === 0 ? '' : learned === 1 ? 'c + ' : '2c + ';
        const formula: Formula = {
            symbolic: `${trainablePart}${kept}c`,
            substituted: `${learned === 0 ? '' : learned === 1 ? `${c} + ` : `2 × ${c} + `}${kept} × ${c}`,
            legend: [
                `c = ${c} channels (${axisName(axis)})`,
                ...(learned === 0 ? [] : [`${learned === 1 ? 'c' : '2c'} trainable: ${names.join(' and ')}, one per channel`]),
                kept === 2
                    ? '2c non-trainable: the moving mean and the moving variance, one each per channel'
                    : '5c non-trainable: the moving mean and variance, and renorm\'s moving standard deviation, mean and standard deviation, one each per channel'
            ]
        };
        const reduced = input.slice(1).map((d, i) => (i + 1 === resolved ? '' : dimText(d))).filter(Boolean);
        return {
            output: input,
            params: { trainable: learned * c, nonTrainable: kept * c },
            shapeSteps: [`the shape stays ${formatShape(input)}; statistics per channel along ${axisName(axis)}: c = ${c}`],
            formula,
            notes: [
                `Each of the ${c} channels is normalized with the mean and variance over the batch${reduced.length > 0 ? ` and the other axes (${reduced.join(' × ')})` : ''}.`,
                `The moving mean and moving variance (${formatCount(2 * c)} numbers) are not learned by gradient descent: they are running averages of the batch statistics (momentum ${args.momentum}), updated in training and used at inference instead of the batch's own, so Keras counts them as non-trainable.`,
                ...(kept === 5 ? [`renorm=True keeps ${formatCount(3 * c)} more running statistics (moving_stddev, renorm_mean, renorm_stddev): in training the batch statistics are corrected towards them, so that training and inference normalize alike even with small batches.`] : [])
            ],
            warnings: []
        };
    },
    tfjs(context) {
        const { args } = context;
        if (args.renorm === true) throw new NotTrainable('tfjs\'s BatchNormalization has no batch renormalization; remove renorm=True to train in RNN Lens.', 'renorm');
        if (args.center !== true || args.scale !== true) {
            throw new NotTrainable('tfjs\'s BatchNormalization cannot train without both β and γ (center=False or scale=False fails in training); keep center=True and scale=True to train in RNN Lens.', args.center !== true ? 'center' : 'scale');
        }
        if (!context.base.trainable) {
            throw new NotTrainable('BatchNormalization(trainable=False) runs in inference mode in Keras (moving statistics, no updates); tfjs would still use the batch statistics in training, so RNN Lens cannot train it.', 'trainable');
        }
        // momentum 0.99 and epsilon 0.001 are Keras's (and tfjs's) defaults, passed explicitly; synchronized only matters across devices.
        return context.tf.layers.batchNormalization({
            ...context.base,
            axis: args.axis as number,
            momentum: args.momentum as number,
            epsilon: args.epsilon as number,
            center: true,
            scale: true,
            ...weightConfig(context, ['beta', 'gamma', 'moving_mean', 'moving_variance'])
        });
    }
};

export const LayerNormalization: LayerKind = {
    name: 'LayerNormalization',
    kerasName: 'layer_normalization',
    category: 'normalization',
    summary: 'Normalizes each sample on its own to mean 0 and variance 1 over its last axis (or the given axes), then applies a learned scale γ and offset β.',
    args: [
        arg('axis', oneOf(INT(), { kind: 'list', of: INT() }), -1,
            'The axis or axes to normalize over, together (Python indexing, batch included: -1 is the last axis).'),
        arg('epsilon', FLOAT, 0.001, 'A small number added to the variance, to avoid dividing by zero.'),
        arg('center', BOOL, true, 'Learn an offset β.'),
        arg('scale', BOOL, true, 'Learn a scale γ.'),
        arg('rms_scaling', BOOL, false, 'Scale by the root mean square only (RMSNorm): γ is learned, β is not, and center and scale are ignored.'),
        ...gammaBetaInitializers,
        arg('beta_regularizer', REGULARIZER, null, 'A penalty on β, added to the loss.'),
        arg('gamma_regularizer', REGULARIZER, null, 'A penalty on γ, added to the loss.'),
        arg('beta_constraint', CONSTRAINT, null, 'A constraint applied to β after each update.'),
        arg('gamma_constraint', CONSTRAINT, null, 'A constraint applied to γ after each update.')
    ],
    inputRank: { min: 2 },
    compute({ input, args }): LayerResult {
        const axes = typeof args.axis === 'number' ? [args.axis] : (sequenceItems(args.axis) ?? []).map(a => a as number);
        if (axes.length === 0) {
            return fail('invalid-argument', 'axis=[] names no axis; LayerNormalization needs at least one axis to normalize over, usually -1.', 'axis');
        }
        const resolved: number[] = [];
        for (const a of axes) {
            const r = resolveAxis(a, input, 'LayerNormalization');
            if (typeof r !== 'number') return r;
            if (resolved.includes(r)) {
                return fail('invalid-argument', `axis names input axis ${r} twice; each axis can be normalized only once.`, 'axis');
            }
            resolved.push(r);
        }
        const dims = resolved.map(r => input[r] ?? null);
        const c = product(dims);
        const axisText = axes.length === 1 ? axisName(axes[0]) : `axes ${axes.join(', ')}`;
        if (c === null) {
            return fail('incompatible-rank',
                `LayerNormalization needs the size of ${axisText} to size γ and β, but it is None in ${formatShape(input)}.`);
        }
        const rms = args.rms_scaling === true;
        const gamma = args.scale === true || rms;
        const beta = args.center === true && !rms;
        const k = (gamma ? 1 : 0) + (beta ? 1 : 0);
        const cText = dims.length === 1 ? `${c}` : `(${dims.join(' × ')})`;
        const legend = [
            `c = ${dims.length === 1 ? '' : `${dims.join(' × ')} = `}${c}: the size of ${axisText}`,
            `${[gamma ? 'γ (scale)' : '', beta ? 'β (offset)' : ''].filter(Boolean).join(' and ')}: one per position${rms ? ' (rms_scaling=True: no β)' : ''}`
        ];
        const formula: Formula | undefined = k === 0 ? undefined : k === 1
            ? { symbolic: 'c', substituted: cText.replace(/^\((.*)\)$/, '$1'), legend }
            : { symbolic: '2c', substituted: `2 × ${cText}`, legend };
        const notes = [
            `Each sample is normalized on its own over ${axisText}, not over the batch: it works the same in training and inference and needs no moving statistics, so nothing is non-trainable (unlike BatchNormalization).`
        ];
        if (rms) notes.push('rms_scaling=True divides by the root mean square without subtracting the mean (RMSNorm); center and scale are ignored.');
        return {
            output: input,
            params: { trainable: k * c, nonTrainable: 0 },
            shapeSteps: [`the shape stays ${formatShape(input)}; normalized over ${axisText}: c = ${dims.length === 1 ? '' : `${dims.join(' × ')} = `}${c}`],
            ...(formula ? { formula } : {}),
            notes,
            warnings: []
        };
    },
    tfjs(context) {
        const { args } = context;
        if (args.rms_scaling === true) {
            throw new NotTrainable('tfjs has no RMS normalization (rms_scaling=True); remove it to train in RNN Lens.', 'rms_scaling');
        }
        if (args.center !== true || args.scale !== true) {
            throw new NotTrainable('tfjs\'s LayerNormalization cannot train without both β and γ (center=False or scale=False fails in its gradient); keep center=True and scale=True to train in RNN Lens.', args.center !== true ? 'center' : 'scale');
        }
        return context.tf.layers.layerNormalization({
            ...context.base,
            axis: typeof args.axis === 'number' ? args.axis : ints(args.axis) as number[],
            epsilon: args.epsilon as number,
            center: true,
            scale: true,
            ...weightConfig(context, ['beta', 'gamma'])
        });
    }
};
