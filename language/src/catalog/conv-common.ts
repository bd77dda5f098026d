/**
 * What the 1D convolution, pooling and reshaping layers share: reading `ints` arguments,
 * finding the steps and channels axes (`data_format`), and the teaching messages for
 * sequences that come out empty or lose their last steps.
 */
import { sequenceItems, type Value } from '../model/values.js';
import { fail, type LayerIssue } from './layer-kind.js';
import { plural } from './numbers.js';
import type { Dim, Shape } from './shape.js';

/** An `ints` argument of length 1 (`kernel_size=2`, `(2,)` or `[2]`) as a number. */
export function intArg(value: Value | undefined, fallback: number): number {
    if (typeof value === 'number') return value;
    const first = sequenceItems(value)?.[0];
    return typeof first === 'number' ? first : fallback;
}

/** An `ints` argument of length 2 (`padding=1` or `(1, 2)`) as a (before, after) pair. */
export function intPair(value: Value | undefined, fallback: number): readonly [number, number] {
    if (typeof value === 'number') return [value, value];
    const items = sequenceItems(value);
    const a = items?.[0];
    const b = items?.[1];
    return [typeof a === 'number' ? a : fallback, typeof b === 'number' ? b : (typeof a === 'number' ? a : fallback)];
}

/** Where the steps and the channels of a 3D input are, by `data_format`. */
export interface SequenceLayout {
    readonly batch: Dim;
    readonly steps: Dim;
    readonly channels: Dim;
    readonly channelsFirst: boolean;
}

export function layoutOf(input: Shape, dataFormat: Value | undefined): SequenceLayout {
    const channelsFirst = dataFormat === 'channels_first';
    const batch = input[0] ?? null;
    const a = input[1] ?? null;
    const b = input[2] ?? null;
    return channelsFirst ? { batch, steps: b, channels: a, channelsFirst } : { batch, steps: a, channels: b, channelsFirst };
}

/** The 3D shape with the given steps and channels, in the layout's order. */
export function sequenceShape(layout: SequenceLayout, steps: Dim, channels: Dim): Shape {
    return layout.channelsFirst ? [layout.batch, channels, steps] : [layout.batch, steps, channels];
}

/** The error for an input whose channels axis is None: the weights cannot be sized. */
export function unknownChannels(layer: string, input: Shape, layout: SequenceLayout) {
    const where = layout.channelsFirst ? 'the second axis (channels_first)' : 'the last axis';
    return fail('incompatible-rank',
        `${layer} needs to know how many features (channels) each step has, to size its weights, but ${where} of the input shape ` +
        `(${input.map(d => (d === null ? 'None' : String(d))).join(', ')}) is None. Give the features a fixed size, e.g. input_shape=${layout.channelsFirst ? '(features, steps)' : '(steps, features)'}.`);
}

/** The error for a window that leaves no steps; `why` says what did not fit and what to do. */
export function nonPositiveLength(layer: string, length: number, step: string, why: string) {
    return fail('non-positive-length', `${layer} would leave ${plural(length, 'time step')} (${step}). ${why}`);
}

/** The arithmetic of a window of `size` sliding by `stride` over `length` steps with no padding. */
export function windowArithmetic(length: number, size: number, stride: number, out: number): string {
    return stride === size ? `⌊${length} / ${size}⌋ = ${out}` : `⌊(${length} − ${size}) / ${stride}⌋ + 1 = ${out}`;
}

/** The warning for valid windows that leave the last steps out. */
export function droppedSteps(description: string, length: number, arithmetic: string, dropped: number): LayerIssue {
    return {
        code: 'pooling-drops-steps',
        message: `${description} over ${plural(length, 'step')} gives ${arithmetic} steps: the last ${plural(dropped, 'step')} ` +
            `${dropped === 1 ? 'is' : 'are'} dropped. Use padding="same" to keep ${dropped === 1 ? 'it' : 'them'}, or pick sizes that divide evenly.`
    };
}

/** One teaching note about what the padding mode did to the length. */
export function paddingNote(padding: string, span: number): string {
    switch (padding) {
        case 'same':
            return `padding="same" adds zeros at both ends so that every step gets a window: with stride 1 the length is kept.`;
        case 'causal':
            return `padding="causal" adds ${plural(span - 1, 'zero')} in front only, so step t sees steps t and before, never the future; the length is kept with stride 1.`;
        default:
            return span > 1
                ? `padding="valid" adds no zeros: a window of ${span} steps fits ${span - 1} fewer times than there are steps.`
                : 'padding="valid" adds no zeros; a window of 1 step fits at every step.';
    }
}
