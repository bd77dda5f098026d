/**
 * A model's whole-step program in kernel memory (layout.ts): weights, Adam's moments and every
 * layer's arrays stay there across batches; a batch is staged (its rows copied in, its dropout
 * masks drawn as the per-layer path draws them) and trained by one call into the module. The
 * tfjs variables are brought up to date only when asked (writeWeights): an epoch's end, a
 * stop, the end of training.
 *
 * On several kernel threads (training/src/threads/) the program has PARTS_PER_THREAD part per
 * thread: a batch is cut into shares of rows (batch-shares.ts), one per part, and every thread
 * gets one request per batch (training/wasm/assembly/shared-batch.ts's wholeTrainParts) in
 * which it claims parts not yet taken and runs forwards, the loss and backwards on each (a
 * thread the system runs late leaves its part to the others); once every part is finished, the
 * threads claim slices of the weights, sum the parts' gradients of each slice in part order and
 * update it with Adam. That is element by element the serial sum and update, so a threaded run
 * gives the same result whichever thread did what, run after run. The masks are drawn for the
 * whole batch as on one thread, each part taking its rows, so a threaded run differs from one
 * thread only by the order of the gradients' float sums. The calling thread draws the next
 * batch's masks (batch-masks.ts) between its part and the update, while the others finish
 * theirs: the same draws in the same order as drawing them when that batch is staged.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { kernelModule } from '../../layers/kernel-module.js';
import { tensorFrom } from '../../layers/tensor-values.js';
import { batchShares, runLists } from '../../threads/batch-shares.js';
import type { CallList, KernelCall } from '../../threads/kernel-threads.js';
import { kernelThreadCount } from '../../threads/use-kernel-threads.js';
import { CLAIMS_HEADER, claimTableSize, layoutPrograms, resolveFields, type BlockLayout, type ProgramLayout } from './layout.js';
import type { StepPlan } from './plan.js';
import { drawBatchMasks, placeBatchMasks, type DrawnMasks } from './batch-masks.js';

type Tf = typeof tfjs;

export interface AdamSettings { readonly learningRate: number; readonly beta1: number; readonly beta2: number; readonly epsilon: number }

/** The losses of the staged rows: sums over rows of each row's mean squared and mean absolute error. */
export interface LossSums { readonly squared: number; readonly absolute: number }

/**
 * Parts a batch is cut into per thread (fewer where it has too few rows). One: two per thread
 * cost 4–8% more CPU a batch on StackedLSTM and Monster2 (smaller products, more parts'
 * overhead) for no measured gain (bench/threads.bench.mjs; docs/training-threads.md); a late
 * thread's part is still taken by another.
 */
export const PARTS_PER_THREAD = 1;

const collected = new FinalizationRegistry<number>(start => kernelModule().memory.release(start));

export class StepProgram {
    private readonly block: BlockLayout;
    /** Part 0: the one-thread program, whose weights, moments and gradients the update uses. */
    private readonly layout: ProgramLayout;
    private readonly start: number;
    /** The staged batch's shares, [from, to) rows, one per part that takes rows. */
    private shares: Array<[number, number]> = [];
    private power1: number;
    private power2: number;
    /** The next training batch's masks, drawn during this one (train's `nextRows`). */
    private ahead: DrawnMasks | null = null;
    private disposed = false;

    /**
     * `batch`: the most rows a step takes; `threadCount`: the threads a batch is shared among (the
     * kernel threads running now; fewer take part where the batch has too few rows for them; 1:
     * one part, the batch in one call); `partsPerThread`: for the benchmark. Copies the model's weights in.
     */
    constructor(private readonly tf: Tf, readonly plan: StepPlan, readonly batch: number, private readonly adam: AdamSettings,
        private readonly threadCount = kernelThreadCount(), partsPerThread = PARTS_PER_THREAD) {
        const { exports: k, memory } = kernelModule();
        this.block = layoutPrograms(k, plan, partCapacities(batch, threadCount === 1 ? 1 : partsPerThread * threadCount));
        this.layout = this.block.parts[0];
        this.start = memory.allocate(this.block.size);
        const f = memory.view();
        f.fill(0, this.start, this.start + this.block.size);
        const words = new Int32Array(f.buffer);
        for (const part of this.block.parts) words.set(resolveFields(part.fields, this.start), this.start + part.program);
        words.set(this.block.sliceCuts, this.start + this.block.slices);
        this.power1 = Math.fround(adam.beta1);
        this.power2 = Math.fround(adam.beta2);
        collected.register(this, this.start, this);
        this.readWeights();
    }

    /** The threads a full batch is shared among. */
    get threads(): number {
        return Math.min(this.threadCount, this.block.parts.length);
    }

    /** tfjs's weights → kernel memory. */
    readWeights(): void {
        const f = kernelModule().memory.view();
        for (const s of this.layout.weights) f.set(s.variable.read().dataSync() as Float32Array, this.start + s.w);
    }

    /** Kernel memory → tfjs's variables (each a new tensor: backends cache what they derive from a buffer). */
    writeWeights(): void {
        // Masks drawn ahead belong to the batches in progress: a run that stopped leaves none for the next.
        this.ahead = null;
        const { memory } = kernelModule();
        for (const s of this.layout.weights) {
            const at = this.start + s.w;
            const next = tensorFrom(this.tf, memory.view().subarray(at, at + s.size), s.variable.shape as number[]);
            s.variable.write(next);
            next.dispose();
        }
    }

    /**
     * Copies rows `order[from..to)` of x ([N, inputSize]) and y ([N, width]) in as the batch
     * (order null: rows from..to), each part its share, and (`training`) draws its dropout
     * masks. Returns the rows staged.
     */
    stage(x: Float32Array, y: Float32Array, order: ArrayLike<number> | null, from: number, to: number, training: boolean): number {
        const rows = to - from;
        if (rows > this.batch || rows <= 0) throw new Error(`whole step: ${rows} rows staged, the program holds 1 to ${this.batch}`);
        const f = kernelModule().memory.view();
        const { inputSize, outputWidth } = this.plan;
        this.shares = batchShares(rows, this.block.parts.length);
        this.shares.forEach(([a, b], p) => {
            const part = this.block.parts[p];
            const xs = this.start + part.x, ys = this.start + part.targets;
            for (let r = 0; r < b - a; r++) {
                const i = order ? order[from + a + r] : from + a + r;
                f.set(x.subarray(i * inputSize, (i + 1) * inputSize), xs + r * inputSize);
                f.set(y.subarray(i * outputWidth, (i + 1) * outputWidth), ys + r * outputWidth);
            }
        });
        if (training) this.drawMasks(rows);
        return rows;
    }

    /** This batch's masks (those drawn ahead for it, or drawn now), each part taking its rows. */
    private drawMasks(rows: number): void {
        const drawn = this.ahead?.rows === rows ? this.ahead : drawBatchMasks(this.layout.masks, rows);
        this.ahead = null;
        placeBatchMasks(drawn, this.block.parts, this.shares, kernelModule().memory.view(), this.start);
    }

    /**
     * One training step on the staged rows: forwards, loss, backwards, Adam. The batch's losses.
     * `nextRows`: the next batch's rows, where nothing else reads the random generator before it
     * is staged (not the last batch of an epoch: the next epoch's shuffle comes first); on several
     * threads its masks are drawn during this step.
     */
    train(rows: number, nextRows?: number): LossSums {
        const { exports: k } = kernelModule();
        const { beta1, beta2, epsilon, learningRate } = this.adam;
        if (this.shares.length === 1) {
            k.trainStep(this.address(this.layout.program), rows, beta1, Math.fround(1 - beta1), beta2, Math.fround(1 - beta2),
                1 - this.power1, 1 - this.power2, epsilon, learningRate);
            this.advancePowers();
            return this.sums(this.layout);
        }
        // Each part's gradients of its rows (the loss a mean over the whole batch), then, slice by
        // slice of the weights, their sum in part order and the update: all in the threads' one
        // request. This thread draws the next batch's masks in between, while the others finish
        // their parts; the slices it does not reach by then are theirs.
        const table = this.claimTable();
        const settings = [beta1, Math.fround(1 - beta1), beta2, Math.fround(1 - beta2), 1 - this.power1, 1 - this.power2, epsilon, learningRate];
        const here: CallList = [
            ['wholeClaimParts', table, rows, 1],
            ...(nextRows === undefined ? [] : [() => { this.ahead = drawBatchMasks(this.layout.masks, nextRows); }]),
            ['wholeUpdateSlices', table, ...settings]
        ];
        const sums = this.runParts(here, ['wholeTrainParts', table, rows, ...settings]);
        this.advancePowers();
        return sums;
    }

    /** The staged rows' losses in inference (no dropout, no update). */
    evaluate(rows: number): LossSums {
        if (this.shares.length === 1) {
            kernelModule().exports.evaluateStep(this.address(this.layout.program), rows);
            return this.sums(this.layout);
        }
        const call: KernelCall = ['wholeClaimParts', this.claimTable(), rows, 0];
        return this.runParts([call], call);
    }

    /** Copies of the weights as the program holds them, in the model's order. */
    weightValues(): Float32Array[] {
        const f = kernelModule().memory.view();
        return this.layout.weights.map(s => f.slice(this.start + s.w, this.start + s.w + s.size));
    }

    dispose(): void {
        if (this.disposed) return;
        this.disposed = true;
        collected.unregister(this);
        kernelModule().memory.release(this.start);
    }

    /** β₁ᵗ and β₂ᵗ of the next step, as tfjs's float32 accumulators hold them. */
    private advancePowers(): void {
        this.power1 = Math.fround(this.power1 * Math.fround(this.adam.beta1));
        this.power2 = Math.fround(this.power2 * Math.fround(this.adam.beta2));
    }

    /** The claim table (shared-batch.ts) for the staged parts, its counters at zero; its byte address. */
    private claimTable(): number {
        const claims = this.address(this.block.claims);
        const table = new Int32Array(kernelModule().memory.view().buffer, claims, claimTableSize(this.shares.length));
        table.fill(0);
        table[1] = this.shares.length;
        table[4] = this.block.sliceCuts.length / 3;
        table[5] = this.address(this.block.slices);
        this.shares.forEach(([a, b], p) => {
            table[CLAIMS_HEADER + 2 * p] = this.address(this.block.parts[p].program);
            table[CLAIMS_HEADER + 1 + 2 * p] = b - a;
        });
        return claims;
    }

    /**
     * Runs `here` on this thread and `call` on the others (on the claim table: each claims parts
     * until none is left; without threads running, this thread takes them all), and sums the
     * parts' losses in part order.
     */
    private runParts(here: CallList, call: KernelCall): LossSums {
        runLists(Array.from({ length: Math.min(this.threadCount, this.shares.length) }, (_, i) => i === 0 ? here : [call]));
        let squared = 0, absolute = 0;
        for (let p = 0; p < this.shares.length; p++) {
            const sums = this.sums(this.block.parts[p]);
            squared += sums.squared;
            absolute += sums.absolute;
        }
        return { squared, absolute };
    }

    private sums(part: ProgramLayout): LossSums {
        const at = this.address(part.sums);
        const d = new Float64Array(kernelModule().memory.view().buffer, at, 2);
        return { squared: d[0], absolute: d[1] };
    }

    private address(slot: number): number {
        if (this.disposed) throw new Error('whole step: the program was disposed');
        return (this.start + slot) * 4;
    }
}

/** The most rows each of (at most) `parts` parts takes, over every batch of 1 to `batch` rows (the last batch of an epoch is shorter). */
export function partCapacities(batch: number, parts: number): number[] {
    const capacities = batchShares(batch, parts).map(() => 0);
    for (let rows = 1; rows <= batch; rows++) {
        batchShares(rows, capacities.length).forEach(([a, b], p) => { capacities[p] = Math.max(capacities[p], b - a); });
    }
    return capacities;
}
