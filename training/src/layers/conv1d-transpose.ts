/**
 * RNN Lens's Conv1DTranspose (tfjs has none): Keras 3's output length
 * (`compute_conv_transpose_output_shape`, with output_padding), TF's conv_transpose (the adjoint
 * of a convolution of that length, SAME's front padding cropped) for strides and dilation, with
 * gradients, and channels_first. Keras's weights: `kernel` [k, filters, C_in], `bias` [filters].
 */
import type * as tfjs from '@tensorflow/tfjs';
import {
    addLayerWeight, convOutputShape, convWindow, convWindowConfig, inChannelsLast, one, registered,
    singleShape, stepsAndChannels, weightConfig, weightOptions, type ConvWindow, type ConvWindowConfig,
    type KernelBiasConfig, type WeightOptions
} from './conv-config.js';
import { transposeConv, transposeLength } from './conv-ops.js';

type Tf = typeof tfjs;
type Tensor = tfjs.Tensor;

export interface KerasConv1DTransposeConfig extends ConvWindowConfig<'valid' | 'same'>, KernelBiasConfig {
    /** None (null) lets Keras infer the length. */
    readonly outputPadding?: number | number[] | null;
}

export const KERAS_CONV1D_TRANSPOSE_CLASS = 'RnnLensConv1DTranspose';

type Ctor = new (config: KerasConv1DTransposeConfig) => tfjs.layers.Layer;

export function kerasConv1DTransposeClass(tf: Tf): Ctor {
    return registered(tf, KERAS_CONV1D_TRANSPOSE_CLASS, () => defineClass(tf));
}

function defineClass(tf: Tf): Ctor {
    class RnnLensConv1DTranspose extends tf.layers.Layer {
        static className = KERAS_CONV1D_TRANSPOSE_CLASS;
        readonly outputPadding: number | null;
        readonly window: ConvWindow<'valid' | 'same'>;
        private readonly kernelOptions: WeightOptions;
        private readonly biasOptions: WeightOptions;
        private kernel?: tfjs.LayerVariable;
        private bias?: tfjs.LayerVariable;

        constructor(config: KerasConv1DTransposeConfig) {
            super(config as ConstructorParameters<typeof tf.layers.Layer>[0]);
            this.outputPadding = config.outputPadding === null || config.outputPadding === undefined ? null : one(config.outputPadding, 0);
            this.window = convWindow(tf, config, ['valid', 'same']);
            this.kernelOptions = weightOptions(tf, config, 'kernel', 'glorotUniform');
            this.biasOptions = weightOptions(tf, config, 'bias', 'zeros');
            if (this.outputPadding !== null && this.outputPadding >= this.window.strides) {
                throw new Error(`output_padding=${this.outputPadding} must be smaller than strides=${this.window.strides}`);
            }
            this.supportsMasking = true;
            this.inputSpec = [{ ndim: 3 }];
        }

        override build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
            const [, channels] = stepsAndChannels(this.window.dataFormat, singleShape(inputShape));
            if (channels === null) throw new Error('the channels axis of the input must be known');
            const add = (name: string, shape: number[], o: WeightOptions) => addLayerWeight(this, name, shape, o);
            this.kernel = add('kernel', [this.window.kernelSize, this.window.filters, channels], this.kernelOptions);
            if (this.window.useBias) this.bias = add('bias', [this.window.filters], this.biasOptions);
            this.built = true;
        }

        private length(steps: number | null): number | null {
            return transposeLength(steps, this.window.kernelSize, this.window.strides, this.window.dilationRate, this.window.padding, this.outputPadding);
        }

        override computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape {
            return convOutputShape(this.window, inputShape, steps => this.length(steps));
        }

        override computeMask(): Tensor {
            return null as unknown as Tensor;
        }

        override call(inputs: Tensor | Tensor[]): Tensor {
            const w = this.window;
            return tf.tidy(() => inChannelsLast(tf, w.dataFormat, inputs, x => {
                const out = this.length(x.shape[1])!;
                let y: Tensor = transposeConv(tf, x, this.kernel!.read() as tfjs.Tensor3D, w.strides, w.dilationRate, w.padding, out);
                if (this.bias) y = tf.add(y, this.bias.read());
                return w.activate(y);
            }));
        }

        override getConfig(): tfjs.serialization.ConfigDict {
            return {
                ...super.getConfig(),
                ...convWindowConfig(this.window),
                outputPadding: this.outputPadding,
                ...weightConfig('kernel', this.kernelOptions),
                ...weightConfig('bias', this.biasOptions)
            } as tfjs.serialization.ConfigDict;
        }
    }
    return RnnLensConv1DTranspose as unknown as Ctor;
}
