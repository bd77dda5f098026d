/**
 * What the conv family's tfjs builds share: Keras's convolution options in tfjs spelling, and
 * access to the optional custom layers (TfjsCustomLayers). No tfjs at run time (types only).
 */
import type { Value } from '../model/values.js';
import { intArg } from './conv-common.js';
import { NotTrainable, type OptionalCustomLayer, type TfjsBuildContext, type TfjsCustomLayers } from './tfjs-build.js';
import { rejectActivityRegularizer, weightConfig, type TfjsConfig } from './tfjs-helpers.js';

/** The extra layer `name` when training/ supplies it (RNN Lens's conv layers do), undefined otherwise. */
export function extraLayer<K extends OptionalCustomLayer>(context: TfjsBuildContext, name: K): TfjsCustomLayers[K] | undefined {
    const made = context.custom[name];
    return typeof made === 'function' ? made : undefined;
}

/** The extra layer `name`, or NotTrainable saying what cannot be built without it. */
export function requireExtra<K extends OptionalCustomLayer>(context: TfjsBuildContext, name: K, what: string): NonNullable<TfjsCustomLayers[K]> {
    const made = extraLayer(context, name);
    if (!made) throw new NotTrainable(`RNN Lens cannot train ${what}: tfjs has no equivalent layer.`);
    return made;
}

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
