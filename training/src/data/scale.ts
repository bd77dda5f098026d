/**
 * Feature and target scaling, fitted on the training rows only and applied to every row:
 *
 *   minmax    x' = (x - min) / (max - min)     the training rows land in [0, 1]
 *   standard  x' = (x - mean) / std            population std; a std of 0 counts as 1
 *   none      x' = x
 *
 * A constant column (max = min, std = 0) divides by 1 instead of 0, so it scales to 0, never NaN.
 * `inverse` maps scaled values back to the column's own units (predictions and errors of a
 * regression target are reported in those).
 */
export const SCALE_KINDS = ['minmax', 'standard', 'none'] as const;
export type ScaleKind = typeof SCALE_KINDS[number];

export function isScaleKind(value: unknown): value is ScaleKind {
    return typeof value === 'string' && (SCALE_KINDS as readonly string[]).includes(value);
}

/** What the fitting rows held, per column. */
export interface ColumnStats {
    readonly min: number;
    readonly max: number;
    readonly mean: number;
    readonly std: number;
    /** How many values the scaler was fitted on. */
    readonly count: number;
}

/** The plain form of a scaler: x' = (x - offset) / scale per column. */
export interface ScalerJSON {
    readonly kind: ScaleKind;
    readonly offset: readonly number[];
    readonly scale: readonly number[];
}

export class Scaler {
    constructor(
        readonly kind: ScaleKind,
        /** Subtracted from each column. */
        readonly offset: readonly number[],
        /** Each column is divided by this (never 0). */
        readonly scale: readonly number[],
        /** What the fitting rows held. */
        readonly stats: readonly ColumnStats[]
    ) {}

    get columns(): number {
        return this.offset.length;
    }

    transformValue(value: number, column = 0): number {
        return (value - this.offset[column]) / this.scale[column];
    }

    inverseValue(value: number, column = 0): number {
        return value * this.scale[column] + this.offset[column];
    }

    /** Scales every row (rows × columns); the input is left as it is. */
    transformRows(rows: readonly (readonly number[])[]): number[][] {
        return rows.map(row => row.map((v, c) => this.transformValue(v, c)));
    }

    /** Scales a column of values (column `column`, 0 by default). */
    transform(values: ArrayLike<number>, column = 0): Float32Array {
        const out = new Float32Array(values.length);
        for (let i = 0; i < values.length; i++) out[i] = this.transformValue(values[i], column);
        return out;
    }

    /** Back to the column's own units: predictions, targets. */
    inverse(values: ArrayLike<number>, column = 0): Float32Array {
        const out = new Float32Array(values.length);
        for (let i = 0; i < values.length; i++) out[i] = this.inverseValue(values[i], column);
        return out;
    }

    /** A difference (an error such as MAE or RMSE) back in the column's own units: only the scale applies. */
    inverseDifference(value: number, column = 0): number {
        return value * this.scale[column];
    }

    toJSON(): ScalerJSON {
        return { kind: this.kind, offset: [...this.offset], scale: [...this.scale] };
    }
}

/** Fits a scaler on `rows` (rows × columns): pass the training rows only. */
export function fitScaler(kind: ScaleKind, rows: readonly (readonly number[])[], columns = rows[0]?.length ?? 0): Scaler {
    const stats = Array.from({ length: columns }, (_, c) => columnStats(rows.map(row => row[c])));
    return scalerFromStats(kind, stats);
}

/** Fits a one-column scaler on `values` (the training targets). */
export function fitColumnScaler(kind: ScaleKind, values: ArrayLike<number>): Scaler {
    return scalerFromStats(kind, [columnStats(Array.from(values))]);
}

/** The scaler that changes nothing, for `columns` columns. */
export function identityScaler(columns = 1): Scaler {
    return scalerFromStats('none', Array.from({ length: columns }, () => ({ min: 0, max: 0, mean: 0, std: 0, count: 0 })));
}

function scalerFromStats(kind: ScaleKind, stats: readonly ColumnStats[]): Scaler {
    const nonZero = (x: number) => (x > 0 && Number.isFinite(x) ? x : 1);
    switch (kind) {
        case 'minmax':
            return new Scaler(kind, stats.map(s => s.min), stats.map(s => nonZero(s.max - s.min)), stats);
        case 'standard':
            return new Scaler(kind, stats.map(s => s.mean), stats.map(s => nonZero(s.std)), stats);
        case 'none':
            return new Scaler(kind, stats.map(() => 0), stats.map(() => 1), stats);
    }
}

export function columnStats(values: readonly number[]): ColumnStats {
    const count = values.length;
    if (count === 0) return { min: 0, max: 0, mean: 0, std: 0, count };
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    for (const v of values) {
        if (v < min) min = v;
        if (v > max) max = v;
        sum += v;
    }
    // A constant column's mean is its value exactly (a float sum can drift from it).
    const mean = max === min ? min : sum / count;
    let squares = 0;
    for (const v of values) squares += (v - mean) * (v - mean);
    // A constant column can leave a rounding residue; treat it as exactly 0.
    const std = max === min ? 0 : Math.sqrt(squares / count);
    return { min, max, mean, std, count };
}
