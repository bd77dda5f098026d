/**
 * A recurrent layer's loop over time as ONE tfjs operation with its own gradient
 * (tf.customGrad): forwards, the whole sequence in one call into RNN Lens's wasm kernels
 * (recurrent-kernel.ts); backwards, backpropagation through time written out there too. tfjs's
 * own layers tape a dozen small operations per step and replay them, which costs far more in
 * per-operation overhead than the arithmetic.
 *
 * Input: the input projection of every step (x·W + b, masked and projected by the caller with
 * taped ops, so that their gradients flow), in processing order; the recurrent kernel U [h, g·h];
 * for GRU (reset_after=True) the recurrent bias b_r [g·h]. Dropout masks on the state and the
 * step mask (Masking) are constants of the call. Output: every step's state [B, T, h] in
 * processing order, or the last [B, h].
 */
import type * as tfjs from '@tensorflow/tfjs';
import { KERNEL_ACTIVATIONS, kernelBackward, kernelForward, type KernelActivation, type KernelKind, type KernelOptions } from './recurrent-kernel.js';

type Tf = typeof tfjs;
type Kind = 'SimpleRNN' | 'LSTM' | 'GRU';

export interface FastSequenceOptions {
    /** GRUClassic: GRU with reset_after=False. */
    readonly kind: KernelKind;
    readonly units: number;
    readonly activations: { readonly act: KernelActivation; readonly rec: KernelActivation };
    readonly returnSequences: boolean;
    /** One mask [B·h] for every gate, one per gate, or none. */
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

export function fastSequence(tf: Tf, xw: tfjs.Tensor3D, recurrent: tfjs.Tensor2D, recurrentBias: tfjs.Tensor1D | undefined, o: FastSequenceOptions): tfjs.Tensor {
    const op = tf.customGrad(((...args: unknown[]) => {
        // tfjs appends its `save` function to the inputs.
        const [xwIn, uIn, bIn] = args.slice(0, -1) as [tfjs.Tensor3D, tfjs.Tensor2D, tfjs.Tensor1D | undefined];
        const [batch, steps, gh] = xwIn.shape;
        const h = o.units;
        if (gh !== uIn.shape[1] || uIn.shape[0] !== h) throw new Error(`fastSequence: ${o.kind} of ${h} units got a projection of ${gh} features and U ${uIn.shape}`);
        const options: KernelOptions = {
            kind: o.kind, batch, steps, units: h, activation: o.activations.act, recurrentActivation: o.activations.rec,
            returnSequences: o.returnSequences, stateMasks: o.stateMasks, stepMask: o.stepMask, hasRecurrentBias: bIn !== undefined
        };
        const u = uIn.dataSync() as Float32Array;
        const { output, records } = kernelForward(options, xwIn.dataSync() as Float32Array, u, bIn ? bIn.dataSync() as Float32Array : null);
        const value = o.returnSequences ? tf.tensor3d(output, [batch, steps, h]) : tf.tensor2d(output, [batch, h]);
        const gradFunc = (dy: tfjs.Tensor): tfjs.Tensor[] => {
            const { dx, du, dRecurrentBias } = kernelBackward(options, u, records, dy.dataSync() as Float32Array);
            const grads: tfjs.Tensor[] = [tf.tensor3d(dx, [batch, steps, gh]), tf.tensor2d(du, [h, gh])];
            if (dRecurrentBias) grads.push(tf.tensor1d(dRecurrentBias));
            return grads;
        };
        return { value, gradFunc };
    }) as never) as (...inputs: tfjs.Tensor[]) => tfjs.Tensor;
    return recurrentBias ? op(xw, recurrent, recurrentBias) : op(xw, recurrent);
}
