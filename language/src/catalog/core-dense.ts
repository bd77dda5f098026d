/** Dense: the fully connected layer. On a 3D input it acts on the last axis, at every time step. */
import { ACTIVATION, BOOL, POSITIVE_INT, arg, optional, required, weightArgs } from './arg-spec.js';
import { fail, type LayerKind } from './layer-kind.js';
import { formatCount, plural } from './numbers.js';
import { formatShape, lastDim, withLastDim } from './shape.js';
import { rejectActivityRegularizer, rejectIfSet, weightConfig } from './tfjs-helpers.js';

export const Dense: LayerKind = {
    name: 'Dense',
    kerasName: 'dense',
    category: 'core',
    summary: 'A fully connected layer: every output unit is a weighted sum of all the input features, plus a bias.',
    args: [
        required('units', POSITIVE_INT, 'The number of output units: the size of the last axis of the output.'),
        arg('activation', ACTIVATION, null, 'The function applied to the output; None means linear.'),
        arg('use_bias', BOOL, true, 'Whether the layer adds a bias vector.'),
        ...weightArgs([['kernel', 'glorot_uniform'], ['bias', 'zeros']]),
        arg('lora_rank', optional(POSITIVE_INT), null, 'The rank of a LoRA adapter on the kernel (Keras 3).')
    ],
    inputRank: { min: 2 },
    compute({ input, args }) {
        const units = args.units as number;
        const i = lastDim(input);
        if (i === null) {
            return fail('incompatible-rank', `Dense needs to know the size of the last axis of its input, but the input shape ${formatShape(input)} ends in None.`);
        }
        const useBias = args.use_bias === true;
        const total = i * units + (useBias ? units : 0);
        const perStep = input.length > 2;
        return {
            output: withLastDim(input, units),
            params: { trainable: total, nonTrainable: 0 },
            shapeSteps: [perStep
                ? `the last axis ${i} becomes ${units}; the ${input.length - 2 === 1 ? 'time axis is' : 'other axes are'} kept: Dense is applied at every step`
                : `${plural(i, 'feature')} in, ${plural(units, 'unit')} out`],
            formula: useBias
                ? { symbolic: 'i × u + u', substituted: `${i} × ${units} + ${units}`, legend: [`i = ${plural(i, 'input feature')}`, `u = ${plural(units, 'unit')} (one bias each)`] }
                : { symbolic: 'i × u', substituted: `${i} × ${units}`, legend: [`i = ${plural(i, 'input feature')}`, `u = ${plural(units, 'unit')}, no bias`] },
            notes: perStep ? [`The same ${formatCount(total)} weights are shared by every time step.`] : [],
            warnings: []
        };
    },
    tfjs(context) {
        rejectActivityRegularizer(context);
        rejectIfSet(context, 'lora_rank', 'tfjs has no LoRA Dense; remove lora_rank to train in RNN Lens.');
        // tfjs's Dense defaults to glorotNormal: Keras's glorot_uniform is passed explicitly.
        return context.tf.layers.dense({
            ...context.base,
            units: context.args.units as number,
            activation: context.activation(context.args.activation) as never,
            useBias: context.args.use_bias === true,
            ...weightConfig(context, ['kernel', 'bias'])
        });
    }
};
