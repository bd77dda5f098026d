/**
 * The wasm kernels RNN Lens rewrites give tfjs's cpu kernels' values: matMul with a transposed
 * operand as a transpose and a plain product (plain-matmul.ts), for every combination of flags,
 * 2-D and batched 3-D, and through a gradient (which asks for the transposed forms); Slice,
 * SplitV, Reverse and GatherV2 reading the heap in place (heap-slice.ts, heap-gather.ts), for ranks 1
 * to 4, on every axis; and the stock switch hands back to tfjs's own kernels. No tensor left behind.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { useStockKernels } from '../../../training/src/backend/kernel-switch.js';
import { selectNodeBackend } from '../../../training/src/backend/node-backend.js';
import { mulberry32 } from '../../../training/src/data/synthetic.js';

function values(size: number, seed: number): Float32Array {
    const random = mulberry32(seed);
    return Float32Array.from({ length: size }, () => random() * 2 - 1);
}

async function on<T>(backend: 'cpu' | 'wasm', f: () => T): Promise<T> {
    await selectNodeBackend(tf, backend);
    return f();
}

/** The backend's own buffers: the rewrites make intermediates the engine does not count. */
const backendBuffers = () => (tf.backend() as unknown as { numDataIds(): number }).numDataIds();

afterAll(async () => {
    await selectNodeBackend(tf, 'cpu');
});

function product(aShape: number[], bShape: number[], transposeA: boolean, transposeB: boolean): number[] {
    return tf.tidy(() => {
        const a = tf.tensor(values(aShape.reduce((x, y) => x * y), 1), aShape);
        const b = tf.tensor(values(bShape.reduce((x, y) => x * y), 2), bShape);
        return Array.from(tf.matMul(a, b, transposeA, transposeB).dataSync());
    });
}

describe('wasm matMul with transposed operands', () => {
    it('is registered over wasm\'s own kernel', async () => {
        await on('wasm', () => undefined);
        expect((tf.getKernel('BatchMatMul', 'wasm')?.kernelFunc as { rnnLensFast?: boolean }).rnnLensFast).toBe(true);
    });

    const cases: Array<[string, number[], number[], boolean, boolean]> = [
        ['plain', [7, 5], [5, 3], false, false],
        ['transposeA', [5, 7], [5, 3], true, false],
        ['transposeB', [7, 5], [3, 5], false, true],
        ['both', [5, 7], [3, 5], true, true],
        ['batched, transposeA', [2, 5, 7], [2, 5, 3], true, false],
        ['batched, transposeB', [2, 7, 5], [2, 3, 5], false, true]
    ];
    it.each(cases)('%s equals the cpu kernel', async (_title, aShape, bShape, transposeA, transposeB) => {
        const expected = await on('cpu', () => product(aShape, bShape, transposeA, transposeB));
        const numTensors = tf.memory().numTensors;
        await on('wasm', () => undefined);
        const buffers = backendBuffers();
        const actual = product(aShape, bShape, transposeA, transposeB);
        expect(tf.memory().numTensors).toBe(numTensors);
        expect(backendBuffers()).toBe(buffers);
        expect(actual.length).toBe(expected.length);
        actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    });

    it('gives a Dense-like product the same gradients as cpu', async () => {
        const grads = () => tf.tidy(() => {
            const x = tf.tensor2d(values(6 * 4, 3), [6, 4]);
            const w = tf.tensor2d(values(4 * 3, 4), [4, 3]);
            const [gx, gw] = tf.grads((a: tf.Tensor, b: tf.Tensor) => tf.sum(tf.square(tf.matMul(a, b))))([x, w]);
            return [...gx.dataSync(), ...gw.dataSync()];
        });
        const expected = await on('cpu', grads);
        const actual = await on('wasm', grads);
        actual.forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
    });
});

describe('wasm Slice, SplitV, Reverse and GatherV2 read the heap in place', () => {
    it('are registered over wasm\'s own kernels', async () => {
        await on('wasm', () => undefined);
        for (const name of ['Slice', 'SplitV', 'Reverse', 'GatherV2']) expect((tf.getKernel(name, 'wasm')?.kernelFunc as { rnnLensFast?: boolean }).rnnLensFast).toBe(true);
    });

    const cuts = (): number[][] => tf.tidy(() => {
        const out: number[][] = [];
        const t1 = tf.tensor1d(values(9, 5));
        const t2 = tf.tensor2d(values(5 * 7, 6), [5, 7]);
        const t3 = tf.tensor3d(values(3 * 4 * 6, 7), [3, 4, 6]);
        const t4 = tf.tensor4d(values(2 * 3 * 4 * 5, 8), [2, 3, 4, 5]);
        const ints = tf.tensor2d([1, 2, 3, 4, 5, 6], [2, 3], 'int32');
        out.push(Array.from(tf.slice(t1, 2, 4).dataSync()));
        out.push(Array.from(tf.slice(t2, [1, 2], [3, 4]).dataSync()));
        out.push(Array.from(tf.slice(t2, [0, 0], [5, 7]).dataSync()));
        out.push(Array.from(tf.slice(t3, [1, 0, 2], [2, 4, 3]).dataSync()));
        out.push(Array.from(tf.slice(t4, [1, 1, 0, 2], [1, 2, 4, 2]).dataSync()));
        out.push(Array.from(tf.slice(ints, [0, 1], [2, 2]).dataSync()));
        out.push(tf.slice(t2, [1, 2], [0, 3]).shape);
        for (const axis of [0, 1, 2]) tf.split(t3, axis === 2 ? [1, 2, 3] : axis === 1 ? 2 : 3, axis).forEach(p => out.push(Array.from(p.dataSync()), p.shape));
        for (const [t, axes] of [[t1, [0]], [t2, [0]], [t2, [1]], [t2, [0, 1]], [t3, [1]], [t3, [1, 2]], [t4, [0, 3]], [t4, [2]], [ints, [1]]] as Array<[tf.Tensor, number[]]>) {
            out.push(Array.from(tf.reverse(t, axes).dataSync()));
        }
        for (const [t, indices, axis] of [[t1, [8, 0, 3], 0], [t3, [2, 0, 2], 0], [t3, [[1, 3], [0, 0]], 1], [t4, [4, 0], 3], [ints, [1, 0, 1], 0], [t2, [], 1]] as Array<[tf.Tensor, number[] | number[][], number]>) {
            const gathered = tf.gather(t, tf.tensor(indices, undefined, 'int32'), axis);
            out.push(Array.from(gathered.dataSync()), gathered.shape);
        }
        // A gradient through a reverse (itself a reverse), a slice (its gradient pads) and a split (concat).
        const g = tf.grad((x: tf.Tensor) => tf.sum(tf.mul(tf.split(tf.reverse(x, 1), 2, 1)[1], tf.slice(x, [0, 0], [5, 3]))))(tf.slice(t2, [0, 0], [5, 6]));
        out.push(Array.from(g.dataSync()));
        return out;
    });

    it('cut what the cpu kernels cut, through a gradient too', async () => {
        const expected = await on('cpu', cuts);
        const numTensors = tf.memory().numTensors;
        await on('wasm', () => undefined);
        const buffers = backendBuffers();
        const actual = cuts();
        expect(tf.memory().numTensors).toBe(numTensors);
        expect(backendBuffers()).toBe(buffers);
        expect(actual).toEqual(expected);
    });

    it('refuse a gather index out of range, as the cpu kernel does', async () => {
        await on('wasm', () => undefined);
        const t = tf.tensor2d(values(6, 9), [3, 2]);
        const indices = tf.tensor1d([0, 3], 'int32');
        const buffers = backendBuffers();
        expect(() => tf.gather(t, indices)).toThrow(/index value 3 is not in \[0, 2\]/);
        expect(backendBuffers()).toBe(buffers);
        tf.dispose([t, indices]);
    });

    it('hand back to tfjs\'s own kernels under the stock switch', async () => {
        const expected = await on('wasm', cuts);
        useStockKernels(true);
        try {
            expect(await on('wasm', cuts)).toEqual(expected);
            const stockProduct = await on('wasm', () => product([5, 7], [5, 3], true, false));
            useStockKernels(false);
            const ours = await on('wasm', () => product([5, 7], [5, 3], true, false));
            stockProduct.forEach((v, i) => expect(v).toBeCloseTo(ours[i], 5));
        } finally {
            useStockKernels(false);
        }
    });
});
