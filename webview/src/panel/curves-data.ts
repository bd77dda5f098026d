/**
 * The series the charts draw, from a run's history: uPlot wants one x array shared by every
 * series of a chart, with null where a series has no point. x is in epochs: the end of epoch e is
 * x = e, a batch b of B in epoch e is x = e − 1 + b/B (so the batch losses lead up to each
 * epoch's point).
 */
import type { EpochLog } from '../../../training/src/index.js';
import type { RunResult } from '../worker/worker-messages.js';

export interface ChartSeries {
    readonly label: string;
    readonly values: ReadonlyArray<number | null>;
    /** Thin and faint: the per-batch loss under the epoch curves. */
    readonly faint?: boolean;
}

export interface ChartData {
    readonly title: string;
    readonly x: readonly number[];
    readonly series: readonly ChartSeries[];
}

export interface Marker {
    readonly x: number;
    readonly label: string;
}

const value = (log: EpochLog, key: string): number | null => {
    const v = log.logs[key];
    return typeof v === 'number' && Number.isFinite(v) ? v : null;
};

/** The loss chart: per-batch loss, epoch loss and validation loss. */
export function lossChart(history: readonly EpochLog[], batchLoss: ReadonlyArray<readonly [number, number]>): ChartData {
    const xs = [...new Set([...batchLoss.map(([x]) => x), ...history.map(h => h.epoch)])].sort((a, b) => a - b);
    const batchAt = new Map(batchLoss.map(([x, loss]) => [x, loss]));
    const epochAt = new Map(history.map(h => [h.epoch, h]));
    const column = (key: string) => xs.map(x => (epochAt.has(x) ? value(epochAt.get(x)!, key) : null));
    const series: ChartSeries[] = [{ label: 'loss (batches)', values: xs.map(x => batchAt.get(x) ?? null), faint: true }, { label: 'loss', values: column('loss') }];
    if (history.some(h => 'val_loss' in h.logs)) series.push({ label: 'val_loss', values: column('val_loss') });
    return { title: 'Loss', x: xs, series };
}

/** The metrics `compile(metrics=[...])` names, in Keras's order, without the validation copies. */
export function metricNames(history: readonly EpochLog[]): string[] {
    const names = new Set<string>();
    for (const h of history) for (const key of Object.keys(h.logs)) if (key !== 'loss' && !key.startsWith('val_')) names.add(key);
    return [...names];
}

/** One chart per metric: the metric and its validation counterpart, per epoch. */
export function metricCharts(history: readonly EpochLog[]): ChartData[] {
    const x = history.map(h => h.epoch);
    return metricNames(history).map(name => {
        const series: ChartSeries[] = [{ label: name, values: history.map(h => value(h, name)) }];
        if (history.some(h => `val_${name}` in h.logs)) series.push({ label: `val_${name}`, values: history.map(h => value(h, `val_${name}`)) });
        return { title: name, x, series };
    });
}

/** Where training ended early (EarlyStopping, or the user's Stop), and whose weights were kept. */
export function runMarkers(result: RunResult | undefined): Marker[] {
    if (!result) return [];
    const markers: Marker[] = [];
    if (result.stoppedEarly) markers.push({ x: result.epochsRun, label: 'EarlyStopping' });
    if (result.restoredBestEpoch !== undefined) markers.push({ x: result.restoredBestEpoch, label: 'best weights restored' });
    if (result.stoppedByUser) markers.push({ x: result.epochsRun, label: 'stopped' });
    return markers;
}

/** Predicted against actual over the test part, in the target's units. */
export function predictionChart(result: RunResult): ChartData | undefined {
    const test = result.test;
    if (test?.task !== 'regression') return undefined;
    return {
        title: `Test part: predicted and actual ${result.target}`,
        x: test.actual.map((_, i) => i + 1),
        series: [{ label: `actual ${result.target}`, values: test.actual }, { label: `predicted ${result.target}`, values: test.predicted }]
    };
}
