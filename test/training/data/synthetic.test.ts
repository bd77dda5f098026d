/** Synthetic data: deterministic by seed, with a signal worth learning. */
import { describe, expect, it } from 'vitest';
import { generateSynthetic, mulberry32 } from '../../../training/src/data/synthetic.js';

function correlation(a: readonly number[], b: readonly number[]): number {
    const n = a.length;
    const ma = a.reduce((s, x) => s + x, 0) / n;
    const mb = b.reduce((s, x) => s + x, 0) / n;
    let ab = 0, aa = 0, bb = 0;
    for (let i = 0; i < n; i++) {
        ab += (a[i] - ma) * (b[i] - mb);
        aa += (a[i] - ma) ** 2;
        bb += (b[i] - mb) ** 2;
    }
    return ab / Math.sqrt(aa * bb);
}

describe('synthetic data', () => {
    it('mulberry32 is deterministic and uniform-looking', () => {
        const a = mulberry32(42), b = mulberry32(42), c = mulberry32(43);
        const xs = Array.from({ length: 1000 }, () => a());
        expect(Array.from({ length: 1000 }, () => b())).toEqual(xs);
        expect(Array.from({ length: 1000 }, () => c())).not.toEqual(xs);
        expect(xs.every(x => x >= 0 && x < 1)).toBe(true);
        const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
        expect(mean).toBeGreaterThan(0.45);
        expect(mean).toBeLessThan(0.55);
    });

    for (const kind of ['sine', 'random_walk'] as const) {
        it(`${kind}: the same seed gives the same data, another seed other data`, () => {
            const a = generateSynthetic(kind, 300, 3, 7);
            expect(generateSynthetic(kind, 300, 3, 7)).toEqual(a);
            expect(generateSynthetic(kind, 300, 3, 8).rows).not.toEqual(a.rows);
            expect(a.columns).toEqual(['f0', 'f1', 'f2']);
            expect(a.rows.length).toBe(300);
            expect(a.rows.every(r => r.length === 3 && r.every(Number.isFinite))).toBe(true);
        });

        it(`${kind}: the next value of f0 is predictable from the last one`, () => {
            const { rows } = generateSynthetic(kind, 2000, 2, 0);
            const f0 = rows.map(r => r[0]);
            const next = f0.slice(1);
            const last = f0.slice(0, -1);
            expect(correlation(next, last)).toBeGreaterThan(0.8);
            // and not a constant: there is variation to learn.
            expect(Math.max(...f0) - Math.min(...f0)).toBeGreaterThan(0.5);
        });
    }

    it('sine: the other columns carry information about f0 (they lead it)', () => {
        const { rows } = generateSynthetic('sine', 2000, 2, 3);
        const f0 = rows.map(r => r[0]);
        const f1 = rows.map(r => r[1]);
        // f1 at t is the wave 2 steps ahead: it correlates with f0 two steps later.
        expect(correlation(f1.slice(0, -2), f0.slice(2))).toBeGreaterThan(0.9);
    });
});
