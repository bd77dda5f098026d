/**
 * RNN Lens's pooling layers, for what tfjs's do differently from Keras: tfjs's Pooling1D and
 * GlobalPooling1D have no data_format (channels_first pools the wrong axis) and no keepdims, and
 * tfjs's GlobalAveragePooling1D ignores the mask where Keras 3 averages over the unmasked steps.
 * Windowed pooling is TF's max_pool / avg_pool (SAME: the padding is never the maximum and is
 * not counted in the average), one operation with its own gradient (fast-pooling.ts); training
 * uses it in place of tfjs's for that reason too.
 */
import type * as tfjs from '@tensorflow/tfjs';
import {
    one, registered, shapeOf, singleShape, singleTensor, stepsAndChannels, swapSteps, type BaseLayerConfig, type DataFormat
} from './conv-config.js';
import { poolLength, samePadding } from './conv-ops.js';
import { fastPool1D } from './fast-pooling.js';

type Tf = typeof tfjs;
type Tensor = tfjs.Tensor;

export type PoolMode = 'max' | 'avg';

export interface KerasPooling1DConfig extends BaseLayerConfig {
    readonly mode: PoolMode;
    readonly poolSize?: number | number[];
    /** null: pool_size (Keras's default). */
    readonly strides?: number | number[] | null;
    readonly padding?: 'valid' | 'same';
    readonly dataFormat?: DataFormat;
}

export interface KerasGlobalPooling1DConfig extends BaseLayerConfig {
    readonly mode: PoolMode;
    readonly dataFormat?: DataFormat;
    readonly keepdims?: boolean;
}

export const KERAS_POOLING1D_CLASS = 'RnnLensPooling1D';
export const KERAS_GLOBAL_POOLING1D_CLASS = 'RnnLensGlobalPooling1D';

type Ctor<C> = new (config: C) => tfjs.layers.Layer;

function checkMode(mode: unknown): PoolMode {
    if (mode !== 'max' && mode !== 'avg') throw new Error(`unknown pooling mode "${String(mode)}"`);
    return mode;
}

export function kerasPooling1DClass(tf: Tf): Ctor<KerasPooling1DConfig> {
    return registered(tf, KERAS_POOLING1D_CLASS, () => {
        class RnnLensPooling1D extends tf.layers.Layer {
            static className = KERAS_POOLING1D_CLASS;
            readonly mode: PoolMode;
            readonly poolSize: number;
            readonly strides: number;
            readonly padding: 'valid' | 'same';
            readonly dataFormat: DataFormat;

            constructor(config: KerasPooling1DConfig) {
                super(config as ConstructorParameters<typeof tf.layers.Layer>[0]);
                this.mode = checkMode(config.mode);
                this.poolSize = one(config.poolSize, 2);
                this.strides = config.strides === null || config.strides === undefined ? this.poolSize : one(config.strides, this.poolSize);
                this.padding = config.padding ?? 'valid';
                this.dataFormat = config.dataFormat ?? 'channelsLast';
                this.supportsMasking = true;
                this.inputSpec = [{ ndim: 3 }];
            }

            override computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape {
                const shape = singleShape(inputShape);
                const [steps, channels] = stepsAndChannels(this.dataFormat, shape);
                return shapeOf(this.dataFormat, shape[0] ?? null, poolLength(steps, this.poolSize, this.strides, this.padding), channels);
            }

            override computeMask(): Tensor {
                return null as unknown as Tensor;
            }

            override call(inputs: Tensor | Tensor[]): Tensor {
                return tf.tidy(() => {
                    let x = singleTensor(inputs) as tfjs.Tensor3D;
                    if (this.dataFormat === 'channelsFirst') x = swapSteps(tf, x) as tfjs.Tensor3D;
                    const steps = x.shape[1];
                    const y = fastPool1D(tf, x, {
                        mode: this.mode, poolSize: this.poolSize, strides: this.strides,
                        padLeft: this.padding === 'same' ? samePadding(steps, this.poolSize, this.strides)[0] : 0,
                        outSteps: poolLength(steps, this.poolSize, this.strides, this.padding)!
                    });
                    return this.dataFormat === 'channelsFirst' ? swapSteps(tf, y) : y;
                });
            }

            override getConfig(): tfjs.serialization.ConfigDict {
                return {
                    ...super.getConfig(), mode: this.mode, poolSize: this.poolSize, strides: this.strides,
                    padding: this.padding, dataFormat: this.dataFormat
                } as tfjs.serialization.ConfigDict;
            }
        }
        return RnnLensPooling1D as unknown as Ctor<KerasPooling1DConfig>;
    });
}

export function kerasGlobalPooling1DClass(tf: Tf): Ctor<KerasGlobalPooling1DConfig> {
    return registered(tf, KERAS_GLOBAL_POOLING1D_CLASS, () => {
        class RnnLensGlobalPooling1D extends tf.layers.Layer {
            static className = KERAS_GLOBAL_POOLING1D_CLASS;
            readonly mode: PoolMode;
            readonly dataFormat: DataFormat;
            readonly keepdims: boolean;

            constructor(config: KerasGlobalPooling1DConfig) {
                super(config as ConstructorParameters<typeof tf.layers.Layer>[0]);
                this.mode = checkMode(config.mode);
                this.dataFormat = config.dataFormat ?? 'channelsLast';
                this.keepdims = config.keepdims === true;
                this.supportsMasking = true;
                this.inputSpec = [{ ndim: 3 }];
            }

            override computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape {
                const shape = singleShape(inputShape);
                const [, channels] = stepsAndChannels(this.dataFormat, shape);
                return this.keepdims ? shapeOf(this.dataFormat, shape[0] ?? null, 1, channels) : [shape[0] ?? null, channels];
            }

            override computeMask(): Tensor {
                return null as unknown as Tensor;
            }

            override call(inputs: Tensor | Tensor[], kwargs: Record<string, unknown>): Tensor {
                return tf.tidy(() => {
                    const x = singleTensor(inputs);
                    const axis = this.dataFormat === 'channelsFirst' ? 2 : 1;
                    const maskIn = (Array.isArray(kwargs?.mask) ? kwargs.mask[0] : kwargs?.mask) as Tensor | undefined | null;
                    if (this.mode === 'max') return tf.max(x, axis, this.keepdims); // Keras 3's ignores the mask
                    if (!maskIn) return tf.mean(x, axis, this.keepdims);
                    // Keras 3: Σ (x · mask) / Σ mask over the steps.
                    const mask = tf.expandDims(tf.cast(maskIn, x.dtype), this.dataFormat === 'channelsFirst' ? 1 : 2);
                    return tf.div(tf.sum(tf.mul(x, mask), axis, this.keepdims), tf.sum(mask, axis, this.keepdims));
                });
            }

            override getConfig(): tfjs.serialization.ConfigDict {
                return { ...super.getConfig(), mode: this.mode, dataFormat: this.dataFormat, keepdims: this.keepdims } as tfjs.serialization.ConfigDict;
            }
        }
        return RnnLensGlobalPooling1D as unknown as Ctor<KerasGlobalPooling1DConfig>;
    });
}
