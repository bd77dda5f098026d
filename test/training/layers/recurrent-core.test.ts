/**
 * The tfjs builds of the recurrent, wrapper and core layers: on real tensors (cpu backend) every
 * layer's output shape is RNN Lens's analysis, its weight counts are Keras's (buildTfjsModel
 * checks), a training step changes the weights with a finite loss, nothing leaks; RNN Lens's own
 * GRU (reset_after=True) equals an independent reference forwards and in its gradients, and with
 * reset_after=False equals tfjs's GRU; the Keras-configured LSTM equals an independent reference.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { NotTrainable, type TfjsCustomLayers } from '../../../language/src/catalog/tfjs-build.js';
import { buildTfjsModel } from '../../../training/src/build/build-model.js';
import { createRecurrent } from '../../../training/src/layers/recurrent-layers.js';
import { mulberry32 } from '../../../training/src/data/synthetic.js';
import { analyse, checkLayerStack } from './layer-kit.js';

beforeAll(async () => {
    await tf.setBackend('cpu');
});

const notHere = () => { throw new Error('conv layers are not part of this test'); };
const custom: TfjsCustomLayers = {
    conv1d: notHere, conv1dTranspose: notHere, separableConv1d: notHere, zeroPadding1d: notHere, upSampling1d: notHere,
    recurrent: createRecurrent(tf)
};

const checkModel = (input: string, layers: string, options: { integers?: number } = {}) => checkLayerStack(custom, input, layers, { ...options, batch: 4 });

describe('recurrent layers build, match the analysis and train', () => {
    const cases: Array<[string, string, string]> = [
        ['SimpleRNN', '(5, 3)', 'SimpleRNN(4)'],
        ['SimpleRNN with options', '(5, 3)', 'SimpleRNN(4, activation="relu", return_sequences=True, go_backwards=True, dropout=0.2, recurrent_dropout=0.2)\nDense(1)'],
        ['SimpleRNN seeded dropout (own layer)', '(5, 3)', 'SimpleRNN(4, dropout=0.3, seed=1)'],
        ['LSTM', '(5, 3)', 'LSTM(4)'],
        ['LSTM use_bias=False, unit_forget_bias=False', '(5, 3)', 'LSTM(4, use_bias=False, unit_forget_bias=False, return_sequences=True)'],
        ['LSTM recurrent_dropout (own layer)', '(5, 3)', 'LSTM(4, dropout=0.2, recurrent_dropout=0.3, return_sequences=True)\nLSTM(2)'],
        ['GRU (reset_after=True, own layer)', '(5, 3)', 'GRU(4)'],
        ['GRU return_sequences, go_backwards', '(5, 3)', 'GRU(4, return_sequences=True, go_backwards=True, dropout=0.2)\nGRU(3)'],
        ['GRU use_bias=False', '(5, 3)', 'GRU(4, use_bias=False)'],
        ['GRU reset_after=False (tfjs)', '(5, 3)', 'GRU(4, reset_after=False)'],
        ['GRU reset_after=False, recurrent_dropout (own layer)', '(5, 3)', 'GRU(4, reset_after=False, recurrent_dropout=0.25)'],
        ['GRU regularized, constrained', '(5, 3)', 'GRU(4, kernel_regularizer="l2", recurrent_constraint="max_norm", bias_initializer="ones")'],
        ['Bidirectional LSTM concat, GRU sum', '(5, 3)', 'Bidirectional(LSTM(3, return_sequences=True))\nBidirectional(GRU(2), merge_mode="sum")'],
        ['Bidirectional GRU ave, mul', '(5, 3)', 'Bidirectional(GRU(3, return_sequences=True), merge_mode="ave")\nBidirectional(SimpleRNN(2), merge_mode="mul")'],
        ['TimeDistributed Dense', '(5, 3)', 'LSTM(4, return_sequences=True)\nTimeDistributed(Dense(2))'],
        ['Masking then GRU', '(5, 3)', 'Masking(mask_value=0.0)\nGRU(3)']
    ];
    for (const [title, input, layers] of cases) {
        it(title, async () => { await checkModel(input, layers); });
    }
});

describe('core layers build, match the analysis and train', () => {
    const cases: Array<[string, string, string, number?]> = [
        ['Dense on 2D and 3D', '(5, 3)', 'Dense(4, activation="relu")\nFlatten()\nDense(2, use_bias=False)'],
        ['Activation', '(5, 3)', 'Dense(4)\nActivation("tanh")\nActivation("softmax")'],
        ['Dropout with noise_shape, SpatialDropout1D', '(5, 3)', 'SpatialDropout1D(0.2)\nDropout(0.3, noise_shape=(None, 1, 3))\nDense(2)'],
        ['Flatten channels_first, Reshape, Permute', '(5, 3)', 'Permute((2, 1))\nReshape((5, -1))\nFlatten(data_format="channels_first")\nDense(2)'],
        ['RepeatVector', '(5, 3)', 'LSTM(4)\nRepeatVector(3)\nGRU(2, return_sequences=True)'],
        ['Embedding with mask_zero', '(6,)', 'Embedding(10, 4, mask_zero=True)\nGRU(3)', 10],
        ['Embedding', '(6,)', 'Embedding(10, 4)\nFlatten()\nDense(1)', 10],
        ['BatchNormalization', '(5, 3)', 'BatchNormalization()\nDense(2)'],
        ['LayerNormalization', '(5, 3)', 'LayerNormalization()\nLayerNormalization(axis=(1, 2), epsilon=0.01)\nDense(2)']
    ];
    for (const [title, input, layers, integers] of cases) {
        it(title, async () => { await checkModel(input, layers, { integers }); });
    }
});

describe('what tfjs cannot train is said before training', () => {
    const cases: Array<[string, string, string]> = [
        // stateful needs a fixed batch size to build at all (Keras refuses it without one)
        ['(5, 3), batch_size=4', 'LSTM(4, stateful=True)', 'stateful'],
        ['(5, 3)', 'GRU(4, activity_regularizer="l2")', 'activity regularizer'],
        ['(5, 3)', 'Dense(2, lora_rank=2)', 'lora_rank'],
        ['(5, 3)', 'LayerNormalization(rms_scaling=True)', 'rms_scaling'],
        ['(5, 3)', 'LayerNormalization(center=False)', 'center'],
        ['(5, 3)', 'BatchNormalization(center=False)', 'center'],
        ['(5, 3)', 'BatchNormalization(trainable=False)', 'trainable=False'],
        ['(5, 3)', 'SimpleRNN(4, activation="log_softmax")', 'log_softmax']
    ];
    for (const [input, layer, mention] of cases) {
        it(layer, () => {
            const built = buildTfjsModel(tf, analyse(input, layer), custom);
            expect(built.ok).toBe(false);
            if (!built.ok) expect(built.problems[0].message).toContain(mention);
        });
    }
    it('NotTrainable names the argument', () => {
        const model = analyse('(5, 3), batch_size=4', 'LSTM(4, stateful=True)');
        const context = { args: model.layers[0].description.args };
        expect(context.args.stateful).toBe(true);
        expect(new NotTrainable('x', 'stateful').argument).toBe('stateful');
    });
});

// ---------------------------------------------------------------------------------------------
// Independent references: plain JS loops in float64 on the layer's own weights.

type Mat = number[][];
const sig = (v: number) => 1 / (1 + Math.exp(-v));
const col = (m: Mat, from: number, n: number): Mat => m.map(r => r.slice(from, from + n));
function vecMat(v: number[], m: Mat): number[] {
    const out = new Array(m[0].length).fill(0);
    v.forEach((a, i) => m[i].forEach((w, j) => { out[j] += a * w; }));
    return out;
}
const add = (...vs: number[][]) => vs[0].map((_, i) => vs.reduce((s, v) => s + v[i], 0));

/** Keras 3 GRUCell over a sequence (one sample); returns the hidden state at every step. */
function gruReference(xs: number[][], kernel: Mat, recurrent: Mat, bias: Mat | number[] | null, units: number, resetAfter: boolean): number[][] {
    const h0 = new Array(units).fill(0);
    let h = h0;
    const out: number[][] = [];
    const inB = bias === null ? new Array(3 * units).fill(0) : resetAfter ? (bias as Mat)[0] : bias as number[];
    const recB = bias !== null && resetAfter ? (bias as Mat)[1] : new Array(3 * units).fill(0);
    for (const x of xs) {
        const xz = add(vecMat(x, col(kernel, 0, units)), inB.slice(0, units));
        const xr = add(vecMat(x, col(kernel, units, units)), inB.slice(units, 2 * units));
        const xh = add(vecMat(x, col(kernel, 2 * units, units)), inB.slice(2 * units));
        const rz = add(vecMat(h, col(recurrent, 0, units)), recB.slice(0, units));
        const rr = add(vecMat(h, col(recurrent, units, units)), recB.slice(units, 2 * units));
        const z = add(xz, rz).map(sig);
        const r = add(xr, rr).map(sig);
        const hh = resetAfter
            ? add(xh, add(vecMat(h, col(recurrent, 2 * units, units)), recB.slice(2 * units)).map((v, i) => r[i] * v)).map(Math.tanh)
            : add(xh, vecMat(h.map((v, i) => r[i] * v), col(recurrent, 2 * units, units))).map(Math.tanh);
        h = h.map((prev, i) => z[i] * prev + (1 - z[i]) * hh[i]);
        out.push(h);
    }
    return out;
}

/** Keras 3 LSTMCell (sigmoid gates i, f, c, o) over a sequence. */
function lstmReference(xs: number[][], kernel: Mat, recurrent: Mat, bias: number[], units: number): number[][] {
    let h = new Array(units).fill(0);
    let c = new Array(units).fill(0);
    const out: number[][] = [];
    for (const x of xs) {
        const zAll = add(vecMat(x, kernel), vecMat(h, recurrent), bias);
        const part = (k: number) => zAll.slice(k * units, (k + 1) * units);
        const i = part(0).map(sig), f = part(1).map(sig), g = part(2).map(Math.tanh), o = part(3).map(sig);
        c = c.map((prev, k) => f[k] * prev + i[k] * g[k]);
        h = o.map((v, k) => v * Math.tanh(c[k]));
        out.push(h);
    }
    return out;
}

function randomWeights(layer: tf.layers.Layer, seed: number): void {
    const rand = mulberry32(seed);
    const values = layer.getWeights().map(w => tf.tensor(Array.from({ length: w.size }, () => rand() - 0.5), w.shape));
    layer.setWeights(values);
    tf.dispose(values);
}

/** getWeights gives the variables' own tensors: read, never dispose. */
const arrays = (layer: tf.layers.Layer) => layer.getWeights().map(w => w.arraySync());

describe('RNN Lens GRU (reset_after=True) against an independent reference', () => {
    const units = 3, steps = 4, features = 2;
    const xs = [[0.5, -1], [0.25, 0.75], [-0.6, 0.1], [1, 0.3]];

    function makeGru(extra: Record<string, unknown> = {}): tf.layers.Layer {
        const layer = custom.recurrent('GRU', { units, activation: 'tanh', recurrentActivation: 'sigmoid', resetAfter: true, returnSequences: true, ...extra });
        tf.tidy(() => { layer.apply(tf.zeros([1, steps, features])); });
        randomWeights(layer, 11);
        return layer;
    }

    it('has Keras\'s weight layout', () => {
        const before = tf.memory().numTensors;
        const layer = makeGru();
        expect(layer.weights.map(w => [w.originalName.split('/').pop(), w.shape])).toEqual([
            ['kernel', [features, 3 * units]], ['recurrent_kernel', [units, 3 * units]], ['bias', [2, 3 * units]]
        ]);
        layer.dispose();
        expect(tf.memory().numTensors).toBe(before);
    });

    it('forward equals the reference (and go_backwards reads the sequence reversed)', () => {
        const before = tf.memory().numTensors;
        for (const goBackwards of [false, true]) {
            const layer = makeGru({ goBackwards });
            const [kernel, recurrent, bias] = arrays(layer) as [Mat, Mat, Mat];
            const expected = gruReference(goBackwards ? [...xs].reverse() : xs, kernel, recurrent, bias, units, true);
            const got = tf.tidy(() => (layer.apply(tf.tensor3d([xs])) as tf.Tensor).arraySync() as number[][][]);
            got[0].forEach((row, t) => row.forEach((v, i) => expect(Math.abs(v - expected[t][i])).toBeLessThan(1e-5)));
            layer.dispose();
        }
        expect(tf.memory().numTensors).toBe(before);
    });

    it('gradients equal finite differences of the reference', () => {
        const before = tf.memory().numTensors;
        const layer = makeGru({ returnSequences: false });
        const x = tf.tensor3d([xs]);
        const vars = layer.trainableWeights.map(w => w.read() as tf.Variable);
        const { value, grads } = tf.variableGrads(() => tf.sum(layer.apply(x) as tf.Tensor) as tf.Scalar, vars);
        const weights = arrays(layer) as [Mat, Mat, Mat];
        const total = (w: [Mat, Mat, Mat]) => gruReference(xs, w[0], w[1], w[2], units, true).pop()!.reduce((a, b) => a + b, 0);
        expect(Math.abs(value.dataSync()[0] - total(weights))).toBeLessThan(1e-5);
        const eps = 1e-6;
        vars.forEach((v, which) => {
            const grad = grads[v.name].arraySync() as Mat;
            const [rows, cols] = v.shape;
            for (const [r, c] of [[0, 0], [rows - 1, cols - 1], [Math.floor(rows / 2), Math.floor(cols / 2)], [0, cols - 2]]) {
                const plus = structuredClone(weights);
                const minus = structuredClone(weights);
                plus[which][r][c] += eps;
                minus[which][r][c] -= eps;
                const numeric = (total(plus) - total(minus)) / (2 * eps);
                expect(Math.abs(grad[r][c] - numeric), `${v.name}[${r}, ${c}]`).toBeLessThan(1e-4);
            }
        });
        tf.dispose([x, value, ...Object.values(grads)]);
        layer.dispose();
        expect(tf.memory().numTensors).toBe(before);
    });

    it('with reset_after=False equals tfjs\'s GRU and the reference on the same weights', () => {
        const before = tf.memory().numTensors;
        // recurrent_dropout makes the build choose RNN Lens's layer; at inference it drops nothing.
        const own = custom.recurrent('GRU', { units, activation: 'tanh', recurrentActivation: 'sigmoid', resetAfter: false, returnSequences: true, recurrentDropout: 0.3 });
        const stock = tf.layers.gru({ units, activation: 'tanh', recurrentActivation: 'sigmoid', returnSequences: true });
        const x = tf.tensor3d([xs]);
        tf.tidy(() => { own.apply(x); stock.apply(x); });
        randomWeights(own, 5);
        const w = own.getWeights();
        stock.setWeights(w);
        const [kernel, recurrent, bias] = w.map(t => t.arraySync()) as [Mat, Mat, number[]];
        const a = tf.tidy(() => (own.apply(x) as tf.Tensor).arraySync() as number[][][]);
        const b = tf.tidy(() => (stock.apply(x) as tf.Tensor).arraySync() as number[][][]);
        const expected = gruReference(xs, kernel, recurrent, bias, units, false);
        a[0].forEach((row, t) => row.forEach((v, i) => {
            expect(Math.abs(v - b[0][t][i])).toBeLessThan(1e-5);
            expect(Math.abs(v - expected[t][i])).toBeLessThan(1e-5);
        }));
        x.dispose();
        own.dispose();
        stock.dispose();
        expect(tf.memory().numTensors).toBe(before);
    });

    it('dropout and recurrent_dropout act in training only; a seed repeats the masks', () => {
        const before = tf.memory().numTensors;
        const make = () => {
            const layer = custom.recurrent('GRU', { units, resetAfter: true, returnSequences: true, dropout: 0.5, recurrentDropout: 0.5, seed: 42 });
            tf.tidy(() => { layer.apply(tf.zeros([2, steps, features])); });
            randomWeights(layer, 3);
            return layer;
        };
        const [l1, l2] = [make(), make()];
        const x = tf.tensor3d([xs, xs.map(r => r.map(v => -v))]);
        const inference = tf.tidy(() => (l1.apply(x) as tf.Tensor).arraySync());
        const train1 = tf.tidy(() => (l1.apply(x, { training: true }) as tf.Tensor).arraySync());
        const train2 = tf.tidy(() => (l2.apply(x, { training: true }) as tf.Tensor).arraySync());
        const train1Again = tf.tidy(() => (l1.apply(x, { training: true }) as tf.Tensor).arraySync());
        expect(train1).not.toEqual(inference);
        expect(train1).toEqual(train2);
        expect(train1Again).not.toEqual(train1);
        expect((train1 as number[][][]).flat(2).every(Number.isFinite)).toBe(true);
        tf.dispose(x);
        l1.dispose();
        l2.dispose();
        expect(tf.memory().numTensors).toBe(before);
    });

    it('a masked step carries the state over (Masking before GRU)', () => {
        const before = tf.memory().numTensors;
        const model = analyse('(4, 2)', 'Masking(mask_value=0.0)\nGRU(3)');
        const built = buildTfjsModel(tf, model, custom);
        if (!built.ok) throw new Error(JSON.stringify(built.problems));
        const gru = built.model.layers[1];
        const padded = tf.tensor3d([[...xs.slice(0, 2), [0, 0], [0, 0]]]);
        const short = tf.tensor3d([xs.slice(0, 2)]);
        const a = tf.tidy(() => (built.model.predict(padded) as tf.Tensor).arraySync() as number[][]);
        const b = tf.tidy(() => (gru.apply(short) as tf.Tensor).arraySync() as number[][]);
        a[0].forEach((v, i) => expect(Math.abs(v - b[0][i])).toBeLessThan(1e-6));
        tf.dispose([padded, short]);
        built.model.dispose();
        expect(tf.memory().numTensors).toBe(before);
    });

    it('survives serialization (tfjs clones it for Bidirectional)', () => {
        const before = tf.memory().numTensors;
        const layer = custom.recurrent('GRU', { units, resetAfter: true, kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }), kernelRegularizer: tf.regularizers.l2({ l2: 0.1 }) });
        const x = tf.zeros([1, 2, 2]);
        tf.tidy(() => { layer.apply(x); });
        const config = JSON.parse(JSON.stringify(layer.getConfig()));
        const copy = tf.serialization.SerializationMap.getMap().classNameMap[layer.getClassName()];
        const clone = copy[1](copy[0], config) as tf.layers.Layer;
        expect(clone.getConfig()).toEqual(layer.getConfig());
        tf.tidy(() => { clone.apply(x); });
        x.dispose();
        layer.dispose();
        clone.dispose();
        expect(tf.memory().numTensors).toBe(before);
    });
});

describe('LSTM with Keras\'s configuration against an independent reference', () => {
    it('sigmoid gates, forget bias initialised to 1, glorot_uniform kernel', () => {
        const before = tf.memory().numTensors;
        const model = analyse('(4, 2)', 'LSTM(3, return_sequences=True)');
        const built = buildTfjsModel(tf, model, custom);
        if (!built.ok) throw new Error(JSON.stringify(built.problems));
        const lstm = built.model.layers[0];
        const [kernel, , bias] = arrays(lstm) as [Mat, Mat, number[]];
        expect(bias).toEqual([0, 0, 0, 1, 1, 1, 0, 0, 0, 0, 0, 0]);
        const limit = Math.sqrt(6 / (2 + 12));
        expect(kernel.flat().every(v => Math.abs(v) <= limit)).toBe(true);
        randomWeights(lstm, 9);
        const [k, r, b] = arrays(lstm) as [Mat, Mat, number[]];
        const xs = [[0.5, -1], [0.25, 0.75], [-0.6, 0.1], [1, 0.3]];
        const expected = lstmReference(xs, k, r, b, 3);
        const got = tf.tidy(() => (built.model.predict(tf.tensor3d([xs])) as tf.Tensor).arraySync() as number[][][]);
        got[0].forEach((row, t) => row.forEach((v, i) => expect(Math.abs(v - expected[t][i])).toBeLessThan(1e-5)));
        // RNN Lens's own LSTM (chosen for recurrent_dropout) equals it on the same weights at inference.
        const own = custom.recurrent('LSTM', { units: 3, returnSequences: true, recurrentDropout: 0.2 });
        const x = tf.tensor3d([xs]);
        tf.tidy(() => { own.apply(x); });
        const w = lstm.getWeights();
        own.setWeights(w);
        const ownOut = tf.tidy(() => (own.apply(x) as tf.Tensor).arraySync() as number[][][]);
        ownOut[0].forEach((row, t) => row.forEach((v, i) => expect(Math.abs(v - expected[t][i])).toBeLessThan(1e-5)));
        x.dispose();
        own.dispose();
        built.model.dispose();
        expect(tf.memory().numTensors).toBe(before);
    });

    it('the stock layers get Keras\'s defaults, not tfjs\'s', () => {
        const model = analyse('(4, 2)', 'SimpleRNN(2)\nRepeatVector(4)\nLSTM(3, return_sequences=True)\nGRU(2, reset_after=False)');
        const built = buildTfjsModel(tf, model, custom);
        if (!built.ok) throw new Error(JSON.stringify(built.problems));
        const configs = built.model.layers.map(l => l.getConfig() as Record<string, { className?: string } | string | boolean>);
        for (const i of [0, 2, 3]) {
            // tfjs writes glorot_uniform as VarianceScaling(scale 1, fanAvg, uniform)
            expect((configs[i].kernelInitializer as { config: object }).config).toMatchObject({ scale: 1, mode: 'fanAvg', distribution: 'uniform' });
            expect((configs[i].recurrentInitializer as { className: string }).className).toBe('Orthogonal');
        }
        expect(configs[2].recurrentActivation).toBe('sigmoid');
        expect(configs[2].unitForgetBias).toBe(true);
        expect(configs[3].recurrentActivation).toBe('sigmoid');
        built.model.dispose();
    });
});
