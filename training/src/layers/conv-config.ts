/**
 * What RNN Lens's conv-family tfjs layers share: their options in tfjs spelling, resolving
 * initializers, regularizers and constraints (identifiers, objects or `{className, config}`)
 * and writing them back for getConfig, the activation, and one registered class per tfjs module.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { activationOf } from './activations.js';
import { resolve, serialize } from './tfjs-objects.js';

export { registered } from './tfjs-objects.js';

type Tf = typeof tfjs;
type Tensor = tfjs.Tensor;

export type DataFormat = 'channelsLast' | 'channelsFirst';

/** The base options every layer passes to tfjs's Layer. */
export interface BaseLayerConfig {
    readonly name?: string;
    readonly trainable?: boolean;
    readonly batchInputShape?: Array<number | null>;
    readonly inputShape?: Array<number | null>;
    readonly dtype?: string;
}

/** A number or a one-element array (Keras's `ints` arguments) as a number. */
export function one(value: unknown, fallback: number): number {
    if (typeof value === 'number') return value;
    if (Array.isArray(value) && typeof value[0] === 'number') return value[0];
    return fallback;
}

/** A number or a pair as (before, after). */
export function pair(value: unknown, fallback: number): [number, number] {
    if (typeof value === 'number') return [value, value];
    if (Array.isArray(value) && typeof value[0] === 'number') {
        return [value[0], typeof value[1] === 'number' ? value[1] : value[0]];
    }
    return [fallback, fallback];
}

/** How one weight starts, is penalised and is constrained. */
export interface WeightOptions {
    readonly initializer: unknown;
    readonly regularizer: unknown;
    readonly constraint: unknown;
}

/** The `<w>Initializer`, `<w>Regularizer`, `<w>Constraint` options of weight `w`, resolved. */
export function weightOptions(tf: Tf, config: object, weight: string, defaultInitializer: string): WeightOptions {
    const c = config as Record<string, unknown>;
    return {
        initializer: resolve(tf.initializers, c[`${weight}Initializer`], defaultInitializer),
        regularizer: resolve(tf.regularizers, c[`${weight}Regularizer`]),
        constraint: resolve(tf.constraints, c[`${weight}Constraint`])
    };
}

/** The same options written back for getConfig. */
export function weightConfig(weight: string, options: WeightOptions): Record<string, unknown> {
    return {
        [`${weight}Initializer`]: serialize(options.initializer),
        [`${weight}Regularizer`]: serialize(options.regularizer),
        [`${weight}Constraint`]: serialize(options.constraint)
    };
}

/** [batch, steps, channels] ↔ [batch, channels, steps]. */
export function swapSteps<T extends Tensor>(tf: Tf, x: T): T {
    return tf.transpose(x, [0, 2, 1]) as T;
}

/** The 3D shape with `steps` and `channels` in the data format's order. */
export function shapeOf(format: DataFormat, batch: number | null, steps: number | null, channels: number | null): Array<number | null> {
    return format === 'channelsFirst' ? [batch, channels, steps] : [batch, steps, channels];
}

/** (steps, channels) of a 3D shape in the data format. */
export function stepsAndChannels(format: DataFormat, shape: Array<number | null>): [number | null, number | null] {
    return format === 'channelsFirst' ? [shape[2] ?? null, shape[1] ?? null] : [shape[1] ?? null, shape[2] ?? null];
}

export function singleShape(inputShape: tfjs.Shape | tfjs.Shape[]): Array<number | null> {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Array<number | null>;
}

export function singleTensor(inputs: Tensor | Tensor[]): tfjs.Tensor3D {
    return (Array.isArray(inputs) ? inputs[0] : inputs) as tfjs.Tensor3D;
}

/** The options every 1D convolution layer takes, in tfjs spelling. */
export interface ConvWindowConfig<P extends string> extends BaseLayerConfig {
    readonly filters: number;
    readonly kernelSize: number | number[];
    readonly strides?: number | number[];
    readonly padding?: P;
    readonly dataFormat?: DataFormat;
    readonly dilationRate?: number | number[];
    readonly activation?: string;
    readonly useBias?: boolean;
}

/** Those options resolved, as a convolution layer holds them. */
export interface ConvWindow<P extends string> {
    readonly filters: number;
    readonly kernelSize: number;
    readonly strides: number;
    readonly padding: P;
    readonly dataFormat: DataFormat;
    readonly dilationRate: number;
    readonly useBias: boolean;
    readonly activation: string;
    readonly activate: (x: Tensor) => Tensor;
}

/** Resolves the shared options with Keras's defaults; `paddings` are the ones the layer accepts. */
export function convWindow<P extends string>(tf: Tf, config: ConvWindowConfig<P>, paddings: readonly P[]): ConvWindow<P> {
    const padding = config.padding ?? paddings[0];
    if (!paddings.includes(padding)) throw new Error(`unknown padding "${String(padding)}"`);
    const activation = config.activation ?? 'linear';
    return {
        filters: config.filters,
        kernelSize: one(config.kernelSize, 1),
        strides: one(config.strides, 1),
        padding,
        dataFormat: config.dataFormat ?? 'channelsLast',
        dilationRate: one(config.dilationRate, 1),
        useBias: config.useBias !== false,
        activation,
        activate: activationOf(tf, activation)
    };
}

/** The shared options written back for getConfig. */
export function convWindowConfig<P extends string>(w: ConvWindow<P>): Record<string, unknown> {
    return {
        filters: w.filters, kernelSize: w.kernelSize, strides: w.strides, padding: w.padding, dataFormat: w.dataFormat,
        dilationRate: w.dilationRate, activation: w.activation, useBias: w.useBias
    };
}

/** The weight options of a layer with a `kernel` and a `bias`, in tfjs spelling. */
export interface KernelBiasConfig {
    readonly kernelInitializer?: unknown;
    readonly biasInitializer?: unknown;
    readonly kernelRegularizer?: unknown;
    readonly biasRegularizer?: unknown;
    readonly kernelConstraint?: unknown;
    readonly biasConstraint?: unknown;
}

/** Adds a trainable weight to `layer` as its options say. */
export function addLayerWeight(layer: tfjs.layers.Layer, name: string, shape: number[], o: WeightOptions): tfjs.LayerVariable {
    const add = (layer as unknown as { addWeight: (...args: unknown[]) => tfjs.LayerVariable }).addWeight.bind(layer);
    return add(name, shape, 'float32', o.initializer, o.regularizer, true, o.constraint);
}

/** The output shape of a convolution whose steps axis becomes `length(steps)` and channels `filters`. */
export function convOutputShape<P extends string>(w: ConvWindow<P>, inputShape: tfjs.Shape | tfjs.Shape[], length: (steps: number | null) => number | null): tfjs.Shape {
    const shape = singleShape(inputShape);
    const [steps] = stepsAndChannels(w.dataFormat, shape);
    return shapeOf(w.dataFormat, shape[0] ?? null, length(steps), w.filters);
}

/** Runs `f` on the input in channels-last order (transposing in and out for channels_first). */
export function inChannelsLast(tf: Tf, format: DataFormat, inputs: Tensor | Tensor[], f: (x: tfjs.Tensor3D) => Tensor): Tensor {
    const x = singleTensor(inputs);
    if (format !== 'channelsFirst') return f(x);
    return swapSteps(tf, f(swapSteps(tf, x)));
}
