/** Dense: the fully connected layer. On a 3D input it acts on the last axis, at every time step. */
import { ACTIVATION, BOOL, INT, arg, required, weightArgs } from './arg-spec.js';
import { fail, type Formula, type LayerKind } from './layer-kind.js';
import { loraArgs, loraCount, loraNote, loraRankOf, rejectLora } from './lora.js';
import { formatCount, plural } from './numbers.js';
import { formatShape, lastDim, withLastDim } from './shape.js';
import { rejectActivityRegularizer, weightConfig } from './tfjs-helpers.js';

export const Dense: LayerKind = {
    name: 'Dense',
    kerasName: 'dense',
    category: 'core',
    summary: 'A fully connected layer: every output unit is a weighted sum of all the input features, plus a bias.',
    args: [
        // Keras 2 builds units=0 (a layer with no outputs); Keras 3 refuses it, in compute.
        required('units', INT(0), 'The number of output units: the size of the last axis of the output.'),
        arg('activation', ACTIVATION, null, 'The function applied to the output; None means linear.'),
        arg('use_bias', BOOL, true, 'Whether the layer adds a bias vector.'),
        ...weightArgs([['kernel', 'glorot_uniform'], ['bias', 'zeros']]),
        ...loraArgs('kernel')
    ],
    inputRank: { min: 2 },
    compute({ input, args, keras }) {
        const units = args.units as number;
        if (units === 0 && keras !== 2) {
            const error = fail('invalid-argument', 'Dense\'s "units" must be an integer ≥ 1, but it is 0. The nearest valid value is 1. Keras 3: "Received an invalid value for `units`, expected a positive integer. Received: units=0" (Keras 2 built a layer with no outputs).', 'units');
            return { error: { ...error.error, nearest: '1' } };
        }
        const i = lastDim(input);
        if (i === null) {
            return fail('incompatible-rank', `Dense needs to know the size of the last axis of its input, but the input shape ${formatShape(input)} ends in None.`);
        }
        const useBias = args.use_bias === true;
        const kernel = i * units;
        const bias = useBias ? units : 0;
        const total = kernel + bias;
        const rank = loraRankOf(args);
        const lora = rank === null ? 0 : loraCount(i, units, rank);
        const perStep = input.length > 2;
        const notes = perStep ? [`The same ${formatCount(rank === null ? total : lora + bias)} trained weights are shared by every time step.`] : [];
        if (rank !== null) notes.push(loraNote(rank, 'kernel', kernel, lora));
        return {
            output: withLastDim(input, units),
            params: rank === null ? { trainable: total, nonTrainable: 0 } : { trainable: lora + bias, nonTrainable: kernel },
            shapeSteps: [perStep
                ? `the last axis ${i} becomes ${units}; the ${input.length - 2 === 1 ? 'time axis is' : 'other axes are'} kept: Dense is applied at every step`
                : `${plural(i, 'feature')} in, ${plural(units, 'unit')} out`],
            formula: denseFormula(i, units, useBias, rank),
            notes,
            warnings: []
        };
    },
    tfjs(context) {
        rejectActivityRegularizer(context);
        rejectLora(context, 'Dense');
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

/** i × u + u; with LoRA the i × u kernel is frozen and r(i + u) trained beside it. */
function denseFormula(i: number, u: number, useBias: boolean, rank: number | null): Formula {
    const legend = [`i = ${plural(i, 'input feature')}`, useBias ? `u = ${plural(u, 'unit')} (one bias each)` : `u = ${plural(u, 'unit')}, no bias`];
    const lora = rank === null ? null : { symbolic: ' + r(i + u)', substituted: ` + ${rank} × (${i} + ${u})` };
    if (rank !== null) legend.push(`r = ${rank} (lora_rank): the i × u kernel is frozen (non-trainable); the LoRA matrices i × r and r × u are trained`);
    return {
        symbolic: `i × u${lora?.symbolic ?? ''}${useBias ? ' + u' : ''}`,
        substituted: `${i} × ${u}${lora?.substituted ?? ''}${useBias ? ` + ${u}` : ''}`,
        legend
    };
}
