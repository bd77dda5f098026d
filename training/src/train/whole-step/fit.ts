/**
 * The epochs and batches of a whole-step run, as tfjs's fit runs them (training.js's fitLoop):
 * each epoch shuffles the row order with tf.util.shuffle (Math.random read as often), cuts it
 * into batches of `batchSize` (the last one shorter), trains each batch, awaits onBatchEnd with
 * the batch's loss and metrics (and a frame, at most every `yieldEveryMs`, as tfjs's
 * yieldEvery: a number), and after the last batch evaluates the validation rows in
 * batches of the same size; the epoch's logs are the batches' means weighted by their sizes.
 * The tfjs variables are written at each epoch's end, before onEpochEnd (which may read them:
 * EarlyStopping), and when training stops.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { LossSums, StepProgram } from './program.js';

export interface Rows { readonly x: Float32Array; readonly y: Float32Array; readonly n: number }

export interface WholeStepFitOptions {
    readonly epochs: number;
    readonly batchSize: number;
    readonly shuffle: boolean;
    /** The log names of the loss's kernel (`mse`: squared, `mae`: absolute) and of each metric, tfjs spelling. */
    readonly loss: 'squared' | 'absolute';
    readonly metrics: ReadonlyArray<{ readonly name: string; readonly of: 'squared' | 'absolute' }>;
    /**
     * Await a frame after a batch once this many ms have passed since the last (null: never), as
     * tfjs's yieldEvery: a number. Not every batch: a frame costs 0.01-0.1 ms, on the calling
     * thread while the other kernel threads wait, and a batch is 1-2 ms.
     */
    readonly yieldEveryMs: number | null;
}

export interface WholeStepCallbacks {
    onEpochBegin(epoch: number): Promise<void>;
    onBatchEnd(batch: number, logs: Record<string, number>): Promise<void>;
    onEpochEnd(epoch: number, logs: Record<string, number>): Promise<void>;
    /** Read after each batch and epoch: true ends training there. */
    stopRequested(): boolean;
}

export async function fitWholeStep(tf: typeof tfjs, program: StepProgram, train: Rows, validation: Rows | undefined,
    o: WholeStepFitOptions, callbacks: WholeStepCallbacks): Promise<void> {
    const order = Int32Array.from({ length: train.n }, (_, i) => i);
    const logsOf = (sums: LossSums, rows: number, prefix = ''): Record<string, number> => {
        const logs: Record<string, number> = { [`${prefix}loss`]: sums[o.loss] / rows };
        for (const m of o.metrics) logs[`${prefix}${m.name}`] = sums[m.of] / rows;
        return logs;
    };
    let yielded = performance.now();
    try {
        for (let epoch = 0; epoch < o.epochs; epoch++) {
            await callbacks.onEpochBegin(epoch);
            if (o.shuffle) tf.util.shuffle(order);
            const totals = { squared: 0, absolute: 0 };
            let seen = 0, stopped = false;
            let validated: Record<string, number> = {};
            for (let batch = 0, from = 0; from < train.n && !stopped; batch++, from += o.batchSize) {
                const rows = program.stage(train.x, train.y, order, from, Math.min(from + o.batchSize, train.n), true);
                // The next batch's rows: its masks can be drawn during this one (not past the epoch's end).
                const next = from + rows < train.n ? Math.min(o.batchSize, train.n - from - rows) : undefined;
                const sums = program.train(rows, next);
                // tfjs's epoch logs weigh each batch's mean by its size: the sums add up the same.
                totals.squared += sums.squared;
                totals.absolute += sums.absolute;
                seen += rows;
                const logs = { batch, size: rows, ...logsOf(sums, rows) };
                // tfjs validates within the last batch, before its onBatchEnd.
                const last = from + rows >= train.n;
                if (last && validation && validation.n > 0) validated = logsOf(evaluateRows(program, validation, o.batchSize), validation.n, 'val_');
                await callbacks.onBatchEnd(batch, logs);
                stopped = callbacks.stopRequested();
                if (!stopped && o.yieldEveryMs !== null && performance.now() - yielded >= o.yieldEveryMs) {
                    await tf.nextFrame();
                    yielded = performance.now();
                }
            }
            // A stop mid-epoch still ends the epoch (tfjs calls onEpochEnd with the batches run).
            const logs = { ...logsOf(totals, seen), ...validated };
            program.writeWeights();
            await callbacks.onEpochEnd(epoch, logs);
            if (callbacks.stopRequested()) break;
        }
    } finally {
        program.writeWeights();
    }
}

/** Loss sums of all `rows` in inference, in batches of `batchSize`. */
export function evaluateRows(program: StepProgram, rows: Rows, batchSize: number): LossSums {
    const totals = { squared: 0, absolute: 0 };
    for (let from = 0; from < rows.n; from += batchSize) {
        const n = program.stage(rows.x, rows.y, null, from, Math.min(from + batchSize, rows.n), false);
        const sums = program.evaluate(n);
        totals.squared += sums.squared;
        totals.absolute += sums.absolute;
    }
    return totals;
}
