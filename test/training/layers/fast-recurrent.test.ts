/**
 * The fast recurrent loop (one operation with its own backpropagation through time) equals the
 * taped loop it replaces: the same weights give the same outputs and the same gradients for the
 * input and every weight, within 1e-5 relative, for SimpleRNN, LSTM and GRU (both reset_after),
 * both directions, with and without return_sequences, with Keras's dropout masks (one for all
 * gates, or one per gate under recurrent_dropout) and with masked steps, on the cpu and wasm
 * backends; and it leaks nothing.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { kerasRecurrentClass, type KerasRecurrentConfig } from '../../../training/src/layers/recurrent-layers.js';
import { dropoutMask } from '../../../training/src/layers/recurrent.js';
import { kernelMemoryInUse } from '../../../training/src/layers/recurrent-kernel.js';
import { mulberry32 } from '../../../training/src/data/synthetic.js';
import { selectNodeBackend } from '../../../training/src/backend/node-backend.js';

beforeAll(async () => {
    await selectNodeBackend(tf, 'cpu');
});

const BATCH = 3;
const STEPS = 5;
const FEATURES = 4;

function values(size: number, seed: number, scale = 1): Float32Array {
    const random = mulberry32(seed);
    return Float32Array.from({ length: size }, () => (random() * 2 - 1) * scale);
}

function relativeDiff(a: tf.Tensor, b: tf.Tensor): number {
    const x = a.dataSync(), y = b.dataSync();
    expect(a.shape).toEqual(b.shape);
    const scale = Math.max(1e-3, ...Array.from(y, Math.abs));
    return Math.max(...Array.from(x, (v, i) => Math.abs(v - y[i]))) / scale;
}

/** Outputs and gradients (input, kernel, recurrent kernel, bias) of one layer on fixed data. */
function run(config: KerasRecurrentConfig, fastLoop: boolean, mask?: number[]) {
    const Layer = kerasRecurrentClass(tf);
    const layer = new Layer({ ...config, fastLoop, name: `${config.kind}_${fastLoop}` });
    layer.build([BATCH, STEPS, FEATURES]);
    const start = layer.getWeights().map((w, i) => tf.tensor(values(w.size, 100 + i, 0.5), w.shape));
    layer.setWeights(start);
    tf.dispose(start);
    const x = tf.tensor3d(values(BATCH * STEPS * FEATURES, 1), [BATCH, STEPS, FEATURES]);
    const m = mask ? tf.tensor2d(mask, [BATCH, STEPS]) : undefined;
    const f = (input: tf.Tensor, ...ws: tf.Tensor[]) => {
        void ws;
        const out = layer.apply(input, { training: true, ...(m ? { mask: m } : {}) }) as tf.Tensor;
        return tf.sum(tf.mul(out, tf.tensor(values(out.size, 7), out.shape)));
    };
    const output = layer.apply(x, { training: true, ...(m ? { mask: m } : {}) }) as tf.Tensor;
    const { value, grads } = tf.variableGrads(() => f(x) as tf.Scalar, layer.trainableWeights.map(w => (w as unknown as { val: tf.Variable }).val));
    const gx = tf.grad(input => f(input))(x);
    const result = { output, value, gx, grads: layer.trainableWeights.map(w => grads[(w as unknown as { val: tf.Variable }).val.name]) };
    tf.dispose([x, ...(m ? [m] : [])]);
    return { result, dispose: () => { tf.dispose([output, value, gx, ...Object.values(grads)]); layer.weights.forEach(w => w.dispose()); } };
}

const CASES: Array<[string, KerasRecurrentConfig, number[]?]> = [
    ['SimpleRNN tanh, last state', { kind: 'SimpleRNN', units: 6 }],
    ['SimpleRNN backwards', { kind: 'SimpleRNN', units: 3, goBackwards: true }],
    ['SimpleRNN relu, sequences, backwards, recurrent dropout', { kind: 'SimpleRNN', units: 6, activation: 'relu', returnSequences: true, goBackwards: true, recurrentDropout: 0.3, dropout: 0.2, seed: 3 }],
    ['LSTM, last state', { kind: 'LSTM', units: 5, unitForgetBias: true }],
    ['LSTM relu, sequences, dropout and recurrent dropout (a mask per gate)', { kind: 'LSTM', units: 5, activation: 'relu', returnSequences: true, dropout: 0.2, recurrentDropout: 0.3, seed: 5 }],
    ['LSTM backwards, no bias', { kind: 'LSTM', units: 4, goBackwards: true, useBias: false, returnSequences: true }],
    ['GRU reset_after, last state', { kind: 'GRU', units: 5, resetAfter: true }],
    ['GRU reset_after relu, sequences, backwards, recurrent dropout', { kind: 'GRU', units: 5, resetAfter: true, activation: 'relu', returnSequences: true, goBackwards: true, recurrentDropout: 0.25, seed: 9 }],
    ['GRU reset_after=False, last state', { kind: 'GRU', units: 5, resetAfter: false }],
    ['GRU reset_after=False tanh, sequences, backwards, dropout and recurrent dropout (a mask per gate)', { kind: 'GRU', units: 4, resetAfter: false, returnSequences: true, goBackwards: true, dropout: 0.2, recurrentDropout: 0.3, seed: 4 }],
    ['GRU reset_after=False relu, no bias, sequences', { kind: 'GRU', units: 3, resetAfter: false, activation: 'relu', useBias: false, returnSequences: true }],
    ['GRU reset_after=False with masked steps, sequences', { kind: 'GRU', units: 4, resetAfter: false, returnSequences: true }, [1, 0, 1, 1, 0, 1, 1, 0, 0, 1, 0, 1, 1, 1, 1]],
    ['LSTM with masked steps', { kind: 'LSTM', units: 4, returnSequences: true }, [1, 1, 0, 1, 0, 1, 0, 1, 1, 1, 1, 1, 1, 0, 0]],
    ['GRU with masked steps, last state', { kind: 'GRU', units: 4, resetAfter: true }, [1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1, 1, 1, 0]]
];

// wasm too: the kernels read and write the backend's tensors through dataSync (recurrent-kernel.ts).
describe.each(['cpu', 'wasm'] as const)('the fast recurrent loop equals the taped loop on %s', backend => {
    beforeAll(async () => {
        await selectNodeBackend(tf, backend);
    });
    it.each(CASES)('%s', (_title, config, mask) => {
        expect(tf.getBackend()).toBe(backend);
        const before = tf.memory().numTensors;
        // The backend's own buffers too: on wasm the fast loop makes some outside the engine's count.
        const backendBuffers = () => (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
        const buffers = backendBuffers();
        const kernelMemory = kernelMemoryInUse();
        const taped = run(config, false, mask);
        const fast = run(config, true, mask);
        expect(relativeDiff(fast.result.output, taped.result.output), 'output').toBeLessThan(1e-5);
        expect(relativeDiff(fast.result.gx, taped.result.gx), 'input gradient').toBeLessThan(1e-5);
        fast.result.grads.forEach((g, i) => expect(relativeDiff(g, taped.result.grads[i]), `weight ${i} gradient`).toBeLessThan(1e-5));
        taped.dispose();
        fast.dispose();
        expect(tf.memory().numTensors).toBe(before);
        expect(backendBuffers()).toBe(buffers);
        // Each backward pass gave its forward pass's kernel memory back (the one pass without a gradient, when the layer ran again).
        expect(kernelMemoryInUse()).toBe(kernelMemory);
    });
});

describe('go_backwards sends each step its own gradient (the taped loop once reversed the tape\'s record in place)', () => {
    it.each([false, true])('fast loop: %s, against central differences', fastLoop => {
        const Layer = kerasRecurrentClass(tf);
        const layer = new Layer({ kind: 'SimpleRNN', units: 2, goBackwards: true, fastLoop });
        layer.build([1, 3, 1]);
        const start = [tf.tensor([[0.5, -0.3]]), tf.tensor([[0.2, 0.1], [-0.4, 0.3]]), tf.tensor([0.1, 0.2])];
        layer.setWeights(start);
        const x = tf.tensor3d([1, 2, 3], [1, 3, 1]);
        const f = (input: tf.Tensor) => tf.sum(layer.apply(input) as tf.Tensor);
        const analytic = tf.grad(f)(x).dataSync();
        const numeric = [0, 1, 2].map(i => tf.tidy(() => {
            const d = tf.tensor3d([0, 1, 2].map(j => (j === i ? 1e-2 : 0)), [1, 3, 1]);
            return (f(tf.add(x, d)).dataSync()[0] - f(tf.sub(x, d)).dataSync()[0]) / 2e-2;
        }));
        numeric.forEach((n, i) => expect(analytic[i]).toBeCloseTo(n, 4));
        expect(Math.abs(analytic[0])).toBeGreaterThan(Math.abs(analytic[2]));
        tf.dispose([x, ...start]);
        layer.weights.forEach(w => w.dispose());
    });
});

describe('dropout masks (drawn in plain JavaScript)', () => {
    it('drop a `rate` share and scale the rest by 1 / (1 − rate), as Keras', () => {
        const mask = dropoutMask(20000, 0.3, 7);
        const dropped = mask.filter(v => v === 0).length / mask.length;
        expect(dropped).toBeGreaterThan(0.28);
        expect(dropped).toBeLessThan(0.32);
        expect(new Set(mask)).toEqual(new Set([0, Math.fround(1 / 0.7)]));
        expect(dropoutMask(500, 0.5, null).some(v => v === 0)).toBe(true);
    });

    it('repeat with a seed and differ between seeds', () => {
        expect(dropoutMask(64, 0.4, 11)).toEqual(dropoutMask(64, 0.4, 11));
        expect(dropoutMask(64, 0.4, 11)).not.toEqual(dropoutMask(64, 0.4, 12));
    });
});
