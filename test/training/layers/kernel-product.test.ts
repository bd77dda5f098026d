/**
 * The kernels' matrix product (training/wasm/assembly/products.ts: 4 × 8 blocks, the last
 * column block cut short, the last rows one at a time) equals a plain product for shapes on
 * and off every block edge.
 */
import { describe, expect, it } from 'vitest';
import { kernelProduct } from '../../../training/src/layers/recurrent-kernel.js';
import { mulberry32 } from '../../../training/src/data/synthetic.js';

function plain(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float64Array {
    const c = new Float64Array(m * n);
    for (let i = 0; i < m; i++) for (let p = 0; p < k; p++) for (let j = 0; j < n; j++) c[i * n + j] += a[i * k + p] * b[p * n + j];
    return c;
}

describe('the kernels\' matrix product', () => {
    const shapes: Array<[number, number, number]> = [
        [1, 1, 1], [3, 5, 7], [4, 8, 8], [5, 9, 9], [32, 30, 30], [32, 60, 240], [7, 1, 13], [320, 30, 160], [30, 320, 30], [33, 17, 12], [2, 3, 4]
    ];
    it.each(shapes)('m %i, k %i, n %i: equals a plain product', (m, k, n) => {
        const random = mulberry32(m * 1000 + k * 10 + n);
        const a = Float32Array.from({ length: m * k }, () => random() * 2 - 1);
        const b = Float32Array.from({ length: k * n }, () => random() * 2 - 1);
        const got = kernelProduct(a, b, m, k, n);
        const want = plain(a, b, m, k, n);
        expect(got.length).toBe(m * n);
        got.forEach((v, i) => expect(Math.abs(v - want[i])).toBeLessThan(1e-5 * Math.max(1, k)));
    });
});
