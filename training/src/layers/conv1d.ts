/**
 * RNN Lens's Conv1D: Keras's padding ("valid", "same" with TF's split, "causal": zeros in
 * front), strides, dilation_rate with gradients (tfjs's conv1d has none above 1), groups (tfjs
 * ignores them) and channels_first (tfjs's Conv1D returns channels-last steps under a
 * channels-first shape). Keras's weights: `kernel` [k, C_in / groups, filters], `bias` [filters].
 * Like Keras 3, it drops an incoming mask (tfjs would reject one).
 */
import type * as tfjs from '@tensorflow/tfjs';
import {
    activationOf, one, registered, shapeOf, singleShape, singleTensor, stepsAndChannels, swapSteps, weightConfig,
    weightOptions, type BaseLayerConfig, type DataFormat, type WeightOptions
} from './conv-config.js';
import { convLength, groupedConv, padForConv, type ConvPadding } from './conv-ops.js';

type Tf = typeof tfjs;
type Tensor = tfjs.Tensor;

export interface KerasConv1DConfig extends BaseLayerConfig {
    readonly filters: number;
    readonly kernelSize: number | number[];
    readonly strides?: number | number[];
    readonly padding?: ConvPadding;
    readonly dataFormat?: DataFormat;
    readonly dilationRate?: number | number[];
    readonly groups?: number;
    readonly activation?: string;
    readonly useBias?: boolean;
    readonly kernelInitializer?: unknown;
    readonly biasInitializer?: unknown;
    readonly kernelRegularizer?: unknown;
    readonly biasRegularizer?: unknown;
    readonly kernelConstraint?: unknown;
    readonly biasConstraint?: unknown;
}

export const KERAS_CONV1D_CLASS = 'RnnLensConv1D';

type Ctor = new (config: KerasConv1DConfig) => tfjs.layers.Layer;

export function kerasConv1DClass(tf: Tf): Ctor {
    return registered(tf, KERAS_CONV1D_CLASS, () => defineClass(tf));
}

function defineClass(tf: Tf): Ctor {
    class RnnLensConv1D extends tf.layers.Layer {
        static className = KERAS_CONV1D_CLASS;
        readonly filters: number;
        readonly kernelSize: number;
        readonly strides: number;
        readonly padding: ConvPadding;
        readonly dataFormat: DataFormat;
        readonly dilationRate: number;
        readonly groups: number;
        readonly useBias: boolean;
        private readonly activationName: string;
        private readonly activate: (x: Tensor) => Tensor;
        private readonly kernelOptions: WeightOptions;
        private readonly biasOptions: WeightOptions;
        private kernel?: tfjs.LayerVariable;
        private bias?: tfjs.LayerVariable;

        constructor(config: KerasConv1DConfig) {
            super(config as ConstructorParameters<typeof tf.layers.Layer>[0]);
            this.filters = config.filters;
            this.kernelSize = one(config.kernelSize, 1);
            this.strides = one(config.strides, 1);
            this.padding = config.padding ?? 'valid';
            this.dataFormat = config.dataFormat ?? 'channelsLast';
            this.dilationRate = one(config.dilationRate, 1);
            this.groups = config.groups ?? 1;
            this.useBias = config.useBias !== false;
            this.activationName = config.activation ?? 'linear';
            this.activate = activationOf(tf, this.activationName);
            this.kernelOptions = weightOptions(tf, config, 'kernel', 'glorotUniform');
            this.biasOptions = weightOptions(tf, config, 'bias', 'zeros');
            if (!['valid', 'same', 'causal'].includes(this.padding)) throw new Error(`unknown padding "${this.padding}"`);
            if (this.filters % this.groups !== 0) throw new Error(`groups=${this.groups} must divide filters=${this.filters}`);
            this.supportsMasking = true;
            this.inputSpec = [{ ndim: 3 }];
        }

        override build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
            const [, channels] = stepsAndChannels(this.dataFormat, singleShape(inputShape));
            if (channels === null) throw new Error('the channels axis of the input must be known');
            if (channels % this.groups !== 0) throw new Error(`groups=${this.groups} must divide the ${channels} input channels`);
            const add = (name: string, shape: number[], o: WeightOptions) =>
                this.addWeight(name, shape, 'float32', o.initializer as never, o.regularizer as never, true, o.constraint as never);
            this.kernel = add('kernel', [this.kernelSize, channels / this.groups, this.filters], this.kernelOptions);
            if (this.useBias) this.bias = add('bias', [this.filters], this.biasOptions);
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
                let y: Tensor = groupedConv(tf, x, this.kernel!.read() as tfjs.Tensor3D, this.strides, this.dilationRate, this.groups);
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
                groups: this.groups,
                activation: this.activationName,
                useBias: this.useBias,
                ...weightConfig('kernel', this.kernelOptions),
                ...weightConfig('bias', this.biasOptions)
            } as tfjs.serialization.ConfigDict;
        }
    }
    return RnnLensConv1D as unknown as Ctor;
}
