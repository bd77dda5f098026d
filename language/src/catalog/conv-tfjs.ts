/**
 * What the conv family's tfjs builds share: Keras's convolution options in tfjs spelling. No tfjs
 * at run time (types only).
 */
import type { Value } from '../model/values.js';
import { intArg } from './conv-common.js';
import type { TfjsBuildContext } from './tfjs-build.js';
import { rejectActivityRegularizer, weightConfig, type TfjsConfig } from './tfjs-helpers.js';

export function tfjsDataFormat(value: Value | undefined): 'channelsLast' | 'channelsFirst' {
    return value === 'channels_first' ? 'channelsFirst' : 'channelsLast';
}

/** The window arguments of a 1D convolution. */
export function convWindow(context: TfjsBuildContext): { kernel: number; strides: number; dilation: number; padding: string } {
    const a = context.args;
    return {
        kernel: intArg(a.kernel_size, 1),
        strides: intArg(a.strides, 1),
        dilation: intArg(a.dilation_rate, 1),
        padding: typeof a.padding === 'string' ? a.padding : 'valid'
    };
}

/**
 * The options every 1D convolution passes to tfjs, Keras's defaults explicit (tfjs defaults
 * kernels to glorotNormal, Keras to glorot_uniform): name, trainable, input shape, filters,
 * window, activation, use_bias and each weight's initializer, regularizer and constraint.
 */
export function convConfig(context: TfjsBuildContext, weights: readonly string[]): TfjsConfig {
    rejectActivityRegularizer(context);
    const a = context.args;
    const w = convWindow(context);
    return {
        ...context.base,
        filters: a.filters as number,
        kernelSize: w.kernel,
        strides: w.strides,
        padding: w.padding,
        dilationRate: w.dilation,
        activation: context.activation(a.activation),
        useBias: a.use_bias !== false,
        ...weightConfig(context, weights)
    };
}
