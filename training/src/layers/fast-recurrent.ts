/**
 * A recurrent layer as ONE tfjs operation with its own gradient (tf.customGrad): forwards, the
 * input projection and the loop over time in one call into RNN Lens's wasm kernels
 * (recurrent-kernel.ts); backwards, backpropagation through time and the projection's
 * gradients there too. tfjs's own layers tape a dozen small operations per step and replay
 * them, which costs far more in per-operation overhead than the arithmetic.
 *
 * Inputs: x [B, T, in] in time order, the kernel W [in, g·h], the recurrent kernel U [h, g·h]
 * and the bias ([g·h], or [2, g·h] for GRU with reset_after=True), as Keras lays them out.
 * Dropout masks and the step mask (Masking) are constants of the call. Output: every step's
 * state [B, T, h] in processing order, or the last [B, h].
 */
import type * as tfjs from '@tensorflow/tfjs';
import { KERNEL_ACTIVATIONS, kernelForward, type BackwardResult, type ForwardPass, type KernelActivation, type KernelKind, type KernelOptions } from './recurrent-kernel.js';
import { tensorFrom, valuesOf } from './tensor-values.js';

type Tf = typeof tfjs;
type Kind = 'SimpleRNN' | 'LSTM' | 'GRU';

export interface FastRecurrentOptions {
    /**
     * The layer: it holds the records of its latest forward pass in kernel memory until the
     * gradient takes them, its next call, or its collection releases them (a pass whose
     * gradient is never asked for, as in predict, would otherwise keep them).
     */
    readonly owner: object;
    /** GRUClassic: GRU with reset_after=False. */
    readonly kind: KernelKind;
    readonly units: number;
    readonly activations: { readonly act: KernelActivation; readonly rec: KernelActivation };
    readonly returnSequences: boolean;
    readonly goBackwards: boolean;
    /** Input dropout: one mask [B·in] for every gate, one per gate, or none. */
    readonly inputMasks: readonly Float32Array[] | null;
    /** Recurrent dropout: one mask [B·h] for every gate, one per gate, or none. */
    readonly stateMasks: readonly Float32Array[] | null;
    /** [B·T] ones and zeros in processing order: a zero step keeps the state. */
    readonly stepMask: Float32Array | null;
}

/** Whether the fast loop computes this layer (else the taped loop does). */
export function fastPathSupports(kind: Kind, activation: string, recurrentActivation: string): boolean {
    return KERNEL_ACTIVATIONS.includes(activation)
        && (kind === 'SimpleRNN' || KERNEL_ACTIVATIONS.includes(recurrentActivation));
}

export function asFastActivation(name: string): KernelActivation {
    if (!KERNEL_ACTIVATIONS.includes(name)) throw new Error(`no fast path for activation "${name}"`);
    return name as KernelActivation;
}

/** A direction's weights and options for one call (RnnLensRecurrent.fastPlan). */
export interface FastPlan {
    readonly kernel: tfjs.Tensor2D;
    readonly recurrent: tfjs.Tensor2D;
    /** [g·h], or [2, g·h] for GRU with reset_after=True. */
    readonly bias: tfjs.Tensor | undefined;
    readonly options: FastRecurrentOptions;
}

interface Held { pass: ForwardPass | null }
const heldPasses = new WeakMap<object, Held>();
const collected = new FinalizationRegistry<Held>(held => held.pass?.release());

function heldBy(owner: object): Held {
    let held = heldPasses.get(owner);
    if (!held) {
        heldPasses.set(owner, held = { pass: null });
        collected.register(owner, held);
    }
    return held;
}

/** One direction inside a customGrad: its forward pass now, its gradients later (as ForwardPass gives them). */
interface Direction {
    readonly pass: ForwardPass;
    readonly units: number;
    backward<T>(dOut: Float32Array, use: (gradients: BackwardResult) => T): T;
}

/** Runs the forward pass of `plan` on x (its tensors as the customGrad saw them), held by the plan's owner. */
function runDirection(tf: Tf, x: tfjs.Tensor3D, w: tfjs.Tensor2D, u: tfjs.Tensor2D, b: tfjs.Tensor | undefined, o: FastRecurrentOptions): Direction {
    const [batch, steps, inputs] = x.shape;
    const h = o.units;
    if (w.shape[0] !== inputs || u.shape[0] !== h || w.shape[1] !== u.shape[1]) {
        throw new Error(`${o.kind} of ${h} units on ${inputs} features: kernel ${w.shape}, recurrent kernel ${u.shape}`);
    }
    const options: KernelOptions = {
        kind: o.kind, batch, steps, inputs, units: h, activation: o.activations.act, recurrentActivation: o.activations.rec,
        returnSequences: o.returnSequences, goBackwards: o.goBackwards,
        inputMasks: o.inputMasks, stateMasks: o.stateMasks, stepMask: o.stepMask,
        bias: !b ? 'none' : b.rank === 2 ? 'inputAndRecurrent' : 'input'
    };
    // Views of tfjs's heap on wasm (valuesOf): kernelForward copies them before tfjs allocates again.
    const weights = { kernel: valuesOf(tf, w), recurrentKernel: valuesOf(tf, u), bias: b ? valuesOf(tf, b) : null };
    const held = heldBy(o.owner);
    held.pass?.release();
    const pass = kernelForward(options, valuesOf(tf, x), weights);
    held.pass = pass;
    return {
        pass,
        units: h,
        backward(dOut, use) {
            if (held.pass !== pass) throw new Error(`${o.kind}: the layer ran again before the gradient of its earlier call was taken`);
            held.pass = null;
            return pass.backward(dOut, use);
        }
    };
}

/** The gradients of a direction's weights as tensors, in the customGrad's input order. */
function weightGradients(tf: Tf, g: BackwardResult, w: tfjs.Tensor2D, u: tfjs.Tensor2D, b: tfjs.Tensor | undefined): tfjs.Tensor[] {
    const grads: tfjs.Tensor[] = [tensorFrom(tf, g.dKernel, w.shape), tensorFrom(tf, g.dRecurrentKernel, u.shape)];
    if (b && g.dBias) grads.push(tensorFrom(tf, g.dBias, b.shape));
    return grads;
}

/** The plan's tensors as customGrad inputs (the bias only where there is one). */
function planInputs(plan: FastPlan): tfjs.Tensor[] {
    return plan.bias ? [plan.kernel, plan.recurrent, plan.bias] : [plan.kernel, plan.recurrent];
}

export function fastRecurrent(tf: Tf, x: tfjs.Tensor3D, plan: FastPlan): tfjs.Tensor {
    const o = plan.options;
    const op = tf.customGrad(((...args: unknown[]) => {
        // tfjs appends its `save` function to the inputs.
        const [xIn, wIn, uIn, bIn] = args.slice(0, -1) as [tfjs.Tensor3D, tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor | undefined];
        const [batch, steps] = xIn.shape;
        const direction = runDirection(tf, xIn, wIn, uIn, bIn, o);
        const value = tensorFrom(tf, direction.pass.output, o.returnSequences ? [batch, steps, o.units] : [batch, o.units]);
        const gradFunc = (dy: tfjs.Tensor): tfjs.Tensor[] =>
            direction.backward(valuesOf(tf, dy), g => [tensorFrom(tf, g.dx, xIn.shape), ...weightGradients(tf, g, wIn, uIn, bIn)]);
        return { value, gradFunc };
    }) as never) as (...inputs: tfjs.Tensor[]) => tfjs.Tensor;
    return op(x, ...planInputs(plan));
}

/**
 * Keras's Bidirectional with merge_mode="concat" as ONE operation: both directions' passes
 * (the backward one with go_backwards) and the concatenation of their outputs, the backward
 * direction's sequence put back in time order; tfjs's wrapper reverses, concatenates and splits
 * with taped operations around the two layers.
 */
export function fastBidirectional(tf: Tf, x: tfjs.Tensor3D, forward: FastPlan, backward: FastPlan): tfjs.Tensor {
    const sequences = forward.options.returnSequences;
    if (backward.options.returnSequences !== sequences) throw new Error('Bidirectional: both directions must return the same outputs');
    const forwardCount = planInputs(forward).length;
    const op = tf.customGrad(((...args: unknown[]) => {
        const inputs = args.slice(0, -1) as tfjs.Tensor[];
        const xIn = inputs[0] as tfjs.Tensor3D;
        const [wf, uf, bf] = inputs.slice(1, 1 + forwardCount) as [tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor | undefined];
        const [wb, ub, bb] = inputs.slice(1 + forwardCount) as [tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor | undefined];
        const [batch, steps] = xIn.shape;
        const directions = [runDirection(tf, xIn, wf, uf, bf, forward.options), runDirection(tf, xIn, wb, ub, bb, backward.options)];
        const [hf, hb] = directions.map(d => d.units);
        const width = hf + hb;
        const rows = sequences ? batch * steps : batch;
        /** Output row r of direction d: the backward direction's sequence runs last step first. */
        const rowOf = (d: number, r: number) => (d === 1 && sequences ? Math.floor(r / steps) * steps + steps - 1 - (r % steps) : r);
        const merged = new Float32Array(rows * width);
        directions.forEach((direction, d) => {
            const h = direction.units, offset = d === 0 ? 0 : hf;
            const output = direction.pass.output;
            for (let r = 0; r < rows; r++) merged.set(output.subarray(rowOf(d, r) * h, (rowOf(d, r) + 1) * h), r * width + offset);
        });
        const value = sequences ? tf.tensor3d(merged, [batch, steps, width]) : tf.tensor2d(merged, [batch, width]);
        const gradFunc = (dy: tfjs.Tensor): tfjs.Tensor[] => {
            // Read before tfjs allocates again (each direction's gradients are plain arrays until the end).
            const dMerged = valuesOf(tf, dy);
            const dOuts = directions.map((direction, d) => {
                const h = direction.units, offset = d === 0 ? 0 : hf;
                const dOut = new Float32Array(rows * h);
                for (let r = 0; r < rows; r++) dOut.set(dMerged.subarray(r * width + offset, r * width + offset + h), rowOf(d, r) * h);
                return dOut;
            });
            // The forward direction's input gradient is kept (copied) until the backward one's is added.
            const [dx, forwardWeights] = directions[0].backward(dOuts[0], g => [g.dx.slice(), weightGradients(tf, g, wf, uf, bf)] as const);
            const backwardWeights = directions[1].backward(dOuts[1], g => {
                for (let i = 0; i < dx.length; i++) dx[i] += g.dx[i];
                return weightGradients(tf, g, wb, ub, bb);
            });
            return [tf.tensor3d(dx, xIn.shape), ...forwardWeights, ...backwardWeights];
        };
        return { value, gradFunc };
    }) as never) as (...inputs: tfjs.Tensor[]) => tfjs.Tensor;
    return op(x, ...planInputs(forward), ...planInputs(backward));
}
