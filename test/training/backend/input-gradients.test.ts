/**
 * The wasm input gradients RNN Lens rewrites (conv-input-gradient.ts: a convolution's as one
 * matMul per filter tap; max-pool-gradient.ts: a max pooling's as one loop) equal tfjs's cpu
 * kernels for conv1d and conv2d with strides and both paddings, and for poolings with ties
 * (the first largest value takes the gradient), leaking nothing; registered over wasm's own,
 * whose MaxPoolGrad (tfjs 4.22) loses gradients: checked here, so that an upgrade that mends it
 * is noticed.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { useStockKernels } from '../../../training/src/backend/kernel-switch.js';
import { selectNodeBackend } from '../../../training/src/backend/node-backend.js';
import { mulberry32 } from '../../../training/src/data/synthetic.js';

function values(size: number, seed: number, levels = 0): Float32Array {
    const random = mulberry32(seed);
    // With `levels`, few distinct values: windows with ties.
    return Float32Array.from({ length: size }, () => (levels ? Math.floor(random() * levels) : random() * 2 - 1));
}

type Shape4 = [number, number, number, number];
const CONVS: Array<{ name: string; x: Shape4; filter: Shape4; strides: [number, number]; pad: 'valid' | 'same' }> = [
    { name: 'conv1d k=2 valid', x: [4, 1, 23, 64], filter: [1, 2, 64, 16], strides: [1, 1], pad: 'valid' },
    { name: 'conv1d k=3 stride 2 same', x: [3, 1, 13, 5], filter: [1, 3, 5, 7], strides: [1, 2], pad: 'same' },
    { name: 'conv1d k=4 stride 3 valid', x: [2, 1, 17, 3], filter: [1, 4, 3, 2], strides: [1, 3], pad: 'valid' },
    { name: 'conv2d 3×2 stride 2×1 same', x: [2, 7, 6, 3], filter: [3, 2, 3, 4], strides: [2, 1], pad: 'same' }
];
const POOLS: Array<{ name: string; x: Shape4; size: [number, number]; strides: [number, number]; pad: 'valid' | 'same' }> = [
    { name: 'pool1d 2 valid', x: [4, 1, 21, 6], size: [1, 2], strides: [1, 2], pad: 'valid' },
    { name: 'pool1d 3 stride 2 same', x: [3, 1, 10, 4], size: [1, 3], strides: [1, 2], pad: 'same' },
    { name: 'pool2d 2×2 stride 1 valid', x: [2, 5, 4, 3], size: [2, 2], strides: [1, 1], pad: 'valid' }
];

/** The input gradients of Σ conv2d(x, W) · u and Σ maxPool(x) · u, on the current backend. */
function gradients(): number[][] {
    return tf.tidy(() => {
        const out: number[][] = [];
        CONVS.forEach((c, i) => {
            const x = tf.tensor4d(values(c.x.reduce((a, b) => a * b), 10 * i), c.x);
            const w = tf.tensor4d(values(c.filter.reduce((a, b) => a * b), 10 * i + 1), c.filter);
            const u = tf.tensor(values(tf.conv2d(x, w, c.strides, c.pad).size, 10 * i + 2), tf.conv2d(x, w, c.strides, c.pad).shape);
            out.push(Array.from(tf.grad((input: tf.Tensor) => tf.sum(tf.mul(tf.conv2d(input as tf.Tensor4D, w, c.strides, c.pad), u)))(x).dataSync()));
        });
        POOLS.forEach((p, i) => {
            const x = tf.tensor4d(values(p.x.reduce((a, b) => a * b), 50 + i, 3), p.x);
            const pooled = tf.maxPool(x, p.size, p.strides, p.pad);
            const u = tf.tensor(values(pooled.size, 60 + i), pooled.shape);
            out.push(Array.from(tf.grad((input: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(input as tf.Tensor4D, p.size, p.strides, p.pad), u)))(x).dataSync()));
        });
        return out;
    });
}

afterAll(async () => {
    await selectNodeBackend(tf, 'cpu');
});

describe('wasm input gradients of convolutions and max poolings', () => {
    it('are registered over wasm\'s own kernels', async () => {
        await selectNodeBackend(tf, 'wasm');
        for (const name of ['Conv2DBackpropInput', 'MaxPoolGrad']) expect((tf.getKernel(name, 'wasm')?.kernelFunc as { rnnLensFast?: boolean }).rnnLensFast).toBe(true);
    });

    it('equal the cpu kernels\', leaking no tensor or buffer', async () => {
        await selectNodeBackend(tf, 'cpu');
        const expected = gradients();
        await selectNodeBackend(tf, 'wasm');
        const tensors = tf.memory().numTensors;
        const buffers = (tf.backend() as unknown as { numDataIds(): number }).numDataIds();
        const actual = gradients();
        expect(tf.memory().numTensors).toBe(tensors);
        expect((tf.backend() as unknown as { numDataIds(): number }).numDataIds()).toBe(buffers);
        actual.forEach((a, i) => {
            expect(a.length).toBe(expected[i].length);
            const scale = Math.max(1, ...expected[i].map(Math.abs));
            a.forEach((v, j) => expect(Math.abs(v - expected[i][j]) / scale).toBeLessThan(1e-5));
        });
    });

    it('are needed: tfjs-wasm\'s own max pooling gradient drops some of the output\'s gradient', async () => {
        await selectNodeBackend(tf, 'wasm');
        // Four steps of three channels pooled in pairs: every output's gradient (1 to 6) must reach the input.
        const totals = [true, false].map(stock => {
            useStockKernels(stock);
            try {
                return tf.tidy(() => {
                    const x = tf.tensor4d(Array.from({ length: 12 }, (_, i) => Math.sin(i * 1.7)), [1, 1, 4, 3]);
                    const dy = tf.tensor4d([1, 2, 3, 4, 5, 6], [1, 1, 2, 3]);
                    return tf.grad((v: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(v as tf.Tensor4D, [1, 2], [1, 2], 'valid'), dy)))(x).sum().dataSync()[0];
                });
            } finally {
                useStockKernels(false);
            }
        });
        expect(totals[1]).toBe(21);
        expect(totals[0]).toBeLessThan(21);
    });
});
