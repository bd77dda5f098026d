/**
 * RNN Lens's SeparableConv1D (tfjs has none): a depthwise convolution per input channel
 * (tfjs's depthwiseConv2d on an added axis, or the tap sum with dilation > 1, where tfjs has no
 * gradient), then a pointwise (1-step) convolution, as Keras 3 / TF's separable_conv2d. Keras's
 * weights: `depthwise_kernel` [k, C_in, depth_multiplier], `pointwise_kernel`
 * [1, C_in · depth_multiplier, filters], `bias` [filters].
 */
import type * as tfjs from '@tensorflow/tfjs';
import {
    activationOf, one, registered, shapeOf, singleShape, singleTensor, stepsAndChannels, swapSteps, weightConfig,
    weightOptions, type BaseLayerConfig, type DataFormat, type WeightOptions
} from './conv-config.js';
import { convLength, padForConv, validDepthwise } from './conv-ops.js';

type Tf = typeof tfjs;
type Tensor = tfjs.Tensor;

export interface KerasSeparableConv1DConfig extends BaseLayerConfig {
    readonly filters: number;
    readonly kernelSize: number | number[];
    readonly strides?: number | number[];
    readonly padding?: 'valid' | 'same';
    readonly dataFormat?: DataFormat;
    readonly dilationRate?: number | number[];
    readonly depthMultiplier?: number;
    readonly activation?: string;
    readonly useBias?: boolean;
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
        readonly filters: number;
        readonly kernelSize: number;
        readonly strides: number;
        readonly padding: 'valid' | 'same';
        readonly dataFormat: DataFormat;
        readonly dilationRate: number;
        readonly depthMultiplier: number;
        readonly useBias: boolean;
        private readonly activationName: string;
        private readonly activate: (x: Tensor) => Tensor;
        private readonly options: Record<'depthwise' | 'pointwise' | 'bias', WeightOptions>;
        private depthwise?: tfjs.LayerVariable;
        private pointwise?: tfjs.LayerVariable;
        private bias?: tfjs.LayerVariable;

        constructor(config: KerasSeparableConv1DConfig) {
            super(config as ConstructorParameters<typeof tf.layers.Layer>[0]);
            this.filters = config.filters;
            this.kernelSize = one(config.kernelSize, 1);
            this.strides = one(config.strides, 1);
            this.padding = config.padding ?? 'valid';
            this.dataFormat = config.dataFormat ?? 'channelsLast';
            this.dilationRate = one(config.dilationRate, 1);
            this.depthMultiplier = config.depthMultiplier ?? 1;
            this.useBias = config.useBias !== false;
            this.activationName = config.activation ?? 'linear';
            this.activate = activationOf(tf, this.activationName);
            this.options = {
                depthwise: weightOptions(tf, config, 'depthwise', 'glorotUniform'),
                pointwise: weightOptions(tf, config, 'pointwise', 'glorotUniform'),
                bias: weightOptions(tf, config, 'bias', 'zeros')
            };
            if (this.padding !== 'valid' && this.padding !== 'same') throw new Error(`unknown padding "${String(this.padding)}"`);
            this.supportsMasking = true;
            this.inputSpec = [{ ndim: 3 }];
        }

        override build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
            const [, channels] = stepsAndChannels(this.dataFormat, singleShape(inputShape));
            if (channels === null) throw new Error('the channels axis of the input must be known');
            const add = (name: string, shape: number[], o: WeightOptions) =>
                this.addWeight(name, shape, 'float32', o.initializer as never, o.regularizer as never, true, o.constraint as never);
            this.depthwise = add('depthwise_kernel', [this.kernelSize, channels, this.depthMultiplier], this.options.depthwise);
            this.pointwise = add('pointwise_kernel', [1, channels * this.depthMultiplier, this.filters], this.options.pointwise);
            if (this.useBias) this.bias = add('bias', [this.filters], this.options.bias);
            this.built = true;
        }

        override computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape {
            const shape = singleShape(inputShape);
            const [steps] = stepsAndChannels(this.dataFormat, shape);
            const length = convLength(steps, this.kernelSize, this.strides, this.dilationRate, this.padding);
            return shapeOf(this.dataFormat, shape[0] ?? null, length, this.filters);
        }

        override computeMask(): Tensor {
            return null as unknown as Tensor;
        }

        override call(inputs: Tensor | Tensor[]): Tensor {
            return tf.tidy(() => {
                let x = singleTensor(inputs);
                if (this.dataFormat === 'channelsFirst') x = swapSteps(tf, x);
                x = padForConv(tf, x, this.padding, this.kernelSize, this.strides, this.dilationRate);
                const depth = validDepthwise(tf, x, this.depthwise!.read() as tfjs.Tensor3D, this.strides, this.dilationRate);
                const [batch, steps, mixed] = depth.shape;
                const pointwise = tf.reshape(this.pointwise!.read(), [mixed, this.filters]);
                let y: Tensor = tf.reshape(tf.matMul(tf.reshape(depth, [batch * steps, mixed]), pointwise), [batch, steps, this.filters]);
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
                dataFormat: this.dataFormat,
                dilationRate: this.dilationRate,
                depthMultiplier: this.depthMultiplier,
                activation: this.activationName,
                useBias: this.useBias,
                ...weightConfig('depthwise', this.options.depthwise),
                ...weightConfig('pointwise', this.options.pointwise),
                ...weightConfig('bias', this.options.bias)
            } as tfjs.serialization.ConfigDict;
        }
    }
    return RnnLensSeparableConv1D as unknown as Ctor;
}
