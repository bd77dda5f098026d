/**
 * Generated data for `data(synthetic="sine" | "random_walk", length=..., seed=...)`, and for a
 * model without `data`: `length` rows of `features` columns named f0, f1, ..., deterministic
 * for a seed (mulberry32), with a signal a recurrent network can learn. The dataset built from
 * it (dataset.ts) predicts the next value of f0 from the last `steps` rows of every column.
 *
 *   sine         f0 = sin(2πt/P1 + φ1) + 0.5·sin(2πt/P2 + φ2) + noise(0.1); periods and phases
 *                drawn from the seed. Column j > 0 is the same wave 2·j steps ahead (it leads f0)
 *                plus its own noise — useful, but not a copy of the target.
 *   random_walk  f0 is a slowly mean-reverting walk x_t = 0.995·x_{t-1} + N(0, 0.1); f1 is the
 *                last step (x_t − x_{t-1}); further columns are f0 plus noise(0.2).
 */
export type SyntheticKind = 'sine' | 'random_walk';

export const SYNTHETIC_KINDS: readonly SyntheticKind[] = ['sine', 'random_walk'];

export function isSyntheticKind(value: unknown): value is SyntheticKind {
    return value === 'sine' || value === 'random_walk';
}

/** mulberry32: a small, fast, deterministic 32-bit PRNG; numbers in [0, 1). */
export function mulberry32(seed: number): () => number {
    let a = (Math.trunc(seed) >>> 0) || 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** Standard normal numbers from a uniform generator (Box–Muller). */
export function gaussian(random: () => number): () => number {
    return () => {
        const u = 1 - random();   // (0, 1]: log is finite
        const v = random();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    };
}

export interface SyntheticTable {
    readonly columns: readonly string[];
    /** length × features. */
    readonly rows: number[][];
}

export function syntheticColumnNames(features: number): string[] {
    return Array.from({ length: features }, (_, j) => `f${j}`);
}

export function generateSynthetic(kind: SyntheticKind, length: number, features: number, seed: number): SyntheticTable {
    if (!Number.isInteger(length) || length < 1) throw new RangeError(`length must be a positive integer, got ${length}`);
    if (!Number.isInteger(features) || features < 1) throw new RangeError(`features must be a positive integer, got ${features}`);
    const random = mulberry32(seed);
    const normal = gaussian(random);
    const rows: number[][] = Array.from({ length }, () => new Array<number>(features).fill(0));
    if (kind === 'sine') {
        const p1 = 12 + random() * 28;
        const p2 = 5 + random() * 6;
        const phi1 = random() * 2 * Math.PI;
        const phi2 = random() * 2 * Math.PI;
        const wave = (t: number) => Math.sin(2 * Math.PI * t / p1 + phi1) + 0.5 * Math.sin(2 * Math.PI * t / p2 + phi2);
        for (let t = 0; t < length; t++) {
            for (let j = 0; j < features; j++) rows[t][j] = wave(t + 2 * j) + 0.1 * normal();
        }
    } else {
        let x = 0;
        let previous = 0;
        for (let t = 0; t < length; t++) {
            x = 0.995 * x + 0.1 * normal();
            rows[t][0] = x;
            if (features > 1) rows[t][1] = x - previous;
            for (let j = 2; j < features; j++) rows[t][j] = x + 0.2 * normal();
            previous = x;
        }
    }
    return { columns: syntheticColumnNames(features), rows };
}
