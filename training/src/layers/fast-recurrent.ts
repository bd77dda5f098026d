/**
 * A recurrent layer's loop over time as ONE tfjs operation with its own gradient
 * (tf.customGrad): forwards, one matMul per time step (h·U on the backend) and the gates in
 * plain loops (fast-recurrent-math.ts); backwards, backpropagation through time written out:
 * one matMul per step for the state gradient, and the weight gradient of every step in one
 * matMul at the end. tfjs's own layers tape a dozen small operations per step and replay
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

/** Whether the fast loop computes this layer (else the taped loop does). */
export function fastPathSupports(kind: Kind, activation: string, recurrentActivation: string, resetAfter: boolean): boolean {
    return FAST_ACTIVATIONS.includes(activation)
        && (kind === 'SimpleRNN' || FAST_ACTIVATIONS.includes(recurrentActivation))
        && (kind !== 'GRU' || resetAfter);
}

export function asFastActivation(name: string): FastActivation {
    if (!FAST_ACTIVATIONS.includes(name)) throw new Error(`no fast path for activation "${name}"`);
    return name as FastActivation;
}

const GATES: Record<Kind, number> = { SimpleRNN: 1, LSTM: 4, GRU: 3 };

/**
 * a [rows, inner] · b, on the backend. (No transpose flags: tfjs-wasm's matMul is several times
 * slower with them, so transposed operands are made once per call instead.)
 */
function product(tf: Tf, a: Float32Array, rows: number, inner: number, b: tfjs.Tensor2D): Float32Array {
    // Not returned through tf.tidy: tidy would walk every element of a typed array for tensors.
    const left = tf.tensor2d(a, [rows, inner]);
    const result = tf.matMul(left, b);
    const values = result.dataSync() as Float32Array;
    tf.dispose([left, result]);
    return values;
}

/**
 * a [g, rows, inner] · b [g, inner, cols], gate by gate: tfjs-wasm's batched matMul runs several
 * times slower than its plain one, so g plain products beat one batched call.
 */
function gateProducts(tf: Tf, a: Float32Array, g: number, rows: number, inner: number, b: readonly tfjs.Tensor2D[]): Float32Array {
    const out = new Float32Array(g * rows * b[0].shape[1]);
    for (let k = 0; k < g; k++) out.set(product(tf, a.subarray(k * rows * inner, (k + 1) * rows * inner), rows, inner, b[k]), k * rows * b[0].shape[1]);
    return out;
}

function masked(h: Float32Array, mask: Float32Array | undefined): Float32Array {
    if (!mask) return h;
    const out = new Float32Array(h.length);
    for (let n = 0; n < h.length; n++) out[n] = h[n] * mask[n];
    return out;
}

/** Columns k·h..(k+1)·h of a [rows, g·h] array, for every k: [g, rows, h]. */
function byGate(values: Float32Array, rows: number, g: number, h: number): Float32Array {
    const out = new Float32Array(g * rows * h);
    for (let k = 0; k < g; k++) {
        for (let r = 0; r < rows; r++) out.set(values.subarray(r * g * h + k * h, r * g * h + (k + 1) * h), (k * rows + r) * h);
    }
    return out;
}

/** [g, rows, h] back to [rows, g·h]. */
function sideBySide(values: Float32Array, rows: number, g: number, h: number): Float32Array {
    const out = new Float32Array(rows * g * h);
    for (let k = 0; k < g; k++) {
        for (let r = 0; r < rows; r++) out.set(values.subarray((k * rows + r) * h, (k * rows + r + 1) * h), r * g * h + k * h);
    }
    return out;
}

/** [rows, cols] → [cols, rows]. */
function transposed(values: Float32Array, rows: number, cols: number): Float32Array {
    const out = new Float32Array(rows * cols);
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c];
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
        /** h_(t−1)·U for every gate, [B, g·h]: each gate with its own masked state when it has one. */
        const recurrentTerm = (inputs: readonly Float32Array[]): Float32Array => {
            if (!perGate) return product(tf, inputs[0], batch, h, forwardU[0]);
            const stacked = new Float32Array(g * batch * h);
            inputs.forEach((input, k) => stacked.set(input, k * batch * h));
            return sideBySide(gateProducts(tf, stacked, g, batch, h, forwardU), batch, g, h);
        };
        const x = xwIn.dataSync() as Float32Array;
        const bias = bIn ? bIn.dataSync() as Float32Array : undefined;
        const a = o.activations;

        let hPrev = new Float32Array(batch * h);
        let cPrev = new Float32Array(batch * h);
        const records: StepRecord[] = [];
        const prevStates: Float32Array[] = [];
        const prevCells: Float32Array[] = [];
        /** Each step's masked previous state per gate: what U multiplied. */
        const seen: Float32Array[][] = [];
        const outputs = new Float32Array(o.returnSequences ? batch * steps * h : batch * h);
        for (let t = 0; t < steps; t++) {
            const inputs = o.stateMasks ? o.stateMasks.map(m => masked(hPrev, m)) : [hPrev];
            seen.push(inputs);
            const rec = recurrentTerm(inputs);
            const hNew = new Float32Array(batch * h);
            const cNew = new Float32Array(batch * h);
            let record: StepRecord;
            if (o.kind === 'GRU') {
                if (bias) for (let b = 0; b < batch; b++) for (let j = 0; j < gh; j++) rec[b * gh + j] += bias[j];
                record = gruForward(x, t * gh, steps * gh, rec, hPrev, batch, h, a, hNew);
            } else {
                for (let b = 0; b < batch; b++) {
                    const xb = (b * steps + t) * gh;
                    for (let j = 0; j < gh; j++) rec[b * gh + j] += x[xb + j];
                }
                record = o.kind === 'LSTM' ? lstmForward(rec, cPrev, batch, h, a, hNew, cNew) : simpleForward(rec, batch, h, a, hNew);
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
        tf.dispose(forwardU);
        const value = o.returnSequences ? tf.tensor3d(outputs, [batch, steps, h]) : tf.tensor2d(outputs, [batch, h]);

        const gradFunc = (dy: tfjs.Tensor): tfjs.Tensor[] => {
            const dOut = dy.dataSync() as Float32Array;
            const backwardU = recurrentOperands(tf, uIn, g, perGate, true);
            const dX = new Float32Array(batch * steps * gh);
            /** The gradient of the recurrent term of every step, [T, B, g·h] (for U and b_r). */
            const dRec = new Float32Array(steps * batch * gh);
            let dh = new Float32Array(batch * h);
            let dc = new Float32Array(batch * h);
            if (!o.returnSequences) dh.set(dOut);
            for (let t = steps - 1; t >= 0; t--) {
                if (o.returnSequences) for (let b = 0; b < batch; b++) for (let k = 0; k < h; k++) dh[b * h + k] += dOut[(b * steps + t) * h + k];
                // A masked step passed its state through: that share of the gradient goes straight back.
                const dhThrough = new Float32Array(batch * h);
                const dcThrough = new Float32Array(batch * h);
                if (o.stepMask) {
                    for (let b = 0; b < batch; b++) {
                        if (o.stepMask[b * steps + t] !== 0) continue;
                        for (let k = 0; k < h; k++) {
                            dhThrough[b * h + k] = dh[b * h + k]; dh[b * h + k] = 0;
                            dcThrough[b * h + k] = dc[b * h + k]; dc[b * h + k] = 0;
                        }
                    }
                }
                const dz = new Float32Array(batch * gh);
                const dhPrev = new Float32Array(batch * h);
                const dcPrev = new Float32Array(batch * h);
                if (o.kind === 'GRU') {
                    const dxStep = new Float32Array(batch * gh);
                    gruBackward(records[t], prevStates[t], dh, batch, h, a, dxStep, dz, dhPrev);
                    for (let b = 0; b < batch; b++) dX.set(dxStep.subarray(b * gh, (b + 1) * gh), (b * steps + t) * gh);
                } else {
                    if (o.kind === 'LSTM') lstmBackward(records[t], prevCells[t], dh, dc, batch, h, a, dz, dcPrev);
                    else simpleBackward(records[t], dh, batch, h, a, dz);
                    for (let b = 0; b < batch; b++) dX.set(dz.subarray(b * gh, (b + 1) * gh), (b * steps + t) * gh);
                }
                dRec.set(dz, t * batch * gh);
                // Back through h·U: each gate's share, through that gate's state mask.
                if (perGate) {
                    const back = gateProducts(tf, byGate(dz, batch, g, h), g, batch, h, backwardU);
                    o.stateMasks!.forEach((mask, k) => {
                        for (let n = 0; n < batch * h; n++) dhPrev[n] += back[k * batch * h + n] * mask[n];
                    });
                } else {
                    const back = product(tf, dz, batch, gh, backwardU[0]);
                    const mask = o.stateMasks?.[0];
                    for (let n = 0; n < batch * h; n++) dhPrev[n] += mask ? back[n] * mask[n] : back[n];
                }
                for (let n = 0; n < batch * h; n++) {
                    dhPrev[n] += dhThrough[n];
                    dcPrev[n] += dcThrough[n];
                }
                dh = dhPrev;
                dc = dcPrev;
            }
            tf.dispose(backwardU);
            return tf.tidy(() => {
                // dU = Σ_t seen_t^T · dRec_t: one product over all steps (per gate when each gate saw its own masked state).
                const rows = steps * batch;
                const seenT = (k: number) => {
                    const out = new Float32Array(rows * h);
                    seen.forEach((inputs, t) => out.set(inputs[inputs.length === 1 ? 0 : k], t * batch * h));
                    return transposed(out, rows, h);
                };
                let dU: tfjs.Tensor;
                if (perGate) {
                    const right = byGate(dRec, rows, g, h);
                    dU = tf.concat(Array.from({ length: g }, (_, k) =>
                        tf.matMul(tf.tensor2d(seenT(k), [h, rows]), tf.tensor2d(right.subarray(k * rows * h, (k + 1) * rows * h), [rows, h]))), 1);
                } else {
                    dU = tf.matMul(tf.tensor2d(seenT(0), [h, rows]), tf.tensor2d(dRec, [rows, gh]));
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
