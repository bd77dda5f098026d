/** Conv1DTranspose: the transposed ("deconvolution") layer, which lengthens a sequence. */
import { ACTIVATION, BOOL, DATA_FORMAT, arg, optional, weightArgs } from './arg-spec.js';
import { intArg, layoutOf, nonPositiveLength, sequenceShape, unknownChannels } from './conv-common.js';
import { DILATION_RATE, convWindowArgs, stridesWithDilation } from './conv1d.js';
import { fail, type LayerKind } from './layer-kind.js';
import { effectiveKernel } from './length-arithmetic.js';
import { formatCount, plural } from './numbers.js';
import { convConfig, tfjsDataFormat } from './conv-tfjs.js';

/** Keras's `compute_conv_transpose_output_shape` for one axis, with the arithmetic written out. */
export function transposeOutputLength(
    length: number | null, kernel: number, stride: number, dilation: number,
    padding: 'valid' | 'same', outputPadding: number | null
): { readonly length: number | null; readonly step: string } {
    if (length === null) {
        return { length: null, step: 'the input length is None (variable), so the output length is None too' };
    }
    const span = effectiveKernel(kernel, dilation);
    if (outputPadding === null) {
        if (padding === 'same') {
            const out = length * stride;
            return { length: out, step: stride === 1 ? `same padding keeps the length: ${out}` : `same padding: ${length} × ${stride} = ${out}` };
        }
        const out = length * stride + Math.max(span - stride, 0);
        return {
            length: out,
            step: stride === 1 ? `${length} + ${span} − 1 = ${out}` : `${length} × ${stride} + max(${span} − ${stride}, 0) = ${out}`
        };
    }
    if (padding === 'same') {
        const out = (length - 1) * stride + (span % 2) + outputPadding;
        return { length: out, step: `(${length} − 1) × ${stride} + ${span} mod 2 + ${outputPadding} = ${out}` };
    }
    const out = (length - 1) * stride + span + outputPadding;
    return { length: out, step: `(${length} − 1) × ${stride} + ${span} + ${outputPadding} = ${out}` };
}

export const Conv1DTranspose: LayerKind = {
    name: 'Conv1DTranspose',
    kerasName: 'conv1d_transpose',
    category: 'convolution',
    summary: 'A transposed 1D convolution: every input step spreads into a window of kernel_size output steps, so the sequence gets longer (by strides times, roughly) instead of shorter.',
    args: [
        ...convWindowArgs(['valid', 'same'], 'features'),
        arg('output_padding', optional({ kind: 'ints', length: 1, min: 0 }), null,
            'Extra steps added at the end of the output; must be smaller than strides. None lets Keras infer the length.'),
        DATA_FORMAT,
        DILATION_RATE,
        arg('activation', ACTIVATION, null, 'The function applied to the output; None means linear.'),
        arg('use_bias', BOOL, true, 'Whether each filter adds a bias.'),
        ...weightArgs([['kernel', 'glorot_uniform'], ['bias', 'zeros']])
    ],
    inputRank: { min: 3, max: 3 },
    compute({ input, args }) {
        const filters = args.filters as number;
        const k = intArg(args.kernel_size, 1);
        const s = intArg(args.strides, 1);
        const d = intArg(args.dilation_rate, 1);
        const padding = args.padding === 'same' ? 'same' : 'valid';
        const outputPadding = args.output_padding === null || args.output_padding === undefined ? null : intArg(args.output_padding, 0);
        const layout = layoutOf(input, args.data_format);

        if (outputPadding !== null && outputPadding >= s) {
            return fail('invalid-argument',
                `output_padding=${outputPadding} must be smaller than strides=${s}: it only chooses among the ${s} output lengths ` +
                `that the same strided input could come from. Use output_padding below ${s}, or None.`, 'output_padding');
        }
        if (s > 1 && d > 1) return stridesWithDilation('Conv1DTranspose', s, d);
        const c = layout.channels;
        if (c === null) return unknownChannels('Conv1DTranspose', input, layout);

        const span = effectiveKernel(k, d);
        const len = transposeOutputLength(layout.steps, k, s, d, padding, outputPadding);
        if (len.length !== null && len.length <= 0) {
            return nonPositiveLength('Conv1DTranspose', len.length, len.step,
                'With padding="same" and output_padding set, an even kernel over a single step leaves nothing. Use output_padding=None or padding="valid".');
        }

        const useBias = args.use_bias === true;
        const kernelCount = k * filters * c;
        const total = kernelCount + (useBias ? filters : 0);
        const notes = [
            padding === 'valid'
                ? `padding="valid": each of the input steps writes a window of ${span} output steps, ${s} apart, so the output also covers the ${plural(Math.max(span - s, 0), 'extra step')} the last window sticks out.`
                : `padding="same": the output has exactly strides × input steps, the inverse of a same-padded Conv1D with these strides.`,
            `A transposed convolution is the shape-inverse of Conv1D: it maps a length that Conv1D(kernel_size=${k}, strides=${s}, padding="${padding}") would produce back to the longer one.`
        ];
        if (outputPadding !== null) notes.push(`output_padding=${outputPadding} adds ${outputPadding} step(s) at the end, picking one of the lengths a strided Conv1D maps to the same output.`);
        notes.push(`The same ${formatCount(total)} weights are used at every input step.`);

        return {
            output: sequenceShape(layout, len.length, filters),
            params: { trainable: total, nonTrainable: 0 },
            shapeSteps: [`steps: ${len.step}`, `features: ${c} in, ${filters} out (one per filter)`],
            formula: useBias
                ? { symbolic: 'k × f × i + f', substituted: `${k} × ${filters} × ${c} + ${filters}`, legend: [`k = ${k} kernel width`, `f = ${filters} filters (one bias each)`, `i = ${c} input features`] }
                : { symbolic: 'k × f × i', substituted: `${k} × ${filters} × ${c}`, legend: [`k = ${k} kernel width`, `f = ${filters} filters, no bias`, `i = ${c} input features`] },
            notes,
            warnings: []
        };
    },
    tfjs(context) {
        // tfjs has no Conv1DTranspose: RNN Lens's own, with Keras's output length and kernel [k, filters, C_in].
        const outputPadding = context.args.output_padding;
        return context.custom.conv1dTranspose({
            ...convConfig(context, ['kernel', 'bias']),
            outputPadding: outputPadding === null || outputPadding === undefined ? null : intArg(outputPadding, 0),
            dataFormat: tfjsDataFormat(context.args.data_format)
        });
    }
};
