/**
 * The kernels' memory blocks (kernel-memory.ts): aligned, never overlapping, reused after
 * release (merged with free neighbours), the memory grown when nothing fits, and every value
 * accounted for.
 */
import { describe, expect, it } from 'vitest';
import { KernelMemory } from '../../../training/src/layers/kernel-memory.js';
import { mulberry32 } from '../../../training/src/data/synthetic.js';

const memory = () => new KernelMemory(new WebAssembly.Memory({ initial: 1 }), 100);

describe('kernel memory', () => {
    it('hands out aligned blocks above the base, and reuses a released one', () => {
        const m = memory();
        const a = m.allocate(10);
        const b = m.allocate(3);
        expect(a).toBe(100);
        expect(b).toBe(112);
        expect([a % 4, b % 4]).toEqual([0, 0]);
        m.release(a);
        expect(m.allocate(12)).toBe(100);
        expect(m.inUse).toBe(16);
    });

    it('merges free neighbours, so that a larger block fits where two were', () => {
        const m = memory();
        const [a, b, c] = [m.allocate(8), m.allocate(8), m.allocate(8)];
        m.release(a);
        m.release(b);
        expect(m.allocate(16)).toBe(a);
        m.release(c);
        expect(m.inUse).toBe(16);
    });

    it('grows the memory for a block that does not fit, keeping what is there', () => {
        const wasm = new WebAssembly.Memory({ initial: 1 });
        const m = new KernelMemory(wasm, 0);
        const a = m.allocate(100);
        m.view().fill(7, a, a + 100);
        const big = m.allocate(100_000);
        expect(wasm.buffer.byteLength).toBeGreaterThanOrEqual((big + 100_000) * 4);
        expect(Array.from(m.view().subarray(a, a + 100))).toEqual(new Array(100).fill(7));
    });

    it('refuses to release a block it did not hand out', () => {
        const m = memory();
        expect(() => m.release(104)).toThrow(/no block at 104/);
    });

    it('never hands out overlapping blocks over a random run, and gets everything back', () => {
        const m = memory();
        const random = mulberry32(11);
        const live = new Map<number, number>();
        for (let step = 0; step < 2000; step++) {
            if (live.size > 0 && random() < 0.45) {
                const starts = [...live.keys()];
                const start = starts[Math.floor(random() * starts.length)];
                m.release(start);
                live.delete(start);
                continue;
            }
            const size = 1 + Math.floor(random() * 300);
            const start = m.allocate(size);
            for (const [s, n] of live) expect(start + size <= s || s + n <= start).toBe(true);
            live.set(start, Math.ceil(size / 4) * 4);
        }
        for (const start of live.keys()) m.release(start);
        expect(m.inUse).toBe(0);
        // All free again: the first block starts at the base once more.
        expect(m.allocate(1)).toBe(100);
    });
});
