/**
 * Pooling as one operation (fast-pooling.ts) equals tfjs's pooling on an added axis, forwards
 * and in its gradient: max and average, valid and same (TF's: the padding never the maximum, not
 * counted in the average), strides below, at and above the window, ties (the first maximum takes
 * the gradient), on cpu and wasm; leaking no tensor. The average's gradient is checked against
 * differences of tfjs's forward pass instead (exact: the average is linear): tfjs's own avgPool
 * gradient divides a padded window's share by the whole window, not by what its forward averaged.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectNodeBackend } from '../../../training/src/backend/node-backend.js';
import { poolLength, samePadding } from '../../../training/src/layers/conv-ops.js';
import { fastPool1D } from '../../../training/src/layers/fast-pooling.js';
import { mulberry32 } from '../../../training/src/data/synthetic.js';

const CASES: Array<{ mode: 'max' | 'avg'; pool: number; stride: number; padding: 'valid' | 'same' }> = [
    { mode: 'max', pool: 2, stride: 2, padding: 'valid' },
    { mode: 'max', pool: 3, stride: 1, padding: 'same' },
    { mode: 'max', pool: 2, stride: 3, padding: 'same' },
    { mode: 'avg', pool: 2, stride: 2, padding: 'valid' },
    { mode: 'avg', pool: 3, stride: 2, padding: 'same' },
    { mode: 'avg', pool: 4, stride: 1, padding: 'same' }
];
const SHAPE: [number, number, number] = [3, 11, 4];

function run(c: (typeof CASES)[number], fast: boolean): number[][] {
    return tf.tidy(() => {
        const random = mulberry32(3);
        // Three levels only: windows with equal maxima.
        const x = tf.tensor3d(Array.from({ length: SHAPE[0] * SHAPE[1] * SHAPE[2] }, () => Math.floor(random() * 3)), SHAPE);
        const pool = (input: tf.Tensor3D): tf.Tensor => {
            if (fast) {
                const padLeft = c.padding === 'same' ? samePadding(SHAPE[1], c.pool, c.stride)[0] : 0;
                return fastPool1D(tf, input, { mode: c.mode, poolSize: c.pool, strides: c.stride, padLeft, outSteps: poolLength(SHAPE[1], c.pool, c.stride, c.padding)! });
            }
            const x4 = tf.expandDims(input, 2) as tf.Tensor4D;
            const pooled = c.mode === 'max' ? tf.maxPool(x4, [c.pool, 1], [c.stride, 1], c.padding) : tf.avgPool(x4, [c.pool, 1], [c.stride, 1], c.padding);
            return tf.squeeze(pooled, [2]);
        };
        const y = pool(x);
        const u = tf.tensor(Array.from({ length: y.size }, (_, i) => i + 1), y.shape);
        const loss = (input: tf.Tensor) => tf.sum(tf.mul(pool(input as tf.Tensor3D), u));
        if (fast || c.mode === 'max') return [y.shape, Array.from(y.dataSync()), Array.from(tf.grad(loss)(x).dataSync())];
        // The average is linear in x: L(x + e_i) − L(x) is its gradient at i (L summed in double precision).
        const weights = u.dataSync();
        const loss64 = (input: tf.Tensor) => Array.from(pool(input as tf.Tensor3D).dataSync()).reduce((sum, v, i) => sum + v * weights[i], 0);
        const base = loss64(x);
        const g = Array.from({ length: x.size }, (_, i) => loss64(tf.add(x, tf.oneHot(i, x.size).reshape(SHAPE))) - base);
        return [y.shape, Array.from(y.dataSync()), g];
    });
}

afterAll(async () => {
    await selectNodeBackend(tf, 'cpu');
});

describe.each(['cpu', 'wasm'] as const)('pooling as one operation on %s', backend => {
    beforeAll(async () => {
        await selectNodeBackend(tf, backend);
    });
    it.each(CASES)('$mode, pool $pool, strides $stride, $padding: equals tfjs\'s pooling and its gradient', c => {
        const tensors = tf.memory().numTensors;
        const [shape, y, g] = run(c, true);
        const [wantShape, wantY, wantG] = run(c, false);
        expect(shape).toEqual(wantShape);
        y.forEach((v, i) => expect(v, `y ${i}`).toBeCloseTo(wantY[i], 5));
        g.forEach((v, i) => expect(v, `g ${i}`).toBeCloseTo(wantG[i], 4));
        expect(tf.memory().numTensors).toBe(tensors);
    });
});
