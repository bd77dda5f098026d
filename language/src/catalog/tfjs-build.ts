/**
 * How a layer kind is built in tfjs, so that the trained model is the Keras model. The catalog
 * only describes the construction: tfjs itself, Keras-to-tfjs name mapping and RNN Lens's own
 * layers (for what tfjs lacks) come in through the context from training/, so the language core
 * carries no tfjs code (only its types).
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { Value } from '../model/values.js';
import type { LayerDescription } from '../model/description.js';
import type { Shape } from './shape.js';

export type Tf = typeof tfjs;
export type TfLayer = tfjs.layers.Layer;

/** Options every tfjs layer takes: name, trainable, and the input shape on the first layer. */
export interface TfjsBaseConfig {
    readonly name: string;
    readonly trainable: boolean;
    readonly batchInputShape?: Array<number | null>;
}

/** RNN Lens's own tfjs layers, for what tfjs lacks or does differently from Keras. */
export interface TfjsCustomLayers {
    /** Conv1D with Keras's `padding` (valid, same, causal), `strides`, `dilation_rate` (with gradients) and `groups`. */
    conv1d(config: Record<string, unknown>): TfLayer;
    conv1dTranspose(config: Record<string, unknown>): TfLayer;
    separableConv1d(config: Record<string, unknown>): TfLayer;
    zeroPadding1d(config: Record<string, unknown>): TfLayer;
    upSampling1d(config: Record<string, unknown>): TfLayer;
    /** A recurrent layer with Keras's cell math and weight layout (GRU with reset_after=True among them). */
    recurrent(kind: 'SimpleRNN' | 'LSTM' | 'GRU', config: Record<string, unknown>): TfLayer;
    /**
     * Optional: without them the layers that need them are refused before training, not built
     * wrong (tfjs has no Cropping1D; its pooling has no data_format or keepdims, and its
     * GlobalAveragePooling1D ignores the mask).
     */
    cropping1d?(config: Record<string, unknown>): TfLayer;
    /** Windowed pooling with `mode` "max" or "avg", for channels_first. */
    pooling1d?(config: Record<string, unknown>): TfLayer;
    /** Global pooling with `mode` "max" or "avg", data_format, keepdims and Keras 3's masked average. */
    globalPooling1d?(config: Record<string, unknown>): TfLayer;
    /** tfjs's Bidirectional config (`layer`, `mergeMode`), one operation around RNN Lens's recurrent layers. */
    bidirectional?(config: Record<string, unknown>): TfLayer;
}

/** The custom layers a build may do without. */
export type OptionalCustomLayer = 'cropping1d' | 'pooling1d' | 'globalPooling1d' | 'bidirectional';

export interface TfjsBuildContext {
    readonly tf: Tf;
    /** Every argument, bound and defaulted, as in the plain description. */
    readonly args: Readonly<Record<string, Value>>;
    /** The layer's input shape, batch first. */
    readonly input: Shape;
    /** Spread into the tfjs config: `{ ...context.base, units: 30 }`. */
    readonly base: TfjsBaseConfig;
    readonly custom: TfjsCustomLayers;
    /**
     * Build tfjs's own layers wherever they compute what Keras does (the benchmark's baseline,
     * the tfjs code export). Otherwise RNN Lens's recurrent layers and Conv1D, each one operation
     * computed in its wasm kernels.
     */
    readonly stockLayers?: boolean;
    /** The layer's whole description, its wrapped layer and cells included (RNN builds from its cell's arguments). */
    readonly description?: LayerDescription;
    /**
     * A Keras mask may reach the layer (a Masking layer, or Embedding(mask_zero=True), somewhere
     * before it): for what computes differently with a mask (RNN over stacked cells going backwards).
     */
    readonly masked?: boolean;
    /** Builds the wrapped layer of a wrapper. */
    readonly buildInner?: () => TfLayer;
    /** Keras names → tfjs identifiers; each throws `NotTrainable` for what tfjs cannot do. */
    activation(value: Value): string | undefined;
    initializer(value: Value): unknown;
    regularizer(value: Value): unknown;
    constraint(value: Value): unknown;
}

/**
 * One tfjs layer, or a chain of them that together compute the Keras layer (RNN over stacked
 * cells: one recurrent layer per cell), added to the model in order.
 */
export type TfjsBuild = (context: TfjsBuildContext) => TfLayer | readonly TfLayer[];

/** Thrown while building when a model uses something tfjs cannot train: said before training starts. */
export class NotTrainable extends Error {
    constructor(message: string, readonly argument?: string) {
        super(message);
        this.name = 'NotTrainable';
    }
}
