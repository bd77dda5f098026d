/**
 * Sliding windows: `lookback` consecutive rows of the features, each predicting the target
 * `horizon` steps after the window's last row.
 *
 *   window w reads rows w .. w + lookback - 1
 *   its target is row   w + lookback - 1 + horizon
 *
 * so a table of R rows gives R - lookback - horizon + 1 windows (w = 0 .. R - lookback - horizon),
 * in time order: window w's target is row targetRow(w), increasing with w.
 */

export interface WindowOptions {
    readonly lookback: number;
    readonly horizon: number;
    /** The first window (inclusive); 0 by default. */
    readonly from?: number;
    /** The window after the last one (exclusive); all windows by default. */
    readonly to?: number;
    /** Values per target row in `target` (1 for a number or a class index, k for one-hot). */
    readonly targetWidth?: number;
}

export interface Windows {
    /** Row-major [n, lookback, features]. */
    readonly x: Float32Array;
    /** Row-major [n, targetWidth]. */
    readonly y: Float32Array;
    readonly n: number;
    readonly lookback: number;
    readonly features: number;
    readonly targetWidth: number;
    /** For each window: the 0-based data row of its target. */
    readonly targetRows: Int32Array;
}

/** How many windows `rows` rows give: rows - lookback - horizon + 1, never below 0. */
export function windowCount(rows: number, lookback: number, horizon: number): number {
    return Math.max(0, rows - lookback - horizon + 1);
}

/** The 0-based row of window `start`'s target. */
export function targetRow(start: number, lookback: number, horizon: number): number {
    return start + lookback - 1 + horizon;
}

/** The 0-based row of window `start`'s last input row. */
export function lastInputRow(start: number, lookback: number): number {
    return start + lookback - 1;
}

/**
 * Cuts windows [from, to) out of `features` (rows × features) with their targets;
 * `target` holds `targetWidth` values per row (row-major), one row per feature row.
 */
export function makeWindows(features: readonly (readonly number[])[], target: ArrayLike<number>, options: WindowOptions): Windows {
    const { lookback, horizon } = options;
    if (!Number.isInteger(lookback) || lookback < 1) throw new RangeError(`lookback must be a positive integer, got ${lookback}`);
    if (!Number.isInteger(horizon) || horizon < 1) throw new RangeError(`horizon must be a positive integer, got ${horizon}`);
    const targetWidth = options.targetWidth ?? 1;
    const rows = features.length;
    if (target.length !== rows * targetWidth) {
        throw new RangeError(`target has ${target.length} values; ${rows} rows × ${targetWidth} expected`);
    }
    const total = windowCount(rows, lookback, horizon);
    const from = Math.max(0, options.from ?? 0);
    const to = Math.min(total, options.to ?? total);
    const n = Math.max(0, to - from);
    const width = rows > 0 ? features[0].length : 0;
    const x = new Float32Array(n * lookback * width);
    const y = new Float32Array(n * targetWidth);
    const targetRows = new Int32Array(n);
    for (let i = 0; i < n; i++) {
        const start = from + i;
        for (let t = 0; t < lookback; t++) {
            const row = features[start + t];
            const offset = (i * lookback + t) * width;
            for (let f = 0; f < width; f++) x[offset + f] = row[f];
        }
        const tr = targetRow(start, lookback, horizon);
        targetRows[i] = tr;
        for (let k = 0; k < targetWidth; k++) y[i * targetWidth + k] = target[tr * targetWidth + k];
    }
    return { x, y, n, lookback, features: width, targetWidth, targetRows };
}
