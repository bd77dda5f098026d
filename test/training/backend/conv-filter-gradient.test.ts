/**
 * The fast Conv2DBackpropFilter equals tfjs's own cpu kernel (computed first, before the
 * replacement) on the cpu backend and on wasm, for conv1d and conv2d with strides and both
 * paddings; and training a Conv1D model uses it (wasm has no kernel of its own).
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerFastConvFilterGradient } from '../../../training/src/backend/conv-backprop-filter.js';
import { selectNodeBackend } from '../../../training/src/backend/node-backend.js';
import { mulberry32 } from '../../../training/src/data/synthetic.js';

interface Case { name: string; x: number[]; filter: number[]; strides: [number, number]; pad: 'valid' | 'same' }

const CASES: Case[] = [
    { name: 'conv1d k=2 valid', x: [4, 1, 23, 64], filter: [1, 2, 64, 16], strides: [1, 1], pad: 'valid' },
    { name: 'conv1d k=3 stride 2 same', x: [3, 1, 13, 5], filter: [1, 3, 5, 7], strides: [1, 2], pad: 'same' },
    { name: 'conv1d k=4 stride 3 valid', x: [2, 1, 17, 3], filter: [1, 4, 3, 2], strides: [1, 3], pad: 'valid' },
    { name: 'conv2d 3×2 stride 2×1 same', x: [2, 7, 6, 3], filter: [3, 2, 3, 4], strides: [2, 1], pad: 'same' }
];

function values(size: number, seed: number): Float32Array {
    const random = mulberry32(seed);
    return Float32Array.from({ length: size }, () => random() * 2 - 1);
}

/** The filter gradient of Σ conv2d(x, W) · u, which tfjs computes with Conv2DBackpropFilter. */
function filterGradient(c: Case, seed: number): Float32Array {
    return tf.tidy(() => {
        const x = tf.tensor4d(values(c.x.reduce((a, b) => a * b), seed), c.x as [number, number, number, number]);
        const w = tf.tensor4d(values(c.filter.reduce((a, b) => a * b), seed + 1), c.filter as [number, number, number, number]);
        const out = tf.conv2d(x, w, c.strides, c.pad);
        const u = tf.tensor(values(out.size, seed + 2), out.shape);
        const g = tf.grad((k: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(x, k as tf.Tensor4D, c.strides, c.pad), u)))(w);
        return g.dataSync() as Float32Array;
    });
}

function maxRelativeDiff(a: Float32Array, b: Float32Array): number {
    expect(a.length).toBe(b.length);
    const scale = Math.max(1, ...Array.from(b, Math.abs));
    return Math.max(...Array.from(a, (v, i) => Math.abs(v - b[i]))) / scale;
}

const stock = new Map<string, Float32Array>();

beforeAll(async () => {
    await tf.setBackend('cpu');
    CASES.forEach((c, i) => stock.set(c.name, filterGradient(c, 10 * i)));
    registerFastConvFilterGradient(tf);
});

describe('the fast conv filter gradient', () => {
    it('replaces the cpu kernel with one that equals tfjs\'s', () => {
        expect((tf.getKernel('Conv2DBackpropFilter', 'cpu')!.kernelFunc as { rnnLensFast?: boolean }).rnnLensFast).toBe(true);
        CASES.forEach((c, i) => expect(maxRelativeDiff(filterGradient(c, 10 * i), stock.get(c.name)!), c.name).toBeLessThan(1e-5));
    });

    it('runs on wasm with the same results, leaking no tensor', async () => {
        const choice = await selectNodeBackend(tf, 'wasm');
        expect(choice.backend).toBe('wasm');
        const before = tf.memory().numTensors;
        CASES.forEach((c, i) => expect(maxRelativeDiff(filterGradient(c, 10 * i), stock.get(c.name)!), c.name).toBeLessThan(1e-5));
        expect(tf.memory().numTensors).toBe(before);
        await tf.setBackend('cpu');
    });

    it('registering twice keeps one fast kernel (the NCHW fallback is not itself)', () => {
        const first = tf.getKernel('Conv2DBackpropFilter', 'cpu')!.kernelFunc;
        registerFastConvFilterGradient(tf);
        expect(tf.getKernel('Conv2DBackpropFilter', 'cpu')!.kernelFunc).toBe(first);
    });
});
