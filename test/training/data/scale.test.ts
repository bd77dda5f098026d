/** Scalers: minmax, standard, none; inverse round trip; constant columns. */
import { describe, expect, it } from 'vitest';
import { fitColumnScaler, fitScaler, identityScaler } from '../../../training/src/data/scale.js';

const rows = [[1, 10, 5], [2, 20, 5], [3, 40, 5], [4, 50, 5]];

describe('scalers', () => {
    it('minmax maps the fitting rows to [0, 1]', () => {
        const s = fitScaler('minmax', rows);
        expect(s.transformRows(rows)).toEqual([[0, 0, 0], [1 / 3, 0.25, 0], [2 / 3, 0.75, 0], [1, 1, 0]]);
        expect(s.stats.map(c => [c.min, c.max])).toEqual([[1, 4], [10, 50], [5, 5]]);
        // Values outside the fitting range go outside [0, 1]; they are not clipped.
        expect(s.transformValue(100, 1)).toBe(2.25);
    });

    it('standard gives mean 0 and (population) std 1', () => {
        const s = fitScaler('standard', rows);
        const scaled = s.transformRows(rows);
        for (const c of [0, 1]) {
            const column = scaled.map(r => r[c]);
            const mean = column.reduce((a, b) => a + b, 0) / column.length;
            const variance = column.reduce((a, b) => a + (b - mean) ** 2, 0) / column.length;
            expect(mean).toBeCloseTo(0, 12);
            expect(variance).toBeCloseTo(1, 12);
        }
        expect(s.offset[0]).toBe(2.5);
        expect(s.scale[0]).toBeCloseTo(Math.sqrt(1.25), 12);
    });

    it('none changes nothing', () => {
        const s = fitScaler('none', rows);
        expect(s.transformRows(rows)).toEqual(rows);
        expect(identityScaler(2).transformRows([[3, -4]])).toEqual([[3, -4]]);
    });

    it('constant columns scale to 0, never NaN, under every kind', () => {
        for (const kind of ['minmax', 'standard', 'none'] as const) {
            const s = fitScaler(kind, [[7], [7], [7]]);
            expect(s.scale[0]).toBe(1);
            const out = s.transformRows([[7], [8], [-3]]).flat();
            expect(out.every(Number.isFinite)).toBe(true);
            if (kind !== 'none') expect(out[0]).toBe(0);
        }
        // A column of 0.1s whose float variance is not exactly 0.
        const tenths = fitColumnScaler('standard', Array(10).fill(0.1));
        expect(tenths.stats[0].std).toBe(0);
        expect(Array.from(tenths.transform([0.1, 0.1]))).toEqual([0, 0]);
    });

    it('inverse undoes transform (round trip) for a target column', () => {
        const values = [12.8, 10.6, -1.6, 35.6, 20];
        for (const kind of ['minmax', 'standard', 'none'] as const) {
            const s = fitColumnScaler(kind, values);
            const back = s.inverse(s.transform(values));
            values.forEach((v, i) => expect(back[i]).toBeCloseTo(v, 4));
            expect(s.inverseValue(s.transformValue(3.25))).toBeCloseTo(3.25, 12);
        }
        const minmax = fitColumnScaler('minmax', values);
        // An error of 0.1 in scaled units is 0.1 × (max − min) degrees.
        expect(minmax.inverseDifference(0.1)).toBeCloseTo(3.72, 12);
        expect(minmax.toJSON()).toEqual({ kind: 'minmax', offset: [-1.6], scale: [37.2] });
    });
});
