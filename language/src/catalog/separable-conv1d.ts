/** SeparableConv1D: a depthwise convolution per feature, then a pointwise (1-step) mix of the features. */
import { ACTIVATION, BOOL, DATA_FORMAT, POSITIVE_INT, arg, weightArgs } from './arg-spec.js';
import {
    droppedSteps, intArg, layoutOf, nonPositiveLength, paddingNote, sequenceShape, unknownChannels
} from './conv-common.js';
import { DILATION_RATE, convWindowArgs, stridesWithDilation } from './conv1d.js';
import type { LayerKind } from './layer-kind.js';
import { convOutputLength, effectiveKernel } from './length-arithmetic.js';
import { formatCount, plural } from './numbers.js';
import { convConfig, tfjsDataFormat } from './conv-tfjs.js';

export const SeparableConv1D: LayerKind = {
    name: 'SeparableConv1D',
    kerasName: 'separable_conv1d',
    category: 'convolution',
    summary: 'A separable 1D convolution: first each feature is convolved along time on its own (depthwise), then a 1-step convolution mixes the features into filters (pointwise), with far fewer weights than Conv1D.',
    args: [
        ...convWindowArgs(['valid', 'same'], 'features'),
        DATA_FORMAT,
        DILATION_RATE,
        arg('depth_multiplier', POSITIVE_INT, 1, 'How many depthwise outputs each input feature gets before the pointwise mix.'),
        arg('activation', ACTIVATION, null, 'The function applied to the output; None means linear.'),
        arg('use_bias', BOOL, true, 'Whether each filter adds a bias.'),
        ...weightArgs([['depthwise', 'glorot_uniform'], ['pointwise', 'glorot_uniform'], ['bias', 'zeros']])
    ],
    inputRank: { min: 3, max: 3 },
    compute({ input, args }) {
        const filters = args.filters as number;
        const k = intArg(args.kernel_size, 1);
        const s = intArg(args.strides, 1);
        const d = intArg(args.dilation_rate, 1);
        const dm = typeof args.depth_multiplier === 'number' ? args.depth_multiplier : 1;
        const padding = args.padding === 'same' ? 'same' : 'valid';
        const layout = layoutOf(input, args.data_format);

        if (s > 1 && d > 1) return stridesWithDilation('SeparableConv1D', s, d);
        const c = layout.channels;
        if (c === null) return unknownChannels('SeparableConv1D', input, layout);

        const span = effectiveKernel(k, d);
        const len = convOutputLength(layout.steps, k, s, d, padding);
        if (len.length !== null && len.length <= 0) {
            return nonPositiveLength('SeparableConv1D', len.length, len.step,
                `The kernel covers ${span} steps but the input has only ${layout.steps ?? 0}. ` +
                `Use a smaller kernel_size${d > 1 ? ' or dilation_rate' : ''}, padding="same", or longer input sequences.`);
        }

        const useBias = args.use_bias === true;
        const depthwise = k * c * dm;
        const pointwise = c * dm * filters;
        const total = depthwise + pointwise + (useBias ? filters : 0);
        const warnings = len.dropped > 0 && layout.steps !== null && len.length !== null
            ? [droppedSteps(`SeparableConv1D with kernel_size ${k} and strides ${s}`, layout.steps,
                `⌊(${layout.steps} − ${span}) / ${s}⌋ + 1 = ${len.length}`, len.dropped)]
            : [];
        const full = k * c * filters + (useBias ? filters : 0);
        const notes = [
            paddingNote(padding, span),
            `Depthwise: each of the ${c} features gets ${plural(dm, 'kernel')} of ${plural(k, 'step')} (${formatCount(depthwise)} weights); ` +
            `pointwise: a 1-step convolution mixes the ${c * dm} depthwise outputs into ${filters} filters (${formatCount(pointwise)} weights).`,
            `A Conv1D with the same sizes would have ${formatCount(full)} parameters; this layer has ${formatCount(total)}.`
        ];

        const legend = [`k = ${k} kernel width`, `i = ${c} input features`, `m = ${dm} depth multiplier`];
        return {
            output: sequenceShape(layout, len.length, filters),
            params: { trainable: total, nonTrainable: 0 },
            shapeSteps: [`steps: ${len.step}`, `features: ${c} in, ${filters} out (one per pointwise filter)`],
            formula: useBias
                ? {
                    symbolic: 'k × i × m + i × m × f + f',
                    substituted: `${k} × ${c} × ${dm} + ${c} × ${dm} × ${filters} + ${filters}`,
                    legend: [...legend, `f = ${filters} filters (one bias each)`]
                }
                : {
                    symbolic: 'k × i × m + i × m × f',
                    substituted: `${k} × ${c} × ${dm} + ${c} × ${dm} × ${filters}`,
                    legend: [...legend, `f = ${filters} filters, no bias`]
                },
            notes,
            warnings
        };
    },
    tfjs(context) {
        // tfjs has no SeparableConv1D: RNN Lens's own, with Keras's depthwise_kernel and pointwise_kernel.
        return context.custom.separableConv1d({
            ...convConfig(context, ['depthwise', 'pointwise', 'bias']),
            depthMultiplier: typeof context.args.depth_multiplier === 'number' ? context.args.depth_multiplier : 1,
            dataFormat: tfjsDataFormat(context.args.data_format)
        });
    }
};
