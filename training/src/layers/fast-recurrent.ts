/**
 * A recurrent layer's loop over time as ONE tfjs operation with its own gradient
 * (tf.customGrad): forwards, one matMul per time step (h·U on the backend; on wasm straight
 * into its matMul kernel, fast-products.ts) and the gates in plain loops
 * (fast-recurrent-math.ts); backwards, backpropagation through time written out: one matMul
 * per step for the state gradient, and the weight gradient of every step in one matMul at the
 * end. tfjs's own layers tape a dozen small operations per step and replay
 * them, which costs more in per-operation overhead than the arithmetic.
 *
 * Input: the input projection of every step (x·W + b, masked and projected by the caller with
 * taped ops, so their gradients flow), in processing order; the recurrent kernel U [h, g·h];
 * for GRU (reset_after=True) the recurrent bias b_r [g·h]. Dropout masks on the state and the
 * step mask (Masking) are constants of the call. Output: every step's state [B, T, h] in
 * processing order, or the last [B, h].
 */
import type * as tfjs from '@tensorflow/tfjs';
import {
    FAST_ACTIVATIONS, gruBackward, gruForward, lstmBackward, lstmForward, simpleBackward, simpleForward,
    type CellActivations, type FastActivation, type StepRecord
} from './fast-recurrent-math.js';
import { stepProducts, stepSigmoids } from './fast-products.js';

type Tf = typeof tfjs;
type Kind = 'SimpleRNN' | 'LSTM' | 'GRU';

export interface FastSequenceOptions {
    readonly kind: Kind;
    readonly units: number;
    readonly activations: CellActivations;
    readonly returnSequences: boolean;
    /** One mask [B·h] for every gate, one per gate, or none. */
    readonly stateMasks: readonly Float32Array[] | null;
    /** [B·T] ones and zeros in processing order: a zero step keeps the state. */
    readonly stepMask: Float32Array | null;
}

/** Whether the fast loop computes this layer (else the taped loop does); GRU with reset_after=False by fast-gru-classic.ts. */
export function fastPathSupports(kind: Kind, activation: string, recurrentActivation: string): boolean {
    return FAST_ACTIVATIONS.includes(activation)
        && (kind === 'SimpleRNN' || FAST_ACTIVATIONS.includes(recurrentActivation));
}

export function asFastActivation(name: string): FastActivation {
    if (!FAST_ACTIVATIONS.includes(name)) throw new Error(`no fast path for activation "${name}"`);
    return name as FastActivation;
}

const GATES: Record<Kind, number> = { SimpleRNN: 1, LSTM: 4, GRU: 3 };

/** h ⊙ mask into `out`. */
function maskInto(h: Float32Array, mask: Float32Array, out: Float32Array): Float32Array {
    for (let n = 0; n < h.length; n++) out[n] = h[n] * mask[n];
    return out;
}

/** rec [B, g·h] += step t of x [B, T, g·h]. (A function of its own: V8 optimizes the loop far better than inside the pass.) */
function addStepInput(rec: Float32Array, x: Float32Array, batch: number, steps: number, t: number, gh: number): void {
    for (let b = 0; b < batch; b++) {
        const xb = (b * steps + t) * gh;
        const rb = b * gh;
        for (let j = 0; j < gh; j++) rec[rb + j] += x[xb + j];
    }
}

/** `width` columns of `rows` rows: from[r·fromStride + fromAt + j] → to[r·toStride + toAt + j]. */
function copyColumns(from: Float32Array, fromAt: number, fromStride: number, to: Float32Array, toAt: number, toStride: number, rows: number, width: number): void {
    for (let r = 0; r < rows; r++) {
        const f = r * fromStride + fromAt;
        const t = r * toStride + toAt;
        for (let j = 0; j < width; j++) to[t + j] = from[f + j];
    }
}

/** Columns k·h..(k+1)·h of a [rows, g·h] array, for every k: [g, rows, h]. */
function byGate(values: Float32Array, rows: number, g: number, h: number): Float32Array {
    const out = new Float32Array(g * rows * h);
    for (let k = 0; k < g; k++) {
        copyColumns(values, k * h, g * h, out.subarray(k * rows * h, (k + 1) * rows * h), 0, h, rows, h);
    }
    return out;
}

/**
 * U arranged for the products of one pass: [h, g·h] as it is (forwards) or transposed
 * (backwards); with a state mask per gate, each gate's block [h, h] or its transpose.
 * Made in each pass and disposed there (tfjs releases what a customGrad's forward made).
 */
function recurrentOperands(tf: Tf, u: tfjs.Tensor2D, g: number, perGate: boolean, backwards: boolean): tfjs.Tensor2D[] {
    return tf.tidy(() => {
        const blocks = perGate ? tf.split(u, g, 1) : [u.clone()];
        return blocks.map(block => (backwards ? tf.transpose(block) : block) as tfjs.Tensor2D);
    });
}

export function fastSequence(tf: Tf, xw: tfjs.Tensor3D, recurrent: tfjs.Tensor2D, recurrentBias: tfjs.Tensor1D | undefined, o: FastSequenceOptions): tfjs.Tensor {
    const op = tf.customGrad(((...args: unknown[]) => {
        // tfjs appends its `save` function to the inputs.
        const [xwIn, uIn, bIn] = args.slice(0, -1) as [tfjs.Tensor3D, tfjs.Tensor2D, tfjs.Tensor1D | undefined];
        const [batch, steps, gh] = xwIn.shape;
        const h = o.units;
        const g = GATES[o.kind];
        if (gh !== g * h) throw new Error(`fastSequence: ${o.kind} expects ${g * h} projected features, got ${gh}`);
        const perGate = o.stateMasks !== null && o.stateMasks.length > 1;
        const forwardU = recurrentOperands(tf, uIn, g, perGate, false);
        const forwardProducts = stepProducts(tf, forwardU, batch);
        const sigmoids = o.kind === 'LSTM' && o.activations.rec === 'sigmoid' ? stepSigmoids(tf, batch * gh) : null;
        /** h_(t−1)·U for every gate, [B, g·h]: each gate with its own masked state when it has one. */
        const recurrentTerm = (inputs: readonly Float32Array[]): Float32Array => {
            if (!perGate) return forwardProducts.multiply(inputs[0], 0);
            const out = new Float32Array(batch * gh);
            inputs.forEach((input, k) => {
                const part = forwardProducts.multiply(input, k);
                copyColumns(part, 0, h, out, k * h, gh, batch, h);
            });
            return out;
        };
        const x = xwIn.dataSync() as Float32Array;
        const bias = bIn ? bIn.dataSync() as Float32Array : undefined;
        const a = o.activations;

        let hPrev = new Float32Array(batch * h);
        let cPrev = new Float32Array(batch * h);
        const records: StepRecord[] = [];
        const prevStates: Float32Array[] = [];
        const prevCells: Float32Array[] = [];
        /**
         * What U multiplied at each step, per state mask (or the plain previous state): [T·B, h]
         * per mask, steps in order, so that dU is one product over all steps.
         */
        const seenCount = o.stateMasks ? o.stateMasks.length : 1;
        const seenAll = Array.from({ length: seenCount }, () => new Float32Array(steps * batch * h));
        const outputs = new Float32Array(o.returnSequences ? batch * steps * h : batch * h);
        for (let t = 0; t < steps; t++) {
            const inputs = seenAll.map((all, k) => {
                const view = all.subarray(t * batch * h, (t + 1) * batch * h);
                return o.stateMasks ? maskInto(hPrev, o.stateMasks[k], view) : (view.set(hPrev), view);
            });
            const rec = recurrentTerm(inputs);
            const hNew = new Float32Array(batch * h);
            const cNew = new Float32Array(batch * h);
            let record: StepRecord;
            if (o.kind === 'GRU') {
                if (bias) for (let b = 0; b < batch; b++) for (let j = 0; j < gh; j++) rec[b * gh + j] += bias[j];
                record = gruForward(x, t * gh, steps * gh, rec, hPrev, batch, h, a, hNew);
            } else {
                addStepInput(rec, x, batch, steps, t, gh);
                record = o.kind === 'LSTM' ? lstmForward(rec, cPrev, batch, h, a, hNew, cNew, sigmoids?.apply(rec)) : simpleForward(rec, batch, h, a, hNew);
            }
            records.push(record);
            prevStates.push(hPrev);
            prevCells.push(cPrev);
            if (o.stepMask) {
                for (let b = 0; b < batch; b++) {
                    if (o.stepMask[b * steps + t] !== 0) continue;
                    hNew.set(hPrev.subarray(b * h, (b + 1) * h), b * h);
                    cNew.set(cPrev.subarray(b * h, (b + 1) * h), b * h);
                }
            }
            if (o.returnSequences) for (let b = 0; b < batch; b++) outputs.set(hNew.subarray(b * h, (b + 1) * h), (b * steps + t) * h);
            hPrev = hNew;
            cPrev = cNew;
        }
        if (!o.returnSequences) outputs.set(hPrev);
        forwardProducts.dispose();
        sigmoids?.dispose();
        tf.dispose(forwardU);
        const value = o.returnSequences ? tf.tensor3d(outputs, [batch, steps, h]) : tf.tensor2d(outputs, [batch, h]);

        const gradFunc = (dy: tfjs.Tensor): tfjs.Tensor[] => {
            const dOut = dy.dataSync() as Float32Array;
            const backwardU = recurrentOperands(tf, uIn, g, perGate, true);
            const backwardProducts = stepProducts(tf, backwardU, batch);
            const gateGradient = new Float32Array(batch * h);
            const dX = new Float32Array(batch * steps * gh);
            /** The gradient of the recurrent term of every step, [T, B, g·h] (for U and b_r). */
            const dRec = new Float32Array(steps * batch * gh);
            // Two buffers each for the state gradients, swapped every step; and the scratch of a step.
            let dh = new Float32Array(batch * h);
            let dc = new Float32Array(batch * h);
            let dhPrev = new Float32Array(batch * h);
            let dcPrev = new Float32Array(batch * h);
            const dhThrough = o.stepMask ? new Float32Array(batch * h) : null;
            const dcThrough = o.stepMask ? new Float32Array(batch * h) : null;
            const dxStep = o.kind === 'GRU' ? new Float32Array(batch * gh) : null;
            if (!o.returnSequences) dh.set(dOut);
            for (let t = steps - 1; t >= 0; t--) {
                if (o.returnSequences) for (let b = 0; b < batch; b++) for (let k = 0; k < h; k++) dh[b * h + k] += dOut[(b * steps + t) * h + k];
                // A masked step passed its state through: that share of the gradient goes straight back.
                if (o.stepMask && dhThrough && dcThrough) {
                    dhThrough.fill(0);
                    dcThrough.fill(0);
                    for (let b = 0; b < batch; b++) {
                        if (o.stepMask[b * steps + t] !== 0) continue;
                        for (let k = 0; k < h; k++) {
                            dhThrough[b * h + k] = dh[b * h + k]; dh[b * h + k] = 0;
                            dcThrough[b * h + k] = dc[b * h + k]; dc[b * h + k] = 0;
                        }
                    }
                }
                // This step's gradient of the recurrent term, written in place in dRec.
                const dz = dRec.subarray(t * batch * gh, (t + 1) * batch * gh);
                dhPrev.fill(0);
                dcPrev.fill(0);
                if (o.kind === 'GRU' && dxStep) {
                    gruBackward(records[t], prevStates[t], dh, batch, h, a, dxStep, dz, dhPrev);
                    for (let b = 0; b < batch; b++) dX.set(dxStep.subarray(b * gh, (b + 1) * gh), (b * steps + t) * gh);
                } else {
                    if (o.kind === 'LSTM') lstmBackward(records[t], prevCells[t], dh, dc, batch, h, a, dz, dcPrev);
                    else simpleBackward(records[t], dh, batch, h, a, dz);
                    for (let b = 0; b < batch; b++) dX.set(dz.subarray(b * gh, (b + 1) * gh), (b * steps + t) * gh);
                }
                // Back through h·U: each gate's share, through that gate's state mask.
                if (perGate) {
                    o.stateMasks!.forEach((mask, k) => {
                        copyColumns(dz, k * h, gh, gateGradient, 0, h, batch, h);
                        const back = backwardProducts.multiply(gateGradient, k);
                        for (let n = 0; n < batch * h; n++) dhPrev[n] += back[n] * mask[n];
                    });
                } else {
                    const back = backwardProducts.multiply(dz, 0);
                    const mask = o.stateMasks?.[0];
                    for (let n = 0; n < batch * h; n++) dhPrev[n] += mask ? back[n] * mask[n] : back[n];
                }
                if (dhThrough && dcThrough) {
                    for (let n = 0; n < batch * h; n++) {
                        dhPrev[n] += dhThrough[n];
                        dcPrev[n] += dcThrough[n];
                    }
                }
                [dh, dhPrev] = [dhPrev, dh];
                [dc, dcPrev] = [dcPrev, dc];
            }
            backwardProducts.dispose();
            tf.dispose(backwardU);
            return tf.tidy(() => {
                // dU = Σ_t seen_t^T · dRec_t: one product over all steps (per gate when each gate saw its own masked state).
                const rows = steps * batch;
                const seen = (k: number) => tf.tensor2d(seenAll[seenAll.length === 1 ? 0 : k], [rows, h]);
                let dU: tfjs.Tensor;
                if (perGate) {
                    const right = byGate(dRec, rows, g, h);
                    dU = tf.concat(Array.from({ length: g }, (_, k) =>
                        tf.matMul(seen(k), tf.tensor2d(right.subarray(k * rows * h, (k + 1) * rows * h), [rows, h]), true, false)), 1);
                } else {
                    dU = tf.matMul(seen(0), tf.tensor2d(dRec, [rows, gh]), true, false);
                }
                const grads: tfjs.Tensor[] = [tf.tensor3d(dX, [batch, steps, gh]), dU];
                if (bIn) grads.push(tf.sum(tf.tensor2d(dRec, [rows, gh]), 0));
                return grads;
            });
        };
        return { value, gradFunc };
    }) as never) as (...inputs: tfjs.Tensor[]) => tfjs.Tensor;
    return recurrentBias ? op(xw, recurrent, recurrentBias) : op(xw, recurrent);
}
