/**
 * RNN Lens's weightless step-axis layers, as Keras's (tfjs has no ZeroPadding1D, Cropping1D
 * or UpSampling1D): zeros added before and after the steps, steps cut from both ends, each
 * step repeated `size` times in a row. Inputs are [batch, steps, features]; like Keras 3 they
 * drop an incoming mask.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { pair, registered, singleShape, singleTensor, type BaseLayerConfig } from './conv-config.js';
import { padSteps } from './conv-ops.js';

type Tf = typeof tfjs;
type Tensor = tfjs.Tensor;
type Tensor3D = tfjs.Tensor3D;

export interface KerasZeroPadding1DConfig extends BaseLayerConfig {
    /** Zero steps at both ends, or [before, after]; Keras's default 1. */
    readonly padding?: number | number[];
}

export interface KerasCropping1DConfig extends BaseLayerConfig {
    /** Steps cut at both ends, or [start, end]; Keras's default (1, 1). */
    readonly cropping?: number | number[];
}

export interface KerasUpSampling1DConfig extends BaseLayerConfig {
    /** How many times each step is repeated; Keras's default 2. */
    readonly size?: number;
}

interface StepsSpec {
    readonly className: string;
    /** The options kept (and written by getConfig), from the config. */
    options(config: Record<string, unknown>): Record<string, unknown>;
    length(steps: number, options: Record<string, unknown>): number;
    apply(tf: Tf, x: Tensor3D, options: Record<string, unknown>): Tensor3D;
}

type Ctor<C> = new (config: C) => tfjs.layers.Layer;

function defineStepsLayer<C>(tf: Tf, spec: StepsSpec): Ctor<C> {
    class StepsLayer extends tf.layers.Layer {
        static className = spec.className;
        private readonly options: Record<string, unknown>;

        constructor(config: C) {
            super(config as ConstructorParameters<typeof tf.layers.Layer>[0]);
            this.options = spec.options(config as Record<string, unknown>);
            this.supportsMasking = true;
            this.inputSpec = [{ ndim: 3 }];
        }

        override computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape {
            const [batch, steps, features] = singleShape(inputShape);
            return [batch ?? null, steps === null || steps === undefined ? null : spec.length(steps, this.options), features ?? null];
        }

        override computeMask(): Tensor {
            return null as unknown as Tensor;
        }

        override call(inputs: Tensor | Tensor[]): Tensor {
            return tf.tidy(() => spec.apply(tf, singleTensor(inputs), this.options));
        }

        override getConfig(): tfjs.serialization.ConfigDict {
            return { ...super.getConfig(), ...this.options } as tfjs.serialization.ConfigDict;
        }
    }
    Object.defineProperty(StepsLayer, 'name', { value: spec.className });
    return StepsLayer as unknown as Ctor<C>;
}

const ZERO_PADDING: StepsSpec = {
    className: 'RnnLensZeroPadding1D',
    options: c => ({ padding: pair(c.padding, 1) }),
    length: (steps, o) => steps + (o.padding as number[])[0] + (o.padding as number[])[1],
    apply: (tf, x, o) => padSteps(tf, x, (o.padding as number[])[0], (o.padding as number[])[1])
};

const CROPPING: StepsSpec = {
    className: 'RnnLensCropping1D',
    options: c => ({ cropping: pair(c.cropping, 1) }),
    length: (steps, o) => steps - (o.cropping as number[])[0] - (o.cropping as number[])[1],
    apply: (tf, x, o) => {
        const [start, end] = o.cropping as number[];
        return tf.slice(x, [0, start, 0], [-1, x.shape[1] - start - end, -1]);
    }
};

const UP_SAMPLING: StepsSpec = {
    className: 'RnnLensUpSampling1D',
    options: c => ({ size: typeof c.size === 'number' ? c.size : 2 }),
    length: (steps, o) => steps * (o.size as number),
    apply: (tf, x, o) => {
        const size = o.size as number;
        const [batch, steps, features] = x.shape;
        // a, b → a, a, b, b: each step tiled along a new axis after it.
        return tf.reshape(tf.tile(tf.expandDims(x, 2), [1, 1, size, 1]), [batch, steps * size, features]);
    }
};

export function kerasZeroPadding1DClass(tf: Tf): Ctor<KerasZeroPadding1DConfig> {
    return registered(tf, ZERO_PADDING.className, () => defineStepsLayer<KerasZeroPadding1DConfig>(tf, ZERO_PADDING));
}

export function kerasCropping1DClass(tf: Tf): Ctor<KerasCropping1DConfig> {
    return registered(tf, CROPPING.className, () => defineStepsLayer<KerasCropping1DConfig>(tf, CROPPING));
}

export function kerasUpSampling1DClass(tf: Tf): Ctor<KerasUpSampling1DConfig> {
    return registered(tf, UP_SAMPLING.className, () => defineStepsLayer<KerasUpSampling1DConfig>(tf, UP_SAMPLING));
}
