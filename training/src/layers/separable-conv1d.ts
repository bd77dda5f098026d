/**
 * RNN Lens's SeparableConv1D (tfjs has none): a depthwise convolution per input channel
 * (tfjs's depthwiseConv2d on an added axis, or the tap sum with dilation > 1, where tfjs has no
 * gradient), then a pointwise (1-step) convolution, as Keras 3 / TF's separable_conv2d. Keras's
 * weights: `depthwise_kernel` [k, C_in, depth_multiplier], `pointwise_kernel`
 * [1, C_in · depth_multiplier, filters], `bias` [filters].
 */
import type * as tfjs from '@tensorflow/tfjs';
import {
    addLayerWeight, convOutputShape, convWindow, convWindowConfig, inChannelsLast, registered, singleShape,
    stepsAndChannels, weightConfig, weightOptions, type ConvWindow, type ConvWindowConfig, type WeightOptions
} from './conv-config.js';
import { convLength, padForConv, validDepthwise } from './conv-ops.js';

type Tf = typeof tfjs;
type Tensor = tfjs.Tensor;

export interface KerasSeparableConv1DConfig extends ConvWindowConfig<'valid' | 'same'> {
    readonly depthMultiplier?: number;
    readonly depthwiseInitializer?: unknown;
    readonly pointwiseInitializer?: unknown;
    readonly biasInitializer?: unknown;
    readonly depthwiseRegularizer?: unknown;
    readonly pointwiseRegularizer?: unknown;
    readonly biasRegularizer?: unknown;
    readonly depthwiseConstraint?: unknown;
    readonly pointwiseConstraint?: unknown;
    readonly biasConstraint?: unknown;
}

export const KERAS_SEPARABLE_CONV1D_CLASS = 'RnnLensSeparableConv1D';

type Ctor = new (config: KerasSeparableConv1DConfig) => tfjs.layers.Layer;

export function kerasSeparableConv1DClass(tf: Tf): Ctor {
    return registered(tf, KERAS_SEPARABLE_CONV1D_CLASS, () => defineClass(tf));
}

function defineClass(tf: Tf): Ctor {
    class RnnLensSeparableConv1D extends tf.layers.Layer {
        static className = KERAS_SEPARABLE_CONV1D_CLASS;
        readonly depthMultiplier: number;
        readonly window: ConvWindow<'valid' | 'same'>;
        private readonly options: Record<'depthwise' | 'pointwise' | 'bias', WeightOptions>;
        private depthwise?: tfjs.LayerVariable;
        private pointwise?: tfjs.LayerVariable;
        private bias?: tfjs.LayerVariable;

        constructor(config: KerasSeparableConv1DConfig) {
            super(config as ConstructorParameters<typeof tf.layers.Layer>[0]);
            this.depthMultiplier = config.depthMultiplier ?? 1;
            this.window = convWindow(tf, config, ['valid', 'same']);
            this.options = {
                depthwise: weightOptions(tf, config, 'depthwise', 'glorotUniform'),
                pointwise: weightOptions(tf, config, 'pointwise', 'glorotUniform'),
                bias: weightOptions(tf, config, 'bias', 'zeros')
            };
            this.supportsMasking = true;
            this.inputSpec = [{ ndim: 3 }];
        }

        override build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
            const [, channels] = stepsAndChannels(this.window.dataFormat, singleShape(inputShape));
            if (channels === null) throw new Error('the channels axis of the input must be known');
            const add = (name: string, shape: number[], o: WeightOptions) => addLayerWeight(this, name, shape, o);
            this.depthwise = add('depthwise_kernel', [this.window.kernelSize, channels, this.depthMultiplier], this.options.depthwise);
            this.pointwise = add('pointwise_kernel', [1, channels * this.depthMultiplier, this.window.filters], this.options.pointwise);
            if (this.window.useBias) this.bias = add('bias', [this.window.filters], this.options.bias);
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
                const padded = padForConv(tf, x, w.padding, w.kernelSize, w.strides, w.dilationRate);
                const depth = validDepthwise(tf, padded, this.depthwise!.read() as tfjs.Tensor3D, w.strides, w.dilationRate);
                const [batch, steps, mixed] = depth.shape;
                const pointwise = tf.reshape(this.pointwise!.read(), [mixed, w.filters]);
                let y: Tensor = tf.reshape(tf.matMul(tf.reshape(depth, [batch * steps, mixed]), pointwise), [batch, steps, w.filters]);
                if (this.bias) y = tf.add(y, this.bias.read());
                return w.activate(y);
            }));
        }

        override getConfig(): tfjs.serialization.ConfigDict {
            return {
                ...super.getConfig(),
                ...convWindowConfig(this.window),
                depthMultiplier: this.depthMultiplier,
                ...weightConfig('depthwise', this.options.depthwise),
                ...weightConfig('pointwise', this.options.pointwise),
                ...weightConfig('bias', this.options.bias)
            } as tfjs.serialization.ConfigDict;
        }
    }
    return RnnLensSeparableConv1D as unknown as Ctor;
}
