/** Windows: which rows each window reads and which row its target is. */
import { describe, expect, it } from 'vitest';
import { makeWindows, targetRow, windowCount } from '../../../training/src/data/windows.js';

/** Row r of feature f holds r * 10 + f, so every value says where it came from. */
const rows = (n: number, features: number) => Array.from({ length: n }, (_, r) => Array.from({ length: features }, (_, f) => r * 10 + f));
const target = (n: number) => Array.from({ length: n }, (_, r) => 1000 + r);

describe('windows', () => {
    it('counts rows - lookback - horizon + 1 windows', () => {
        expect(windowCount(10, 3, 1)).toBe(7);
        expect(windowCount(10, 3, 2)).toBe(6);
        expect(windowCount(1461, 14, 1)).toBe(1447);
        expect(windowCount(3, 3, 1)).toBe(0);
        expect(windowCount(2, 5, 1)).toBe(0);
    });

    it('window w reads rows w..w+lookback-1 and predicts row w+lookback-1+horizon (horizon 1)', () => {
        const w = makeWindows(rows(6, 2), target(6), { lookback: 3, horizon: 1 });
        expect(w.n).toBe(3);
        expect([w.lookback, w.features, w.targetWidth]).toEqual([3, 2, 1]);
        expect(w.x.length).toBe(3 * 3 * 2);
        // Window 0: rows 0, 1, 2; window 2: rows 2, 3, 4.
        expect(Array.from(w.x.subarray(0, 6))).toEqual([0, 1, 10, 11, 20, 21]);
        expect(Array.from(w.x.subarray(12, 18))).toEqual([20, 21, 30, 31, 40, 41]);
        expect(Array.from(w.y)).toEqual([1003, 1004, 1005]);
        expect(Array.from(w.targetRows)).toEqual([3, 4, 5]);
    });

    it('horizon > 1 skips the rows between the window and the target', () => {
        const w = makeWindows(rows(10, 1), target(10), { lookback: 4, horizon: 3 });
        expect(w.n).toBe(10 - 4 - 3 + 1);
        expect(targetRow(0, 4, 3)).toBe(6);
        for (let i = 0; i < w.n; i++) {
            expect(Array.from(w.x.subarray(i * 4, i * 4 + 4))).toEqual([i, i + 1, i + 2, i + 3].map(r => r * 10));
            expect(w.y[i]).toBe(1000 + i + 4 - 1 + 3);
        }
        // The last window's target is the last row.
        expect(w.targetRows[w.n - 1]).toBe(9);
    });

    it('cuts a range of windows, and targets several values wide', () => {
        const oneHot = Array.from({ length: 8 }, (_, r) => [r % 2, 1 - (r % 2)]).flat();
        const w = makeWindows(rows(8, 1), oneHot, { lookback: 2, horizon: 1, from: 2, to: 5, targetWidth: 2 });
        expect(w.n).toBe(3);
        expect(Array.from(w.targetRows)).toEqual([4, 5, 6]);
        expect(Array.from(w.y)).toEqual([0, 1, 1, 0, 0, 1]);
        expect(Array.from(w.x)).toEqual([20, 30, 30, 40, 40, 50]);
    });

    it('gives no windows when the table is too short', () => {
        const w = makeWindows(rows(3, 2), target(3), { lookback: 3, horizon: 1 });
        expect([w.n, w.x.length, w.y.length]).toEqual([0, 0, 0]);
    });
});
