/**
 * How a training run's numbers are written, the same in the terminal (cli/src/progress-bar.ts,
 * cli/src/train-results.ts) and in the training panel (webview/): Keras's four decimals for a
 * metric, and a duration in the largest units that read well.
 */

/** A loss or metric value: four decimals, as Keras's progress bar; exponent form for very large or small values. */
export function fmt(value: number): string {
    if (!Number.isFinite(value)) return String(value);
    return Math.abs(value) >= 1000 || (Math.abs(value) < 1e-3 && value !== 0) ? value.toExponential(3) : value.toFixed(4);
}

/** Seconds as `12s`, `3m 5s` or `1h 2m`; `?` when unknown. */
export function duration(seconds: number): string {
    if (!Number.isFinite(seconds)) return '?';
    if (seconds < 60) return `${Math.ceil(seconds)}s`;
    const m = Math.floor(seconds / 60);
    return m < 60 ? `${m}m ${Math.round(seconds % 60)}s` : `${Math.floor(m / 60)}h ${m % 60}m`;
}
