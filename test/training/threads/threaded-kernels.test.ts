/**
 * The recurrent kernels on two threads (each taking half of the batch for the whole sequence)
 * compute what they compute on one: the same outputs and input gradients, bit for bit (every
 * row is computed by the same code either way), and the same weight gradients within float
 * summation order (1e-5 relative: the two halves' sums are added at the end), for SimpleRNN,
 * LSTM, GRU and GRU with reset_after=False, both directions, with and without return_sequences,
 * with dropout masks (one for all gates, and one per gate) and masked steps; the same for the
 * Conv1D kernel (strided, dilated, with and without a bias); and both give their kernel memory back.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { fastConv1D } from '../../../training/src/layers/conv-kernel.js';
import { mulberry32 } from '../../../training/src/data/synthetic.js';
import { kernelForward, kernelMemoryInUse, type KernelKind, type KernelOptions, type KernelWeights } from '../../../training/src/layers/recurrent-kernel.js';
import { nodeSpawner } from '../../../training/src/threads/node-threads.js';
import { kernelThreadCount, stopKernelThreads, useKernelThreads } from '../../../training/src/threads/use-kernel-threads.js';

const GATES: Record<KernelKind, number> = { SimpleRNN: 1, LSTM: 4, GRU: 3, GRUClassic: 3 };
const [B, T, IN, H] = [32, 7, 5, 12];

function values(size: number, seed: number, scale = 1): Float32Array {
    const random = mulberry32(seed);
    return Float32Array.from({ length: size }, () => (random() * 2 - 1) * scale);
}

/** Keras-like dropout masks: zeros and 1/(1 − rate). */
function masks(count: number, size: number, seed: number): Float32Array[] {
    const random = mulberry32(seed);
    return Array.from({ length: count }, () => Float32Array.from({ length: size }, () => (random() < 0.25 ? 0 : 1 / 0.75)));
}

interface Case { name: string; o: KernelOptions }

function options(kind: KernelKind, extra: Partial<KernelOptions> = {}): KernelOptions {
    return {
        kind, batch: B, steps: T, inputs: IN, units: H, activation: 'tanh', recurrentActivation: 'sigmoid',
        returnSequences: true, goBackwards: false, inputMasks: null, stateMasks: null, stepMask: null,
        bias: kind === 'GRU' ? 'inputAndRecurrent' : 'input', ...extra
    };
}

const stepMask = Float32Array.from({ length: B * T }, (_, i) => ((i * 7) % 5 === 0 ? 0 : 1));
const CASES: Case[] = [
    { name: 'SimpleRNN, relu, last state', o: options('SimpleRNN', { activation: 'relu', returnSequences: false }) },
    { name: 'LSTM', o: options('LSTM') },
    { name: 'LSTM, go_backwards, one dropout mask for every gate, masked steps', o: options('LSTM', { goBackwards: true, inputMasks: masks(1, B * IN, 3), stateMasks: masks(1, B * H, 4), stepMask }) },
    { name: 'LSTM, a recurrent dropout mask per gate, last state', o: options('LSTM', { returnSequences: false, inputMasks: masks(4, B * IN, 5), stateMasks: masks(4, B * H, 6) }) },
    { name: 'GRU (reset_after=True), masked steps', o: options('GRU', { stepMask, stateMasks: masks(3, B * H, 7) }) },
    { name: 'GRU (reset_after=False), go_backwards', o: options('GRUClassic', { goBackwards: true, inputMasks: masks(3, B * IN, 8) }) },
    { name: 'LSTM on an odd batch of 27', o: { ...options('LSTM'), batch: 27 } }
];

function weights(o: KernelOptions): KernelWeights {
    const gh = GATES[o.kind] * H;
    return {
        kernel: values(IN * gh, 11, 0.5), recurrentKernel: values(H * gh, 12, 0.5),
        bias: o.bias === 'none' ? null : values(o.bias === 'input' ? gh : 2 * gh, 13, 0.2)
    };
}

/** Output, and every gradient for a fixed output gradient, copied out of kernel memory. */
function pass(o: KernelOptions) {
    const x = values(o.batch * T * IN, 21);
    const forward = kernelForward(o, x, weights(o));
    const output = forward.output.slice();
    const dOut = values(output.length, 22);
    const grads = forward.backward(dOut, g => ({ dx: g.dx.slice(), dKernel: g.dKernel.slice(), dRecurrentKernel: g.dRecurrentKernel.slice(), dBias: g.dBias?.slice() ?? null }));
    return { output, ...grads };
}

function relative(a: Float32Array, b: Float32Array): number {
    expect(a.length).toBe(b.length);
    const scale = Math.max(1e-3, ...Array.from(b, Math.abs));
    return Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]))) / scale;
}

afterAll(() => stopKernelThreads());

describe('the recurrent kernels on two threads', () => {
    it.each(CASES)('$name: as on one thread', async ({ o }) => {
        await useKernelThreads(1, nodeSpawner);
        const used = kernelMemoryInUse();
        const one = pass(o);
        await useKernelThreads(2, nodeSpawner);
        expect(kernelThreadCount()).toBe(2);
        const two = pass(o);
        expect(kernelMemoryInUse()).toBe(used);
        expect(two.output).toEqual(one.output);
        expect(two.dx).toEqual(one.dx);
        expect(relative(two.dKernel, one.dKernel)).toBeLessThan(1e-5);
        expect(relative(two.dRecurrentKernel, one.dRecurrentKernel)).toBeLessThan(1e-5);
        if (one.dBias) expect(relative(two.dBias!, one.dBias)).toBeLessThan(1e-5);
        // Not trivially equal: the weights' gradients are not zero.
        expect(Math.max(...Array.from(one.dRecurrentKernel, Math.abs))).toBeGreaterThan(1e-3);
    });
});

/** Conv1D's output and gradients of Σ conv(x) · u for x [32, 15, 4], a kernel [3, 4, 5]. */
function conv(stride: number, dilation: number, bias: boolean): Float32Array[] {
    return tf.tidy(() => {
        const x = tf.tensor3d(values(32 * 15 * 4, 31), [32, 15, 4]);
        const w = tf.tensor3d(values(3 * 4 * 5, 32, 0.5), [3, 4, 5]);
        const b = tf.tensor1d(values(5, 33, 0.2));
        const outSteps = Math.floor((15 - dilation * 2 - 1) / stride) + 1;
        const f = (a: tf.Tensor3D, k: tf.Tensor3D, c?: tf.Tensor1D) => fastConv1D(tf, a, k, c, { stride, dilation, padLeft: 0, outSteps });
        const u = tf.tensor(values(32 * outSteps * 5, 34), [32, outSteps, 5]);
        const output = f(x, w, bias ? b : undefined);
        const grads = bias
            ? tf.grads((a, k, c) => tf.sum(tf.mul(f(a as tf.Tensor3D, k as tf.Tensor3D, c as tf.Tensor1D), u)))([x, w, b])
            : tf.grads((a, k) => tf.sum(tf.mul(f(a as tf.Tensor3D, k as tf.Tensor3D), u)))([x, w]);
        return [output, ...grads].map(t => t.dataSync() as Float32Array);
    });
}

describe('the Conv1D kernel on two threads', () => {
    it.each([[1, 1, true], [2, 1, false], [1, 2, true]])('stride %i, dilation %i, bias %s: as on one thread', async (stride, dilation, bias) => {
        await useKernelThreads(1, nodeSpawner);
        const used = kernelMemoryInUse();
        const [output, dx, ...weights] = conv(stride, dilation, bias);
        await useKernelThreads(2, nodeSpawner);
        const [output2, dx2, ...weights2] = conv(stride, dilation, bias);
        expect(kernelMemoryInUse()).toBe(used);
        expect(output2).toEqual(output);
        expect(dx2).toEqual(dx);
        weights.forEach((w, i) => expect(relative(weights2[i], w)).toBeLessThan(1e-5));
    });
});
