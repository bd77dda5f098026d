/**
 * The tfjs builds of the conv family (Conv1D, Conv1DTranspose, SeparableConv1D, pooling,
 * ZeroPadding1D, Cropping1D, UpSampling1D): on real tensors (cpu backend) every layer's output
 * shape is RNN Lens's analysis, its trainable / non-trainable weight counts are Keras's, a
 * training step changes the weights with a finite loss, nothing leaks; RNN Lens's own layers
 * equal references computed another way; and what tfjs's stock layers really do differently.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TfjsCustomLayers } from '../../../language/src/catalog/tfjs-build.js';
import { buildTfjsModel } from '../../../training/src/build/build-model.js';
import { analyse, checkLayerStack, randomTensor } from './layer-kit.js';
import { createConvLayers } from '../../../training/src/layers/conv-layers.js';
import { tapConv, tapDepthwise, transposeConv, validConv } from '../../../training/src/layers/conv-ops.js';

beforeAll(async () => {
    await tf.setBackend('cpu');
});

const conv = createConvLayers(tf);
const custom: TfjsCustomLayers = {
    ...conv,
    recurrent: () => { throw new Error('recurrent layers are not part of this test'); }
};

const checkModel = (input: string, layers: string, options: { integers?: number } = {}) => checkLayerStack(custom, input, layers, options);



type Case = [title: string, input: string, layers: string, integers?: number];

function cases(title: string, list: Case[]): void {
    describe(title, () => {
        for (const [name, input, layers, integers] of list) {
            it(name, async () => { await checkModel(input, layers, { integers }); });
        }
    });
}

cases('Conv1D builds, matches the analysis and trains', [
    ['valid (stock tfjs)', '(10, 4)', 'Conv1D(6, 3)'],
    ['same, strides, even kernel (stock tfjs)', '(10, 4)', 'Conv1D(6, 4, strides=3, padding="same")'],
    ['valid, strides dropping steps (stock tfjs)', '(11, 4)', 'Conv1D(2, 3, strides=3)'],
    ['causal', '(10, 4)', 'Conv1D(6, 3, padding="causal")'],
    ['causal, dilated', '(10, 4)', 'Conv1D(6, 3, padding="causal", dilation_rate=2)'],
    ['causal, strides', '(9, 4)', 'Conv1D(3, 3, padding="causal", strides=2)'],
    ['valid, dilated', '(12, 3)', 'Conv1D(5, 3, dilation_rate=3)'],
    ['same, dilated, even kernel', '(10, 3)', 'Conv1D(5, 2, padding="same", dilation_rate=2)'],
    ['groups', '(10, 4)', 'Conv1D(6, 3, groups=2)'],
    ['groups, causal, dilated (depthwise-like)', '(10, 4)', 'Conv1D(4, 2, groups=4, padding="causal", dilation_rate=2)'],
    ['channels_first', '(4, 10)', 'Conv1D(6, 3, data_format="channels_first")\nConv1D(2, 2, padding="same", strides=2, data_format="channels_first")'],
    ['no bias, relu, l2, max_norm, he_normal', '(10, 4)', 'Conv1D(3, 2, use_bias=False, activation="relu", kernel_regularizer="l2", kernel_constraint="max_norm", kernel_initializer="he_normal")'],
    ['trainable=False (custom and stock)', '(10, 4)', 'Conv1D(3, 2, padding="causal", trainable=False)\nConv1D(3, 2, trainable=False)\nConv1D(2, 2)'],
    ['after a masked Embedding (Keras drops the mask)', '(8,)', 'Embedding(10, 4, mask_zero=True)\nConv1D(3, 2, padding="causal")\nGlobalMaxPooling1D()', 10]
]);

cases('Conv1DTranspose builds, matches the analysis and trains', [
    ['defaults', '(6, 3)', 'Conv1DTranspose(4, 3)'],
    ['strides larger than the kernel', '(6, 3)', 'Conv1DTranspose(4, 2, strides=3)'],
    ['same, strides', '(6, 3)', 'Conv1DTranspose(4, 3, strides=2, padding="same")'],
    ['valid, output_padding', '(6, 3)', 'Conv1DTranspose(4, 3, strides=2, output_padding=1)'],
    ['same, output_padding', '(6, 3)', 'Conv1DTranspose(4, 3, strides=2, padding="same", output_padding=1)'],
    ['dilated', '(6, 3)', 'Conv1DTranspose(4, 3, dilation_rate=2)'],
    ['same, dilated, even kernel', '(6, 3)', 'Conv1DTranspose(2, 2, dilation_rate=3, padding="same")'],
    ['channels_first, no bias, tanh', '(3, 6)', 'Conv1DTranspose(4, 3, strides=2, data_format="channels_first", use_bias=False, activation="tanh")']
]);

cases('SeparableConv1D builds, matches the analysis and trains', [
    ['defaults', '(10, 4)', 'SeparableConv1D(6, 3)'],
    ['depth_multiplier', '(10, 4)', 'SeparableConv1D(6, 3, depth_multiplier=3)'],
    ['same, strides', '(10, 4)', 'SeparableConv1D(5, 4, strides=3, padding="same")'],
    ['dilated', '(10, 4)', 'SeparableConv1D(5, 3, dilation_rate=2, depth_multiplier=2)'],
    ['channels_first, no bias, l1 regularizers', '(4, 10)', 'SeparableConv1D(5, 3, data_format="channels_first", use_bias=False, depthwise_regularizer="l1", pointwise_regularizer="l2")']
]);

cases('pooling builds, matches the analysis and trains', [
    ['MaxPooling1D defaults (strides = pool_size), dropping a step', '(11, 4)', 'Conv1D(3, 1)\nMaxPooling1D()'],
    ['MaxPooling1D same, strides', '(10, 4)', 'Conv1D(3, 1)\nMaxPooling1D(3, strides=2, padding="same")'],
    ['AveragePooling1D same', '(10, 4)', 'Conv1D(3, 1)\nAveragePooling1D(4, padding="same")'],
    ['AveragePooling1D valid, strides', '(10, 4)', 'Conv1D(3, 1)\nAveragePooling1D(3, strides=2)'],
    ['channels_first windowed pooling', '(4, 10)', 'Conv1D(3, 1, data_format="channels_first")\nMaxPooling1D(3, data_format="channels_first")\nAveragePooling1D(2, padding="same", data_format="channels_first")'],
    ['GlobalMaxPooling1D, GlobalAveragePooling1D', '(10, 4)', 'Conv1D(3, 2)\nGlobalMaxPooling1D()\nDense(2)'],
    ['GlobalAveragePooling1D', '(10, 4)', 'Conv1D(3, 2)\nGlobalAveragePooling1D()'],
    ['global keepdims', '(10, 4)', 'Conv1D(3, 2)\nGlobalAveragePooling1D(keepdims=True)\nGlobalMaxPooling1D(keepdims=True)'],
    ['global channels_first', '(4, 10)', 'Conv1D(3, 2, data_format="channels_first")\nGlobalMaxPooling1D(data_format="channels_first", keepdims=True)\nGlobalAveragePooling1D(data_format="channels_first")'],
    ['GlobalAveragePooling1D after a masked Embedding', '(8,)', 'Embedding(10, 4, mask_zero=True)\nGlobalAveragePooling1D()\nDense(1)', 10]
]);

cases('ZeroPadding1D, Cropping1D, UpSampling1D build, match the analysis and train', [
    ['ZeroPadding1D default and (before, after)', '(6, 3)', 'ZeroPadding1D()\nZeroPadding1D((2, 0))\nConv1D(2, 3)'],
    ['Cropping1D default and (start, end)', '(9, 3)', 'Conv1D(2, 2)\nCropping1D()\nCropping1D((2, 0))'],
    ['UpSampling1D default and size', '(4, 3)', 'Conv1D(2, 2)\nUpSampling1D()\nUpSampling1D(3)'],
    ['a small conv net', '(16, 2)', 'Conv1D(8, 3, padding="causal", dilation_rate=2, activation="relu")\nMaxPooling1D()\nSeparableConv1D(8, 3, padding="same")\nUpSampling1D()\nZeroPadding1D(1)\nCropping1D((1, 1))\nConv1DTranspose(4, 3, strides=2, padding="same")\nGlobalAveragePooling1D()\nDense(1)']
]);

describe('what tfjs cannot train is said before training', () => {
    const refused: Array<[string, string, string]> = [
        ['(10, 4)', 'Conv1D(3, 2, lora_rank=2)', 'lora_rank'],
        ['(10, 4)', 'Conv1D(3, 2, activity_regularizer="l2")', 'activity regularizer'],
        ['(10, 4)', 'SeparableConv1D(3, 2, activity_regularizer="l2")', 'activity regularizer'],
        ['(10, 4)', 'Conv1DTranspose(3, 2, activation="log_softmax")', 'log_softmax']
    ];
    for (const [input, layer, mention] of refused) {
        it(layer, () => {
            const built = buildTfjsModel(tf, analyse(input, layer), custom);
            expect(built.ok).toBe(false);
            if (!built.ok) expect(built.problems[0].message).toContain(mention);
        });
    }
    it('without RNN Lens\'s extra layers, Cropping1D and channels_first pooling are refused, not built wrong', () => {
        const bare: TfjsCustomLayers = { ...custom };
        for (const key of ['cropping1d', 'pooling1d', 'globalPooling1d']) delete (bare as unknown as Record<string, unknown>)[key];
        for (const [layer, mention] of [['Cropping1D()', 'Cropping1D'], ['MaxPooling1D(data_format="channels_first")', 'channels_first'], ['GlobalMaxPooling1D(keepdims=True)', 'keepdims']]) {
            const built = buildTfjsModel(tf, analyse('(10, 4)', layer), bare);
            expect(built.ok, layer).toBe(false);
            if (!built.ok) expect(built.problems[0].message).toContain(mention);
        }
    });
});

// ---------------------------------------------------------------------------------------------
// RNN Lens's own layers against references computed another way.

/** Max |a − b|, both disposed. */
function maxDiff(a: tf.Tensor, b: tf.Tensor): number {
    expect(a.shape).toEqual(b.shape);
    const d = tf.tidy(() => tf.max(tf.abs(tf.sub(a, b))).dataSync()[0]);
    tf.dispose([a, b]);
    return d;
}

/** Builds a layer from the factory on `input` (batch included) and sets its weights. */
function built<L extends tf.layers.Layer>(layer: L, input: number[], weights: tf.Tensor[]): L {
    layer.apply(tf.input({ batchShape: input })); // builds it, and lets dispose() free its weights
    layer.setWeights(weights);
    return layer;
}

function leakFree(body: () => void): void {
    const before = tf.memory().numTensors;
    body();
    expect(tf.memory().numTensors).toBe(before);
}

describe('the tap-sum convolution equals tfjs\'s conv1d', () => {
    it('forwards, for strides 1–3 and dilations 1–3 (tfjs\'s dilated conv1d runs forwards)', () => leakFree(() => {
        for (const [s, d] of [[1, 1], [2, 1], [3, 1], [1, 2], [1, 3]]) {
            const x = randomTensor([2, 13, 3], s * 10 + d) as tf.Tensor3D;
            const k = randomTensor([3, 3, 5], 99) as tf.Tensor3D;
            expect(maxDiff(tapConv(tf, x, k, s, d), tf.conv1d(x, k, s, 'valid', 'NWC', d)), `s=${s} d=${d}`).toBeLessThan(1e-5);
            tf.dispose([x, k]);
        }
    }));
    it('in its gradients (dilation 1, where tfjs has them)', () => leakFree(() => {
        const x = randomTensor([2, 9, 3], 1) as tf.Tensor3D;
        const k = randomTensor([2, 3, 4], 2) as tf.Tensor3D;
        const w = randomTensor([2, 8, 4], 3);
        const gradOf = (f: (x: tf.Tensor3D, k: tf.Tensor3D) => tf.Tensor) => tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.mul(f(a as tf.Tensor3D, b as tf.Tensor3D), w)))([x, k]);
        const [gx1, gk1] = gradOf((a, b) => tapConv(tf, a, b, 1, 1));
        const [gx2, gk2] = gradOf((a, b) => tf.conv1d(a, b, 1, 'valid'));
        expect(maxDiff(gx1, gx2)).toBeLessThan(1e-5);
        expect(maxDiff(gk1, gk2)).toBeLessThan(1e-5);
        tf.dispose([x, k, w]);
    }));
    it('has gradients with dilation, where tfjs\'s conv1d throws', () => {
        const x = randomTensor([2, 9, 3], 1) as tf.Tensor3D;
        const k = randomTensor([2, 3, 4], 2) as tf.Tensor3D;
        // (tfjs leaks the tape's tensors when a gradient throws: counted from after it.)
        expect(() => tf.tidy(() => tf.grad((b: tf.Tensor) => tf.sum(tf.conv1d(x, b as tf.Tensor3D, 1, 'valid', 'NWC', 2)))(k))).toThrow(/dilation/);
        leakFree(() => {
            // The dilated kernel as a dense kernel with zeros between the taps: d = 1 of a longer kernel.
            const [g1] = tf.grads((b: tf.Tensor) => tf.sum(tf.square(validConv(tf, x, b as tf.Tensor3D, 1, 2))))([k]);
            const dense = tf.tidy(() => tf.stack([tf.unstack(k)[0], tf.zeros([3, 4]), tf.unstack(k)[1]]) as tf.Tensor3D);
            const g2 = tf.grad((b: tf.Tensor) => tf.sum(tf.square(tf.conv1d(x, b as tf.Tensor3D, 1, 'valid'))))(dense);
            expect(maxDiff(g1, tf.gather(g2, [0, 2]))).toBeLessThan(1e-4);
            expect(tf.tidy(() => tf.sum(tf.abs(tf.gather(g2, [1]))).dataSync()[0])).toBeGreaterThan(0);
            tf.dispose([dense, g2]);
        });
        tf.dispose([x, k]);
    });
});

describe('RNN Lens\'s Conv1D equals references', () => {
    const input = [2, 11, 4];
    function pair(config: Record<string, unknown>, seed = 5): { own: tf.layers.Layer; kernel: tf.Tensor; bias: tf.Tensor } {
        const kernel = randomTensor([config.kernelSize as number, 4 / ((config.groups as number) ?? 1), config.filters as number], seed);
        const bias = randomTensor([config.filters as number], seed + 1);
        const own = built(conv.conv1d(config), input, [kernel, bias]);
        return { own, kernel, bias };
    }
    it('causal == left zero-padding then a valid tfjs conv1d', () => leakFree(() => {
        for (const [k, d, s] of [[3, 1, 1], [3, 2, 1], [2, 4, 1], [3, 1, 2]]) {
            const { own, kernel, bias } = pair({ filters: 3, kernelSize: k, padding: 'causal', dilationRate: d, strides: s });
            const x = randomTensor(input, 11);
            const padded = tf.pad(x, [[0, 0], [(k - 1) * d, 0], [0, 0]]);
            const reference = tf.tidy(() => tf.add(tf.conv1d(padded as tf.Tensor3D, kernel as tf.Tensor3D, s, 'valid', 'NWC', d), bias));
            expect(maxDiff(own.apply(x) as tf.Tensor, reference), `k=${k} d=${d} s=${s}`).toBeLessThan(1e-5);
            tf.dispose([x, padded, kernel, bias]);
            own.dispose();
        }
    }));
    it('same == tfjs\'s conv1d with padding "same" (TF\'s split), dilated and strided', () => leakFree(() => {
        for (const [k, d, s] of [[4, 1, 1], [3, 1, 3], [4, 1, 2], [2, 3, 1], [3, 2, 1]]) {
            const { own, kernel, bias } = pair({ filters: 3, kernelSize: k, padding: 'same', dilationRate: d, strides: s, dataFormat: 'channelsLast', groups: 1 });
            const x = randomTensor(input, 12);
            const reference = tf.tidy(() => tf.add(tf.conv1d(x as tf.Tensor3D, kernel as tf.Tensor3D, s, 'same', 'NWC', d), bias));
            expect(maxDiff(own.apply(x) as tf.Tensor, reference), `k=${k} d=${d} s=${s}`).toBeLessThan(1e-5);
            tf.dispose([x, kernel, bias]);
            own.dispose();
        }
    }));
    it('groups == one conv1d with a block-diagonal kernel', () => leakFree(() => {
        const { own, kernel, bias } = pair({ filters: 6, kernelSize: 3, groups: 2, padding: 'causal', dilationRate: 2 });
        const x = randomTensor(input, 13);
        // Group g: input channels 2g, 2g+1 → filters 3g..3g+2.
        const reference = tf.tidy(() => {
            const [k0, k1] = tf.split(kernel, 2, 2);
            const zeros = tf.zeros([3, 2, 3]);
            const full = tf.concat([tf.concat([k0, zeros], 2), tf.concat([zeros, k1], 2)], 1) as tf.Tensor3D;
            const padded = tf.pad(x, [[0, 0], [4, 0], [0, 0]]) as tf.Tensor3D;
            return tf.add(tf.conv1d(padded, full, 1, 'valid', 'NWC', 2), bias);
        });
        expect(maxDiff(own.apply(x) as tf.Tensor, reference)).toBeLessThan(1e-5);
        tf.dispose([x, kernel, bias]);
        own.dispose();
    }));
    it('channels_first == channels_last on the transposed input, transposed back', () => leakFree(() => {
        const last = pair({ filters: 3, kernelSize: 3, padding: 'same', strides: 2 });
        const kernel = last.own.getWeights().map(w => w.clone());
        const first = built(conv.conv1d({ filters: 3, kernelSize: 3, padding: 'same', strides: 2, dataFormat: 'channelsFirst' }), [2, 4, 11], kernel);
        const x = randomTensor(input, 14);
        const xt = tf.transpose(x, [0, 2, 1]);
        expect(maxDiff(tf.tidy(() => tf.transpose(first.apply(xt) as tf.Tensor, [0, 2, 1])), last.own.apply(x) as tf.Tensor)).toBeLessThan(1e-6);
        tf.dispose([x, xt, last.kernel, last.bias, ...kernel]);
        first.dispose();
        last.own.dispose();
    }));
});

describe('RNN Lens\'s Conv1DTranspose equals references', () => {
    it('== tfjs\'s conv2dTranspose on an added axis (dilation 1), valid and same, strided', () => leakFree(() => {
        for (const [k, s, padding, outputPadding] of [[3, 1, 'valid', null], [3, 2, 'valid', null], [2, 3, 'valid', null], [3, 2, 'same', null], [4, 2, 'same', null], [3, 2, 'valid', 1], [3, 3, 'same', 2]] as const) {
            const kernel = randomTensor([k, 5, 4], 21);
            const bias = randomTensor([5], 22);
            const own = built(conv.conv1dTranspose({ filters: 5, kernelSize: k, strides: s, padding, outputPadding }), [2, 6, 4], [kernel, bias]);
            const x = randomTensor([2, 6, 4], 23);
            const y = own.apply(x) as tf.Tensor;
            const length = y.shape[1]!;
            const reference = tf.tidy(() => tf.add(tf.squeeze(tf.conv2dTranspose(tf.expandDims(x, 2) as tf.Tensor4D, tf.expandDims(kernel, 1) as tf.Tensor4D,
                [2, length, 1, 5], [s, 1], padding), [2]), bias));
            expect(maxDiff(y, reference), `k=${k} s=${s} ${padding} op=${outputPadding}`).toBeLessThan(1e-5);
            tf.dispose([x, kernel, bias]);
            own.dispose();
        }
    }));
    it('is the adjoint of the dilated convolution: <conv(u), x> == <u, convT(x)>', () => leakFree(() => {
        for (const [k, d] of [[3, 2], [2, 3]]) {
            const kernel = randomTensor([k, 5, 4], 31) as tf.Tensor3D;
            const x = randomTensor([1, 6, 4], 32) as tf.Tensor3D;
            const out = 6 + (k - 1) * d;
            const u = randomTensor([1, out, 5], 33) as tf.Tensor3D;
            const left = tf.tidy(() => tf.sum(tf.mul(tapConv(tf, u, kernel, 1, d), x)).dataSync()[0]);
            const right = tf.tidy(() => tf.sum(tf.mul(u, transposeConv(tf, x, kernel, 1, d, 'valid', out))).dataSync()[0]);
            expect(Math.abs(left - right)).toBeLessThan(1e-4);
            tf.dispose([kernel, x, u]);
        }
    }));
});

describe('RNN Lens\'s SeparableConv1D equals references', () => {
    it('== tfjs\'s separableConv2d on an added axis (dilation 1)', () => leakFree(() => {
        for (const [k, s, padding, dm] of [[3, 1, 'valid', 1], [4, 3, 'same', 2], [3, 2, 'valid', 3]] as const) {
            const depthwise = randomTensor([k, 4, dm], 41);
            const pointwise = randomTensor([1, 4 * dm, 5], 42);
            const bias = randomTensor([5], 43);
            const own = built(conv.separableConv1d({ filters: 5, kernelSize: k, strides: s, padding, depthMultiplier: dm }), [2, 11, 4], [depthwise, pointwise, bias]);
            const x = randomTensor([2, 11, 4], 44);
            const reference = tf.tidy(() => tf.add(tf.squeeze(tf.separableConv2d(tf.expandDims(x, 2) as tf.Tensor4D, tf.expandDims(depthwise, 1) as tf.Tensor4D,
                tf.expandDims(pointwise, 0) as tf.Tensor4D, [s, 1], padding), [2]), bias));
            expect(maxDiff(own.apply(x) as tf.Tensor, reference), `k=${k} s=${s} ${padding} dm=${dm}`).toBeLessThan(1e-5);
            tf.dispose([x, depthwise, pointwise, bias]);
            own.dispose();
        }
    }));
    it('the dilated depthwise tap sum == tfjs\'s dilated depthwiseConv2d forwards', () => leakFree(() => {
        const x = randomTensor([2, 11, 4], 51) as tf.Tensor3D;
        const depthwise = randomTensor([3, 4, 2], 52) as tf.Tensor3D;
        const reference = tf.tidy(() => tf.squeeze(tf.depthwiseConv2d(tf.expandDims(x, 2) as tf.Tensor4D, tf.expandDims(depthwise, 1) as tf.Tensor4D, 1, 'valid', 'NHWC', [2, 1]), [2]));
        expect(maxDiff(tapDepthwise(tf, x, depthwise, 1, 2), reference)).toBeLessThan(1e-5);
        tf.dispose([x, depthwise]);
    }));
});

describe('weightless layers compute what Keras computes', () => {
    const seq = () => tf.tensor([1, 2, 3, 4, 5, 6], [1, 3, 2]);
    const values = (layer: tf.layers.Layer, x: tf.Tensor) => {
        const y = layer.apply(x) as tf.Tensor;
        const out = [y.shape, Array.from(y.dataSync())];
        tf.dispose([x, y]);
        layer.dispose();
        return out;
    };
    it('ZeroPadding1D, Cropping1D, UpSampling1D', () => leakFree(() => {
        expect(values(conv.zeroPadding1d({ padding: [1, 2] }), seq())).toEqual([[1, 6, 2], [0, 0, 1, 2, 3, 4, 5, 6, 0, 0, 0, 0]]);
        expect(values(conv.cropping1d({ cropping: [1, 0] }), seq())).toEqual([[1, 2, 2], [3, 4, 5, 6]]);
        expect(values(conv.upSampling1d({ size: 2 }), seq())).toEqual([[1, 6, 2], [1, 2, 1, 2, 3, 4, 3, 4, 5, 6, 5, 6]]);
    }));
    it('pooling "same" as TF: the padding is never the maximum, nor counted in the average', () => leakFree(() => {
        const x = () => tf.tensor([-1, -2, -3, -4, -5], [1, 5, 1]);
        expect(values(tf.layers.maxPooling1d({ poolSize: 2, padding: 'same' }), x())[1]).toEqual([-1, -3, -5]);
        expect(values(tf.layers.averagePooling1d({ poolSize: 4, strides: 1, padding: 'same' }), x())[1]).toEqual([-2, -2.5, -3.5, -4, -4.5]);
    }));
    it('channels_first pooling == channels_last pooling of the transposed input', () => leakFree(() => {
        for (const mode of ['max', 'avg'] as const) {
            const x = randomTensor([2, 4, 11], 61);
            const own = conv.pooling1d({ mode, poolSize: 3, strides: 2, padding: 'same', dataFormat: 'channelsFirst' });
            const stock = mode === 'max' ? tf.layers.maxPooling1d({ poolSize: 3, strides: 2, padding: 'same' }) : tf.layers.averagePooling1d({ poolSize: 3, strides: 2, padding: 'same' });
            const reference = tf.tidy(() => tf.transpose(stock.apply(tf.transpose(x, [0, 2, 1])) as tf.Tensor, [0, 2, 1]));
            expect(maxDiff(own.apply(x) as tf.Tensor, reference)).toBeLessThan(1e-6);
            tf.dispose(x);
        }
    }));
    it('GlobalAveragePooling1D averages over the unmasked steps, as Keras 3 (tfjs\'s ignores the mask)', async () => {
        const before = tf.memory().numTensors;
        const model = analyse('(4,)', 'Embedding(5, 2, mask_zero=True, embeddings_initializer="ones")\nGlobalAveragePooling1D()');
        const result = buildTfjsModel(tf, model, custom);
        if (!result.ok) throw new Error(JSON.stringify(result.problems));
        const embedding = result.model.layers[0];
        const table = tf.tensor([[0, 0], [1, 10], [2, 20], [3, 30], [4, 40]]);
        embedding.setWeights([table]);
        table.dispose();
        const x = tf.tensor([[1, 2, 0, 0], [3, 0, 0, 0]]);
        const y = result.model.predict(x) as tf.Tensor;
        // Keras 3: (1 + 2) / 2, (10 + 20) / 2; and 3, 30 — the padded steps are not in the mean.
        expect(Array.from(y.dataSync())).toEqual([1.5, 15, 3, 30]);
        // tfjs's own layer gives the plain mean over 4 steps.
        const stock = tf.sequential({ layers: [tf.layers.embedding({ inputDim: 5, outputDim: 2, maskZero: true, inputShape: [4] }), tf.layers.globalAveragePooling1d()] });
        stock.layers[0].setWeights(embedding.getWeights());
        const plain = stock.predict(x) as tf.Tensor;
        expect(Array.from(plain.dataSync())).toEqual([0.75, 7.5, 0.75, 7.5]);
        tf.dispose([x, y, plain]);
        stock.dispose();
        result.model.dispose();
        expect(tf.memory().numTensors).toBe(before);
    });
});

describe('what tfjs\'s stock layers really do (why RNN Lens has its own)', () => {
    it('Conv1D padding="causal" declares a valid-padding shape and fails when run', () => leakFree(() => {
        const layer = tf.layers.conv1d({ filters: 3, kernelSize: 3, padding: 'causal' });
        expect(layer.computeOutputShape([null, 10, 4])).toEqual([null, 8, 3]);
        const x = tf.zeros([1, 10, 4]);
        expect(() => layer.apply(x)).toThrow(/CAUSAL/);
        x.dispose();
        layer.dispose();
    }));
    it('Conv1D ignores groups (a full kernel) and returns channels_first output steps-first', () => leakFree(() => {
        const grouped = tf.layers.conv1d({ filters: 4, kernelSize: 3, groups: 2 } as unknown as Parameters<typeof tf.layers.conv1d>[0]);
        const x = tf.zeros([1, 10, 4]);
        tf.dispose(grouped.apply(x) as tf.Tensor);
        expect(grouped.getWeights()[0].shape).toEqual([3, 4, 4]); // Keras: [3, 2, 4]
        const first = tf.layers.conv1d({ filters: 3, kernelSize: 3, dataFormat: 'channelsFirst' });
        const xc = tf.zeros([1, 4, 10]);
        const y = first.apply(xc) as tf.Tensor;
        expect(first.computeOutputShape([1, 4, 10])).toEqual([1, 3, 8]);
        expect(y.shape).toEqual([1, 8, 3]);
        tf.dispose([x, xc, y]);
        grouped.dispose();
        first.dispose();
    }));
    it('pooling has no data_format (channels_first pools the features) and no Cropping1D, ZeroPadding1D, UpSampling1D, Conv1DTranspose, SeparableConv1D', () => leakFree(() => {
        const pool = tf.layers.maxPooling1d({ poolSize: 2, dataFormat: 'channelsFirst' } as Parameters<typeof tf.layers.maxPooling1d>[0]);
        const x = tf.zeros([1, 4, 10]);
        const y = pool.apply(x) as tf.Tensor;
        expect(y.shape).toEqual([1, 2, 10]); // Keras: [1, 4, 5]
        tf.dispose([x, y]);
        pool.dispose();
        for (const name of ['cropping1D', 'cropping1d', 'zeroPadding1d', 'upSampling1d', 'conv1dTranspose', 'separableConv1d']) {
            expect(name in tf.layers, name).toBe(false);
        }
    }));
});

describe('a model with RNN Lens\'s conv layers saves and loads', () => {
    it('round-trips through tfjs\'s serialization with the same predictions', async () => {
        const before = tf.memory().numTensors;
        const model = analyse('(12, 3)', 'Conv1D(4, 3, padding="causal", dilation_rate=2)\nSeparableConv1D(4, 2, padding="same")\nMaxPooling1D(2, data_format="channels_last")\n' +
            'Conv1DTranspose(3, 3, strides=2, padding="same", output_padding=1, kernel_regularizer="l2")\nZeroPadding1D((1, 2))\nCropping1D((2, 1))\nUpSampling1D(2)\nGlobalAveragePooling1D(keepdims=True)\nFlatten()\nDense(1)');
        const result = buildTfjsModel(tf, model, custom);
        if (!result.ok) throw new Error(JSON.stringify(result.problems));
        let saved: tf.io.ModelArtifacts | undefined;
        await result.model.save(tf.io.withSaveHandler(async artifacts => { saved = artifacts; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }));
        const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
        const x = randomTensor([2, 12, 3], 71);
        const a = result.model.predict(x) as tf.Tensor;
        const b = loaded.predict(x) as tf.Tensor;
        expect(maxDiff(a, b)).toBeLessThan(1e-6);
        expect(loaded.layers.map(l => l.getClassName())).toEqual(result.model.layers.map(l => l.getClassName()));
        tf.dispose(x);
        loaded.dispose();
        result.model.dispose();
        expect(tf.memory().numTensors).toBe(before);
    });
});
