/**
 * The tensor arithmetic of RNN Lens's 1D convolution layers, on channels-last [batch, steps,
 * channels] tensors, with ops that all have gradients in tfjs: Keras's padding (TF's SAME split,
 * causal zeros in front), a valid convolution as a sum over kernel taps of shifted slices
 * matMul'd with the tap's kernel slice (tfjs's conv1d has no gradient with dilation > 1), grouped
 * convolution, depthwise convolution and the transposed convolution (TF's conv_transpose: the
 * adjoint of a convolution producing the given output length).
 */
import type * as tfjs from '@tensorflow/tfjs';

type Tf = typeof tfjs;
type Tensor = tfjs.Tensor;
type Tensor3D = tfjs.Tensor3D;

export type ConvPadding = 'valid' | 'same' | 'causal';

/** The steps a kernel of `kernel` taps, `dilation` apart, covers. */
export function kernelSpan(kernel: number, dilation: number): number {
    return (kernel - 1) * dilation + 1;
}

/** TF's SAME padding of `length` steps for a window of `span` moving by `stride`: (before, after). */
export function samePadding(length: number, span: number, stride: number): [number, number] {
    const out = Math.ceil(length / stride);
    const total = Math.max((out - 1) * stride + span - length, 0);
    const before = Math.floor(total / 2);
    return [before, total - before];
}

/** Zeros before and after the steps axis (axis 1) of a [batch, steps, channels] tensor. */
export function padSteps(tf: Tf, x: Tensor3D, before: number, after: number): Tensor3D {
    return before === 0 && after === 0 ? x : tf.pad(x, [[0, 0], [before, after], [0, 0]]);
}

/** The input padded as Keras pads it for `padding`, so that a valid window pass gives Keras's length. */
export function padForConv(tf: Tf, x: Tensor3D, padding: ConvPadding, kernel: number, stride: number, dilation: number): Tensor3D {
    const span = kernelSpan(kernel, dilation);
    if (padding === 'causal') return padSteps(tf, x, span - 1, 0);
    if (padding === 'same') {
        const [before, after] = samePadding(x.shape[1], span, stride);
        return padSteps(tf, x, before, after);
    }
    return x;
}

/** Output length of a valid window pass. */
export function validLength(length: number, kernel: number, stride: number, dilation: number): number {
    return Math.floor((length - kernelSpan(kernel, dilation)) / stride) + 1;
}

/** The input steps that tap `j` sees at each of `out` output steps of a valid pass: [batch, out, channels]. */
export function tapSlice(tf: Tf, x: Tensor3D, j: number, dilation: number, stride: number, out: number): Tensor3D {
    const start = j * dilation;
    if (stride === 1) return tf.slice(x, [0, start, 0], [-1, out, -1]);
    // Every stride-th step from `start` (tfjs's stridedSlice has no gradient): out·stride steps, reshaped, first of each.
    const [batch, length, channels] = x.shape;
    const need = out * stride;
    const available = length - start;
    let window = tf.slice(x, [0, start, 0], [-1, Math.min(need, available), -1]);
    if (available < need) window = padSteps(tf, window, 0, need - available);
    const grouped = tf.reshape(window, [batch, out, stride, channels]);
    return tf.reshape(tf.slice(grouped, [0, 0, 0, 0], [-1, -1, 1, -1]), [batch, out, channels]);
}

/** A valid convolution as Σ_j x[t·s + j·d] · W[j]; kernel [k, C, F] → [batch, out, F]. */
export function tapConv(tf: Tf, x: Tensor3D, kernel: Tensor3D, stride: number, dilation: number): Tensor3D {
    return tf.tidy(() => {
        const [k, channels, filters] = kernel.shape;
        const batch = x.shape[0];
        const out = validLength(x.shape[1], k, stride, dilation);
        const taps = tf.unstack(kernel);
        let sum: Tensor | null = null;
        taps.forEach((tap, j) => {
            const seen = tf.reshape(tapSlice(tf, x, j, dilation, stride, out), [batch * out, channels]);
            const term = tf.matMul(seen, tap);
            sum = sum === null ? term : tf.add(sum, term);
        });
        return tf.reshape(sum!, [batch, out, filters]);
    });
}

/** A valid convolution: tfjs's conv1d where it has gradients (dilation 1), the tap sum otherwise. */
export function validConv(tf: Tf, x: Tensor3D, kernel: Tensor3D, stride: number, dilation: number): Tensor3D {
    return dilation === 1 ? tf.conv1d(x, kernel, stride, 'valid') : tapConv(tf, x, kernel, stride, dilation);
}

/** A grouped valid convolution: kernel [k, C / groups, F]; group g sees input channels g·C/groups… and makes filters g·F/groups…. */
export function groupedConv(tf: Tf, x: Tensor3D, kernel: Tensor3D, stride: number, dilation: number, groups: number): Tensor3D {
    if (groups === 1) return validConv(tf, x, kernel, stride, dilation);
    return tf.tidy(() => {
        const inputs = tf.split(x, groups, 2) as Tensor3D[];
        const kernels = tf.split(kernel, groups, 2) as Tensor3D[];
        return tf.concat(inputs.map((xi, g) => validConv(tf, xi, kernels[g], stride, dilation)), 2);
    });
}

/** A valid depthwise convolution as a tap sum: depthwise [k, C, m] → [batch, out, C·m], channel c·m + i (TF's order). */
export function tapDepthwise(tf: Tf, x: Tensor3D, depthwise: Tensor3D, stride: number, dilation: number): Tensor3D {
    return tf.tidy(() => {
        const [k, channels, multiplier] = depthwise.shape;
        const batch = x.shape[0];
        const out = validLength(x.shape[1], k, stride, dilation);
        const taps = tf.unstack(depthwise);
        let sum: Tensor | null = null;
        taps.forEach((tap, j) => {
            const term = tf.mul(tf.expandDims(tapSlice(tf, x, j, dilation, stride, out), 3), tap);
            sum = sum === null ? term : tf.add(sum, term);
        });
        return tf.reshape(sum!, [batch, out, channels * multiplier]);
    });
}

/** A valid depthwise convolution: tfjs's depthwiseConv2d where it has gradients (dilation 1), the tap sum otherwise. */
export function validDepthwise(tf: Tf, x: Tensor3D, depthwise: Tensor3D, stride: number, dilation: number): Tensor3D {
    if (dilation !== 1) return tapDepthwise(tf, x, depthwise, stride, dilation);
    return tf.tidy(() => {
        const y = tf.depthwiseConv2d(tf.expandDims(x, 2) as tfjs.Tensor4D, tf.expandDims(depthwise, 1) as tfjs.Tensor4D, [stride, 1], 'valid');
        return tf.squeeze(y, [2]) as Tensor3D;
    });
}

/**
 * TF's conv_transpose for one axis, as Keras 3 calls it: the adjoint of a convolution (kernel
 * [k, F, C], `padding` valid or same) whose input has `outLength` steps. Each input step t writes
 * x[t] · W[j]ᵀ at t·s + j·d − (SAME's front padding); kernel [k, F, C] → [batch, outLength, F].
 */
export function transposeConv(tf: Tf, x: Tensor3D, kernel: Tensor3D, stride: number, dilation: number,
    padding: 'valid' | 'same', outLength: number): Tensor3D {
    return tf.tidy(() => {
        const [k, filters, channels] = kernel.shape;
        const [batch, length] = x.shape;
        const span = kernelSpan(k, dilation);
        const before = padding === 'same' ? Math.floor(Math.max((length - 1) * stride + span - outLength, 0) / 2) : 0;
        const full = length * stride + span - 1;
        const flat = tf.reshape(x, [batch * length, channels]);
        const taps = tf.unstack(kernel);
        let sum: Tensor3D | null = null;
        taps.forEach((tap, j) => {
            let z: Tensor3D = tf.reshape(tf.matMul(flat, tap, false, true), [batch, length, filters]);
            if (stride > 1) {
                // t → t·s: each step followed by s − 1 zero steps.
                const spread = tf.pad(tf.expandDims(z, 2), [[0, 0], [0, 0], [0, stride - 1], [0, 0]]);
                z = tf.reshape(spread, [batch, length * stride, filters]) as Tensor3D;
            }
            z = padSteps(tf, z, j * dilation, full - length * stride - j * dilation);
            sum = sum === null ? z : tf.add(sum, z) as Tensor3D;
        });
        const total = padSteps(tf, sum!, 0, Math.max(before + outLength - full, 0));
        return tf.slice(total, [0, before, 0], [-1, outLength, -1]);
    });
}

/** Keras's output length of a convolution (`compute_conv_output_shape`); null stays null. */
export function convLength(length: number | null, kernel: number, stride: number, dilation: number, padding: ConvPadding): number | null {
    if (length === null) return null;
    return padding === 'valid' ? validLength(length, kernel, stride, dilation) : Math.floor((length - 1) / stride) + 1;
}

/** Keras's output length of a transposed convolution (`compute_conv_transpose_output_shape`); null stays null. */
export function transposeLength(length: number | null, kernel: number, stride: number, dilation: number,
    padding: 'valid' | 'same', outputPadding: number | null): number | null {
    if (length === null) return null;
    const span = kernelSpan(kernel, dilation);
    if (padding === 'valid') {
        return (length - 1) * stride + span + (outputPadding ?? Math.max(span, stride) - span);
    }
    return outputPadding === null ? length * stride : (length - 1) * stride + (span % 2) + outputPadding;
}

/** Keras's output length of a pooling window (`compute_pooling_output_shape`); null stays null. */
export function poolLength(length: number | null, pool: number, stride: number, padding: 'valid' | 'same'): number | null {
    if (length === null) return null;
    return padding === 'valid' ? Math.floor((length - pool) / stride) + 1 : Math.floor((length - 1) / stride) + 1;
}
