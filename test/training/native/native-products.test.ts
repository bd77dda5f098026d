/**
 * The native products (training/native/, docs/training-native.md) against the wasm products they
 * stand in for: gemm and gemmTransposedA of the kernels module on random shapes and strides, the
 * edges included (m, n or k = 1, every remainder of the register blocks, accumulate), with each
 * instruction set this CPU runs; the addon on an own memory that grows (its buffer moves) and on
 * a shared one; a product reaching outside the memory throws instead of reading it; and the
 * fallback where the addon is off or absent. Skipped, saying so, where the addon cannot build.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildNative, NATIVE_TARGET } from '../../../scripts/build-native.mjs';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { useNativeProducts } from '../../../training/src/backend/native-addon.js';
import { kernelModule, ownModule, type KernelModule } from '../../../training/src/layers/kernel-module.js';
import { nativeThreadData, productsInUse, type NativeAddon } from '../../../training/src/layers/native-products.js';
import { mulberry32 } from '../../../training/src/data/synthetic.js';

const built = buildNative();
const native = existsSync(NATIVE_TARGET);
if (!native) console.warn(`native products tests skipped: ${built}`);

interface Shape { m: number; n: number; k: number; lda: number; ldb: number; ldc: number; accumulate: boolean; transposed: boolean }

/** Random shapes with every row remainder of 8 (AVX-512) and 6 (AVX2) rows, every column remainder of 32 and 16, k from 0. */
function shapes(): Shape[] {
    const random = mulberry32(5);
    const int = (lo: number, hi: number) => lo + Math.floor(random() * (hi - lo + 1));
    const list: Shape[] = [];
    for (const [m, n, k] of [[1, 1, 1], [1, 33, 7], [13, 1, 5], [9, 17, 1], [32, 30, 30], [32, 1, 30], [8, 32, 64], [24, 48, 0], [736, 128, 64], [64, 128, 736]]) {
        for (const transposed of [false, true]) list.push({ m, n, k, lda: transposed ? m : k, ldb: n, ldc: n, accumulate: false, transposed });
    }
    for (let i = 0; i < 60; i++) {
        const m = int(1, 40), n = int(1, 70), k = int(1, 50), transposed = i % 3 === 0;
        list.push({ m, n, k, lda: (transposed ? m : k) + int(0, 5), ldb: n + int(0, 9), ldc: n + int(0, 7), accumulate: !transposed && i % 2 === 0, transposed });
    }
    return list;
}

/** Runs `shape` on `module` with the products where they are now: C as it comes out (A, B, C drawn from `seed`). */
function product(module: KernelModule, s: Shape, seed: number): Float32Array {
    const random = mulberry32(seed);
    const aSize = s.transposed ? s.k * s.lda : s.m * s.lda;
    const sizes = [Math.max(1, aSize), Math.max(1, s.k * s.ldb), s.m * s.ldc];
    const [a, b, c] = sizes.map(size => module.memory.allocate(size + 8));
    try {
        const f = module.memory.view();
        sizes.forEach((size, i) => { for (let j = 0; j < size; j++) f[[a, b, c][i] + j] = random() * 2 - 1; });
        const k = module.exports;
        if (s.transposed) k.gemmTransposedA(s.m, s.n, s.k, a * 4, s.lda, b * 4, s.ldb, c * 4, s.ldc);
        else k.gemm(s.m, s.n, s.k, a * 4, s.lda, b * 4, s.ldb, c * 4, s.ldc, s.accumulate ? 1 : 0);
        return module.memory.view().slice(c, c + s.m * s.ldc);
    } finally {
        [a, b, c].forEach(p => module.memory.release(p));
    }
}

/** The largest difference, relative to the largest value (at least 1). */
function difference(x: Float32Array, y: Float32Array): number {
    let scale = 1, diff = 0;
    for (let i = 0; i < x.length; i++) {
        scale = Math.max(scale, Math.abs(y[i]));
        diff = Math.max(diff, Math.abs(x[i] - y[i]));
    }
    return diff / scale;
}

describe.skipIf(!native)('the native products compute what the wasm products compute', () => {
    let kernels: readonly string[] = [];
    beforeAll(() => {
        useNativeProducts('');
        kernels = (productsInUse().text === 'wasm SIMD') ? [] : ['avx512', 'avx2'].filter(k => useNativeProducts(k).reason === `RNN_LENS_NATIVE=${k}`);
    });
    afterAll(() => useNativeProducts(''));

    it('loads with a kernel this CPU runs', () => {
        expect(kernels.length).toBeGreaterThan(0);
    });

    it.each(['avx512', 'avx2'])('%s: every shape, stride, accumulate and transposed A, within 1e-6 of wasm', kernel => {
        if (!kernels.includes(kernel)) return; // this CPU does not run it (said by the test above's list)
        const m = kernelModule();
        shapes().forEach((s, i) => {
            useNativeProducts('off');
            const wasm = product(m, s, i + 1);
            useNativeProducts(kernel, undefined, 1); // every product native
            const mine = product(m, s, i + 1);
            // The same sum over p in order; a fused multiply-add rounds once where wasm rounds twice.
            expect(difference(mine, wasm), JSON.stringify(s)).toBeLessThan(1e-6);
            // And the columns past n of each row (the stride's room) are left alone.
            for (let r = 0; r < s.m; r++) expect(mine.subarray(r * s.ldc + s.n, (r + 1) * s.ldc)).toEqual(wasm.subarray(r * s.ldc + s.n, (r + 1) * s.ldc));
        });
    });

    it('on an own memory that grows (its buffer moves), and a product outside the memory throws', () => {
        useNativeProducts('', undefined, 1);
        const source = nativeThreadData()!;
        const addon = createRequire(import.meta.url)(source.path) as NativeAddon;
        const own = ownModule();
        const s: Shape = { m: 37, n: 45, k: 29, lda: 29, ldb: 45, ldc: 45, accumulate: true, transposed: false };
        const before = product(own, s, 3);
        const pages = own.exports.memory.buffer.byteLength / 65536;
        const big = own.memory.allocate(pages * 65536 / 4 * 2); // grows the memory: a new buffer
        expect(own.exports.memory.buffer.byteLength / 65536).toBeGreaterThan(pages);
        const after = product(own, s, 3);
        own.memory.release(big);
        expect(after).toEqual(before);
        useNativeProducts('off');
        expect(difference(product(own, s, 3), after)).toBeLessThan(1e-6);
        const bound = addon.bind(own.exports.memory, source.kernel);
        const end = own.exports.memory.buffer.byteLength;
        expect(() => bound(1, 1, 1, end, 1, 0, 1, 0, 1, 0)).toThrow(/outside the kernel memory/);
        expect(() => bound(2, 2, 2, 0, 2, 0, 2, end - 8, 2, 0)).toThrow(/outside the kernel memory/);
        expect(() => bound(1, 1)).toThrow(/10 arguments/);
    });
});

describe('without the native products', () => {
    afterAll(() => useNativeProducts(''));

    it('RNN_LENS_NATIVE=off keeps every product in wasm, and says so', () => {
        expect(useNativeProducts('off')).toEqual({ text: 'wasm SIMD', reason: 'RNN_LENS_NATIVE=off' });
        expect(nativeThreadData()).toBeNull();
        const s: Shape = { m: 33, n: 20, k: 17, lda: 17, ldb: 20, ldc: 20, accumulate: false, transposed: false };
        const c = product(kernelModule(), s, 9);
        expect(c.some(v => v !== 0)).toBe(true);
    });

    it('an absent addon leaves the products in wasm with the reason', () => {
        const choice = useNativeProducts('', ['/nonexistent/rnn-lens-native.node']);
        expect(choice.text).toBe('wasm SIMD');
        expect(choice.reason).toMatch(/not built here/);
    });
});
