/**
 * The time-axis arithmetic of convolutions and pooling, as Keras computes it
 * (`compute_conv_output_shape`, `compute_pooling_output_shape`), with the steps written out.
 */
import { plural } from './numbers.js';

export type Padding = 'valid' | 'same' | 'causal';

export interface LengthResult {
    /** The output length; null when the input length is unknown. May be ≤ 0: callers report it. */
    readonly length: number | null;
    /** The arithmetic: `21 − 2 + 1 = 20`. */
    readonly step: string;
    /** Input steps that no window covers (valid padding with a stride that does not fit). */
    readonly dropped: number;
}

/** A dilated kernel covers `k + (k − 1)(d − 1)` steps. */
export function effectiveKernel(kernel: number, dilation: number): number {
    return kernel + (kernel - 1) * (dilation - 1);
}

/** Output length of a convolution window sliding over `length` steps. */
export function convOutputLength(
    length: number | null, kernel: number, stride: number, dilation: number, padding: Padding
): LengthResult {
    const span = effectiveKernel(kernel, dilation);
    const spanText = dilation > 1 ? `${span} (kernel ${kernel} dilated by ${dilation}: ${kernel} + (${kernel} − 1) × (${dilation} − 1))` : `${span}`;
    if (length === null) {
        return { length: null, step: 'the input length is None (variable), so the output length is None too', dropped: 0 };
    }
    if (padding !== 'valid') {
        const out = Math.floor((length - 1) / stride) + 1;
        const how = padding === 'causal' ? 'causal padding adds kernel − 1 zeros in front' : 'same padding adds zeros around the sequence';
        const step = stride === 1
            ? `${how}, so the length stays ${length}`
            : `${how}; ⌈${length} / ${stride}⌉ = ${out}`;
        return { length: out, step, dropped: 0 };
    }
    if (stride === 1) {
        const out = length - span + 1;
        // Why the length shrinks, in the notebook's words: the kernel "hits the wall" at the end.
        const kernel = dilation > 1 ? `the dilated kernel, ${span} steps wide,` : `the kernel of width ${span}`;
        const fits = out > 0 ? ` (${kernel} fits ${plural(out, 'time')})` : '';
        return { length: out, step: `${length} − ${spanText} + 1 = ${out}${fits}`, dropped: 0 };
    }
    const out = Math.floor((length - span) / stride) + 1;
    const dropped = out > 0 ? (length - span) % stride : 0;
    const step = `⌊(${length} − ${spanText}) / ${stride}⌋ + 1 = ${out}` + droppedText(dropped);
    return { length: out, step, dropped };
}

/** Output length of a pooling window (Keras: strides default to the pool size). */
export function poolOutputLength(length: number | null, pool: number, stride: number, padding: 'valid' | 'same'): LengthResult {
    if (length === null) {
        return { length: null, step: 'the input length is None (variable), so the output length is None too', dropped: 0 };
    }
    if (padding === 'same') {
        const out = Math.floor((length - 1) / stride) + 1;
        return { length: out, step: `same padding keeps every step: ⌈${length} / ${stride}⌉ = ${out}`, dropped: 0 };
    }
    const out = Math.floor((length - pool) / stride) + 1;
    const dropped = out > 0 ? (length - pool) % stride : 0;
    const step = stride === pool
        ? `⌊${length} / ${pool}⌋ = ${out}` + droppedText(dropped, true)
        : `⌊(${length} − ${pool}) / ${stride}⌋ + 1 = ${out}` + droppedText(dropped);
    return { length: out, step, dropped };
}

function droppedText(dropped: number, always = false): string {
    return dropped > 0 || always ? `, ${plural(dropped, 'step')} dropped` : '';
}
