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
import { KERNEL_ACTIVATIONS, kernelForward, type ForwardPass, type KernelActivation, type KernelKind, type KernelOptions } from './recurrent-kernel.js';

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

export function fastRecurrent(tf: Tf, x: tfjs.Tensor3D, kernel: tfjs.Tensor2D, recurrent: tfjs.Tensor2D, bias: tfjs.Tensor | undefined, o: FastRecurrentOptions): tfjs.Tensor {
    const op = tf.customGrad(((...args: unknown[]) => {
        // tfjs appends its `save` function to the inputs.
        const [xIn, wIn, uIn, bIn] = args.slice(0, -1) as [tfjs.Tensor3D, tfjs.Tensor2D, tfjs.Tensor2D, tfjs.Tensor | undefined];
        const [batch, steps, inputs] = xIn.shape;
        const h = o.units;
        const options: KernelOptions = {
            kind: o.kind, batch, steps, inputs, units: h, activation: o.activations.act, recurrentActivation: o.activations.rec,
            returnSequences: o.returnSequences, goBackwards: o.goBackwards,
            inputMasks: o.inputMasks, stateMasks: o.stateMasks, stepMask: o.stepMask,
            bias: !bIn ? 'none' : bIn.rank === 2 ? 'inputAndRecurrent' : 'input'
        };
        if (wIn.shape[0] !== inputs || uIn.shape[0] !== h || wIn.shape[1] !== uIn.shape[1]) {
            throw new Error(`${o.kind} of ${h} units on ${inputs} features: kernel ${wIn.shape}, recurrent kernel ${uIn.shape}`);
        }
        const weights = {
            kernel: wIn.dataSync() as Float32Array,
            recurrentKernel: uIn.dataSync() as Float32Array,
            bias: bIn ? bIn.dataSync() as Float32Array : null
        };
        const xValues = xIn.dataSync() as Float32Array;
        const held = heldBy(o.owner);
        held.pass?.release();
        const pass = kernelForward(options, xValues, weights);
        held.pass = pass;
        const value = o.returnSequences ? tf.tensor3d(pass.output, [batch, steps, h]) : tf.tensor2d(pass.output, [batch, h]);
        const gradFunc = (dy: tfjs.Tensor): tfjs.Tensor[] => {
            if (held.pass !== pass) throw new Error(`${o.kind}: the layer ran again before the gradient of its earlier call was taken`);
            held.pass = null;
            const g = pass.backward(dy.dataSync() as Float32Array);
            const grads: tfjs.Tensor[] = [tf.tensor3d(g.dx, xIn.shape), tf.tensor2d(g.dKernel, wIn.shape), tf.tensor2d(g.dRecurrentKernel, uIn.shape)];
            if (bIn && g.dBias) grads.push(tf.tensor(g.dBias, bIn.shape));
            return grads;
        };
        return { value, gradFunc };
    }) as never) as (...inputs: tfjs.Tensor[]) => tfjs.Tensor;
    return bias ? op(x, kernel, recurrent, bias) : op(x, kernel, recurrent);
}
