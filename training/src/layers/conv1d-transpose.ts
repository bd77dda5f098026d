/**
 * RNN Lens's Conv1DTranspose (tfjs has none): Keras 3's output length
 * (`compute_conv_transpose_output_shape`, with output_padding), TF's conv_transpose (the adjoint
 * of a convolution of that length, SAME's front padding cropped) for strides and dilation, with
 * gradients, and channels_first. Keras's weights: `kernel` [k, filters, C_in], `bias` [filters].
 */
import type * as tfjs from '@tensorflow/tfjs';
import {
    activationOf, one, registered, shapeOf, singleShape, singleTensor, stepsAndChannels, swapSteps, weightConfig,
    weightOptions, type BaseLayerConfig, type DataFormat, type WeightOptions
} from './conv-config.js';
import { transposeConv, transposeLength } from './conv-ops.js';

type Tf = typeof tfjs;
type Tensor = tfjs.Tensor;

export interface KerasConv1DTransposeConfig extends BaseLayerConfig {
    readonly filters: number;
    readonly kernelSize: number | number[];
    readonly strides?: number | number[];
    readonly padding?: 'valid' | 'same';
    /** None (null) lets Keras infer the length. */
    readonly outputPadding?: number | number[] | null;
    readonly dataFormat?: DataFormat;
    readonly dilationRate?: number | number[];
    readonly activation?: string;
    readonly useBias?: boolean;
    readonly kernelInitializer?: unknown;
    readonly biasInitializer?: unknown;
    readonly kernelRegularizer?: unknown;
    readonly biasRegularizer?: unknown;
    readonly kernelConstraint?: unknown;
    readonly biasConstraint?: unknown;
}

export const KERAS_CONV1D_TRANSPOSE_CLASS = 'RnnLensConv1DTranspose';

type Ctor = new (config: KerasConv1DTransposeConfig) => tfjs.layers.Layer;

export function kerasConv1DTransposeClass(tf: Tf): Ctor {
    return registered(tf, KERAS_CONV1D_TRANSPOSE_CLASS, () => defineClass(tf));
}

function defineClass(tf: Tf): Ctor {
    class RnnLensConv1DTranspose extends tf.layers.Layer {
        static className = KERAS_CONV1D_TRANSPOSE_CLASS;
        readonly filters: number;
        readonly kernelSize: number;
        readonly strides: number;
        readonly padding: 'valid' | 'same';
        readonly outputPadding: number | null;
        readonly dataFormat: DataFormat;
        readonly dilationRate: number;
        readonly useBias: boolean;
        private readonly activationName: string;
        private readonly activate: (x: Tensor) => Tensor;
        private readonly kernelOptions: WeightOptions;
        private readonly biasOptions: WeightOptions;
        private kernel?: tfjs.LayerVariable;
        private bias?: tfjs.LayerVariable;

        constructor(config: KerasConv1DTransposeConfig) {
            super(config as ConstructorParameters<typeof tf.layers.Layer>[0]);
            this.filters = config.filters;
            this.kernelSize = one(config.kernelSize, 1);
            this.strides = one(config.strides, 1);
            this.padding = config.padding ?? 'valid';
            this.outputPadding = config.outputPadding === null || config.outputPadding === undefined ? null : one(config.outputPadding, 0);
            this.dataFormat = config.dataFormat ?? 'channelsLast';
            this.dilationRate = one(config.dilationRate, 1);
            this.useBias = config.useBias !== false;
            this.activationName = config.activation ?? 'linear';
            this.activate = activationOf(tf, this.activationName);
            this.kernelOptions = weightOptions(tf, config, 'kernel', 'glorotUniform');
            this.biasOptions = weightOptions(tf, config, 'bias', 'zeros');
            if (this.padding !== 'valid' && this.padding !== 'same') throw new Error(`unknown padding "${String(this.padding)}"`);
            if (this.outputPadding !== null && this.outputPadding >= this.strides) {
                throw new Error(`output_padding=${this.outputPadding} must be smaller than strides=${this.strides}`);
            }
            this.supportsMasking = true;
            this.inputSpec = [{ ndim: 3 }];
        }

        override build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
            const [, channels] = stepsAndChannels(this.dataFormat, singleShape(inputShape));
            if (channels === null) throw new Error('the channels axis of the input must be known');
            const add = (name: string, shape: number[], o: WeightOptions) =>
                this.addWeight(name, shape, 'float32', o.initializer as never, o.regularizer as never, true, o.constraint as never);
            this.kernel = add('kernel', [this.kernelSize, this.filters, channels], this.kernelOptions);
            if (this.useBias) this.bias = add('bias', [this.filters], this.biasOptions);
            this.built = true;
        }

        private length(steps: number | null): number | null {
            return transposeLength(steps, this.kernelSize, this.strides, this.dilationRate, this.padding, this.outputPadding);
        }

        override computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape {
            const shape = singleShape(inputShape);
            const [steps] = stepsAndChannels(this.dataFormat, shape);
            return shapeOf(this.dataFormat, shape[0] ?? null, this.length(steps), this.filters);
        }

        override computeMask(): Tensor {
            return null as unknown as Tensor;
        }

        override call(inputs: Tensor | Tensor[]): Tensor {
            return tf.tidy(() => {
                let x = singleTensor(inputs);
                if (this.dataFormat === 'channelsFirst') x = swapSteps(tf, x);
                const out = this.length(x.shape[1])!;
                let y: Tensor = transposeConv(tf, x, this.kernel!.read() as tfjs.Tensor3D, this.strides, this.dilationRate, this.padding, out);
                if (this.bias) y = tf.add(y, this.bias.read());
                y = this.activate(y);
                return this.dataFormat === 'channelsFirst' ? swapSteps(tf, y) : y;
            });
        }

        override getConfig(): tfjs.serialization.ConfigDict {
            return {
                ...super.getConfig(),
                filters: this.filters,
                kernelSize: this.kernelSize,
                strides: this.strides,
                padding: this.padding,
                outputPadding: this.outputPadding,
                dataFormat: this.dataFormat,
                dilationRate: this.dilationRate,
                activation: this.activationName,
                useBias: this.useBias,
                ...weightConfig('kernel', this.kernelOptions),
                ...weightConfig('bias', this.biasOptions)
            } as tfjs.serialization.ConfigDict;
        }
    }
    return RnnLensConv1DTranspose as unknown as Ctor;
}
