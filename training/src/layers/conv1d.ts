/**
 * RNN Lens's Conv1D: Keras's padding ("valid", "same" with TF's split, "causal": zeros in
 * front), strides, dilation_rate with gradients (tfjs's conv1d has none above 1), groups (tfjs
 * ignores them) and channels_first (tfjs's Conv1D returns channels-last steps under a
 * channels-first shape). Keras's weights: `kernel` [k, C_in / groups, filters], `bias` [filters].
 * Like Keras 3, it drops an incoming mask (tfjs would reject one).
 */
import type * as tfjs from '@tensorflow/tfjs';
import {
    addLayerWeight, convOutputShape, convWindow, convWindowConfig, inChannelsLast, registered, singleShape,
    stepsAndChannels, weightConfig, weightOptions, type ConvWindow, type ConvWindowConfig,
    type KernelBiasConfig, type WeightOptions
} from './conv-config.js';
import { fastConv1D } from './conv-kernel.js';
import { convLength, groupedConv, kernelSpan, padForConv, samePadding, type ConvPadding } from './conv-ops.js';

type Tf = typeof tfjs;
type Tensor = tfjs.Tensor;

export interface KerasConv1DConfig extends ConvWindowConfig<ConvPadding>, KernelBiasConfig {
    readonly groups?: number;
}

export const KERAS_CONV1D_CLASS = 'RnnLensConv1D';

type Ctor = new (config: KerasConv1DConfig) => tfjs.layers.Layer;

export function kerasConv1DClass(tf: Tf): Ctor {
    return registered(tf, KERAS_CONV1D_CLASS, () => defineClass(tf));
}

function defineClass(tf: Tf): Ctor {
    class RnnLensConv1D extends tf.layers.Layer {
        static className = KERAS_CONV1D_CLASS;
        readonly groups: number;
        readonly window: ConvWindow<ConvPadding>;
        private readonly kernelOptions: WeightOptions;
        private readonly biasOptions: WeightOptions;
        private kernel?: tfjs.LayerVariable;
        private bias?: tfjs.LayerVariable;

        constructor(config: KerasConv1DConfig) {
            super(config as ConstructorParameters<typeof tf.layers.Layer>[0]);
            this.groups = config.groups ?? 1;
            this.window = convWindow(tf, config, ['valid', 'same', 'causal']);
            this.kernelOptions = weightOptions(tf, config, 'kernel', 'glorotUniform');
            this.biasOptions = weightOptions(tf, config, 'bias', 'zeros');
            if (this.window.filters % this.groups !== 0) throw new Error(`groups=${this.groups} must divide filters=${this.window.filters}`);
            this.supportsMasking = true;
            this.inputSpec = [{ ndim: 3 }];
        }

        override build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
            const [, channels] = stepsAndChannels(this.window.dataFormat, singleShape(inputShape));
            if (channels === null) throw new Error('the channels axis of the input must be known');
            if (channels % this.groups !== 0) throw new Error(`groups=${this.groups} must divide the ${channels} input channels`);
            const add = (name: string, shape: number[], o: WeightOptions) => addLayerWeight(this, name, shape, o);
            this.kernel = add('kernel', [this.window.kernelSize, channels / this.groups, this.window.filters], this.kernelOptions);
            if (this.window.useBias) this.bias = add('bias', [this.window.filters], this.biasOptions);
            this.built = true;
        }

        override computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape {
            const w = this.window;
            return convOutputShape(w, inputShape, steps => convLength(steps, w.kernelSize, w.strides, w.dilationRate, w.padding));
        }

        override computeMask(): Tensor {
            return null as unknown as Tensor;
        }

        override call(inputs: Tensor | Tensor[]): Tensor {
            const w = this.window;
            return tf.tidy(() => inChannelsLast(tf, w.dataFormat, inputs, x => {
                if (this.groups === 1) {
                    // One operation computed in RNN Lens's wasm kernels (conv-kernel.ts).
                    const steps = x.shape[1];
                    const span = kernelSpan(w.kernelSize, w.dilationRate);
                    const padLeft = w.padding === 'causal' ? span - 1 : w.padding === 'same' ? samePadding(steps, span, w.strides)[0] : 0;
                    const outSteps = convLength(steps, w.kernelSize, w.strides, w.dilationRate, w.padding)!;
                    return w.activate(fastConv1D(tf, x as tfjs.Tensor3D, this.kernel!.read() as tfjs.Tensor3D, this.bias?.read() as tfjs.Tensor1D | undefined,
                        { stride: w.strides, dilation: w.dilationRate, padLeft, outSteps }));
                }
                const padded = padForConv(tf, x, w.padding, w.kernelSize, w.strides, w.dilationRate);
                let y: Tensor = groupedConv(tf, padded, this.kernel!.read() as tfjs.Tensor3D, w.strides, w.dilationRate, this.groups);
                if (this.bias) y = tf.add(y, this.bias.read());
                return w.activate(y);
            }));
        }

        override getConfig(): tfjs.serialization.ConfigDict {
            return {
                ...super.getConfig(),
                ...convWindowConfig(this.window),
                groups: this.groups,
                ...weightConfig('kernel', this.kernelOptions),
                ...weightConfig('bias', this.biasOptions)
            } as tfjs.serialization.ConfigDict;
        }
    }
    return RnnLensConv1D as unknown as Ctor;
}
