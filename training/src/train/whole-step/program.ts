/**
 * A model's whole-step program in kernel memory (layout.ts): weights, Adam's moments and every
 * layer's arrays stay there across batches; a batch is staged (its rows copied in, its dropout
 * masks drawn as the per-layer path draws them) and trained by one call into the module. The
 * tfjs variables are brought up to date only when asked (writeWeights): an epoch's end, a
 * stop, the end of training.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { kernelModule } from '../../layers/kernel-module.js';
import { tensorFrom } from '../../layers/tensor-values.js';
import { layoutProgram, resolveFields, type ProgramLayout } from './layout.js';
import type { StepPlan } from './plan.js';

type Tf = typeof tfjs;

export interface AdamSettings { readonly learningRate: number; readonly beta1: number; readonly beta2: number; readonly epsilon: number }

/** The losses of the staged rows: sums over rows of each row's mean squared and mean absolute error. */
export interface LossSums { readonly squared: number; readonly absolute: number }

const collected = new FinalizationRegistry<number>(start => kernelModule().memory.release(start));

export class StepProgram {
    private readonly layout: ProgramLayout;
    private readonly start: number;
    private power1: number;
    private power2: number;
    private disposed = false;

    /** `batch`: the most rows a step takes. Copies the model's weights in. */
    constructor(private readonly tf: Tf, readonly plan: StepPlan, readonly batch: number, private readonly adam: AdamSettings) {
        const { exports: k, memory } = kernelModule();
        this.layout = layoutProgram(k, plan, batch);
        this.start = memory.allocate(this.layout.size);
        const f = memory.view();
        f.fill(0, this.start, this.start + this.layout.size);
        new Int32Array(f.buffer).set(resolveFields(this.layout.fields, this.start), this.start + this.layout.program);
        this.power1 = Math.fround(adam.beta1);
        this.power2 = Math.fround(adam.beta2);
        collected.register(this, this.start, this);
        this.readWeights();
    }

    /** tfjs's weights → kernel memory. */
    readWeights(): void {
        const f = kernelModule().memory.view();
        for (const s of this.layout.weights) f.set(s.variable.read().dataSync() as Float32Array, this.start + s.w);
    }

    /** Kernel memory → tfjs's variables (each a new tensor: backends cache what they derive from a buffer). */
    writeWeights(): void {
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
     * (order null: rows from..to), and (`training`) draws its dropout masks. Returns the rows staged.
     */
    stage(x: Float32Array, y: Float32Array, order: ArrayLike<number> | null, from: number, to: number, training: boolean): number {
        const rows = to - from;
        if (rows > this.batch || rows <= 0) throw new Error(`whole step: ${rows} rows staged, the program holds 1 to ${this.batch}`);
        const f = kernelModule().memory.view();
        const { inputSize, outputWidth } = this.plan;
        const xs = this.start + this.layout.x, ys = this.start + this.layout.targets;
        for (let r = 0; r < rows; r++) {
            const i = order ? order[from + r] : from + r;
            f.set(x.subarray(i * inputSize, (i + 1) * inputSize), xs + r * inputSize);
            f.set(y.subarray(i * outputWidth, (i + 1) * outputWidth), ys + r * outputWidth);
        }
        if (training) this.drawMasks(rows);
        return rows;
    }

    /** This batch's masks, layer by layer in the order the per-layer path draws them. */
    private drawMasks(rows: number): void {
        for (const m of this.layout.masks) {
            if (m.dropout) {
                const mask = dropoutMask(this.tf, rows * m.dropout.size, m.dropout.rate);
                kernelModule().memory.view().set(mask, this.start + m.dropout.slot);
            } else if (m.direction) {
                const { plan, input, state } = m.direction;
                const drawn = plan.layer.dropoutMasks(rows, plan.inputs);
                const f = kernelModule().memory.view();
                drawn.input?.forEach((mask, i) => f.set(mask, this.start + input + i * rows * plan.inputs));
                drawn.state?.forEach((mask, i) => f.set(mask, this.start + state + i * rows * plan.units));
            }
        }
    }

    /** One training step on the staged rows: forwards, loss, backwards, Adam. The batch's losses. */
    train(rows: number): LossSums {
        const { exports: k } = kernelModule();
        const { beta1, beta2, epsilon, learningRate } = this.adam;
        k.trainStep(this.address(this.layout.program), rows, beta1, Math.fround(1 - beta1), beta2, Math.fround(1 - beta2),
            1 - this.power1, 1 - this.power2, epsilon, learningRate);
        this.advancePowers();
        return this.sums();
    }

    /** β₁ᵗ and β₂ᵗ of the next step, as tfjs's float32 accumulators hold them. */
    private advancePowers(): void {
        this.power1 = Math.fround(this.power1 * Math.fround(this.adam.beta1));
        this.power2 = Math.fround(this.power2 * Math.fround(this.adam.beta2));
    }

    /**
     * The gradients of the staged rows, part of a batch of `total` rows, without the update: a
     * batch split over several programs (threads) sums their gradients (addGradients) into one
     * and updates there (applyAdam), as train does in one call.
     */
    gradients(rows: number, total: number): LossSums {
        const { exports: k } = kernelModule();
        const program = this.address(this.layout.program);
        k.wholeForward(program, rows, 1);
        k.wholeLoss(program, rows, total, 1);
        k.wholeBackward(program, rows);
        return this.sums();
    }

    /** Adds another program's gradients (the same plan's) to this one's. */
    addGradients(other: StepProgram): void {
        const f = kernelModule().memory.view();
        this.layout.weights.forEach((s, i) => {
            const to = this.start + s.g, from = other.start + other.layout.weights[i].g;
            for (let j = 0; j < s.size; j++) f[to + j] += f[from + j];
        });
    }

    /** Takes another program's weights (the same plan's): a part of a split batch after the update. */
    readWeightsFrom(other: StepProgram): void {
        const f = kernelModule().memory.view();
        this.layout.weights.forEach((s, i) => f.copyWithin(this.start + s.w, other.start + other.layout.weights[i].w, other.start + other.layout.weights[i].w + s.size));
    }

    /** Adam's update from the gradients in this program. */
    applyAdam(): void {
        const { beta1, beta2, epsilon, learningRate } = this.adam;
        kernelModule().exports.wholeAdam(this.address(this.layout.program), beta1, Math.fround(1 - beta1), beta2, Math.fround(1 - beta2),
            1 - this.power1, 1 - this.power2, epsilon, learningRate);
        this.advancePowers();
    }

    /** Copies of the weights as the program holds them, in the model's order. */
    weightValues(): Float32Array[] {
        const f = kernelModule().memory.view();
        return this.layout.weights.map(s => f.slice(this.start + s.w, this.start + s.w + s.size));
    }

    /** The staged rows' losses in inference (no dropout, no update). */
    evaluate(rows: number): LossSums {
        kernelModule().exports.evaluateStep(this.address(this.layout.program), rows);
        return this.sums();
    }

    dispose(): void {
        if (this.disposed) return;
        this.disposed = true;
        collected.unregister(this);
        kernelModule().memory.release(this.start);
    }

    private sums(): LossSums {
        const at = this.address(this.layout.sums);
        const d = new Float64Array(kernelModule().memory.view().buffer, at, 2);
        return { squared: d[0], absolute: d[1] };
    }

    private address(slot: number): number {
        if (this.disposed) throw new Error('whole step: the program was disposed');
        return (this.start + slot) * 4;
    }
}

/**
 * tfjs's dropout mask, drawn as tf.dropout draws it (one randomUniform, so Math.random is read
 * as often, in the same order): floor(u + keep) / keep in float32.
 */
function dropoutMask(tf: Tf, size: number, rate: number): Float32Array {
    const keep = Math.fround(1 - rate);
    const kept = Math.fround(1 / keep);
    const draw = tf.randomUniform([size], 0, 1, 'float32');
    const u = draw.dataSync() as Float32Array;
    draw.dispose();
    const mask = new Float32Array(size);
    for (let i = 0; i < size; i++) mask[i] = Math.fround(u[i] + keep) >= 1 ? kept : 0;
    return mask;
}
