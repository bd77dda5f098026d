/**
 * The layers of a whole training step (whole-step.ts) that had no kernel of their own: Dense
 * (on [rows, in], a 3-D input's steps as rows), windowed max and average pooling over steps
 * (TF's semantics, as training/src/layers/fast-pooling.ts), Bidirectional's merge of its two
 * directions, Dropout by a given mask, the activations after a layer, and the losses.
 * Pointers are byte addresses, sizes f32 values.
 */
import { at, get, vec } from './memory';
import { addInto, copyValues, gemm, gemmTransposedA, multiplyInto, transpose } from './products';
import { activate4, slope4, storeFirst } from './vector-math';

/** x = activation(x), in place. */
export function activateInPlace(code: i32, x: usize, n: i32): void {
    if (code == 0) return;
    for (let i = 0; i < n; i += 4) storeFirst(at(x, i), activate4(code, vec(x, i)), n - i);
}

/** dy ⊙= activation′ at the outputs y, in place. */
export function slopeInPlace(code: i32, y: usize, dy: usize, n: i32): void {
    if (code == 0) return;
    for (let i = 0; i < n; i += 4) storeFirst(at(dy, i), f32x4.mul(vec(dy, i), slope4(code, vec(y, i))), n - i);
}

/** y [rows, units] = act(x [rows, in] · w [in, units] + bias). */
export function denseForward(rows: i32, inputs: i32, units: i32, act: i32, x: usize, w: usize, bias: usize, y: usize): void {
    gemm(rows, units, inputs, x, inputs, w, units, y, units, false);
    if (bias) for (let r = 0; r < rows; r++) addInto(at(y, r * units), bias, units);
    activateInPlace(act, y, rows * units);
}

/** The scratch denseBackward needs, in f32 values. */
export function denseScratch(rows: i32, inputs: i32, units: i32): i32 {
    return max(rows * inputs, units * inputs);
}

/** From dy (overwritten by the pre-activation gradient) to dw, dbias (or 0) and dx (or 0). */
export function denseBackward(rows: i32, inputs: i32, units: i32, act: i32, x: usize, w: usize, y: usize, dy: usize,
    dx: usize, dw: usize, dbias: usize, scratch: usize): void {
    slopeInPlace(act, y, dy, rows * units);
    gemmTransposedA(inputs, units, rows, x, inputs, dy, units, dw, units);
    if (dbias) {
        memory.fill(dbias, 0, (<usize>units) << 2);
        for (let r = 0; r < rows; r++) addInto(dbias, at(dy, r * units), units);
    }
    if (dx) {
        transpose(inputs, units, w, units, scratch);
        gemm(rows, inputs, units, dy, units, scratch, inputs, dx, inputs, false);
    }
}

/** The input steps of output step t's window that lie inside the input: [first, last). */
// @ts-ignore: decorator
@inline function windowFirst(t: i32, stride: i32, padLeft: i32): i32 { return max(0, t * stride - padLeft); }
// @ts-ignore: decorator
@inline function windowLast(t: i32, stride: i32, padLeft: i32, pool: i32, steps: i32): i32 { return min(steps, t * stride - padLeft + pool); }

/** Max (mode 0, keeping in `from` [B·L·C] where each maximum came from, the first of equals) or average (1) pooling. */
export function poolForward(batch: i32, steps: i32, channels: i32, mode: i32, pool: i32, stride: i32, padLeft: i32, outSteps: i32,
    x: usize, y: usize, from: usize): void {
    for (let b = 0; b < batch; b++) {
        for (let t = 0; t < outSteps; t++) {
            const first = windowFirst(t, stride, padLeft), last = windowLast(t, stride, padLeft, pool, steps);
            const out = (b * outSteps + t) * channels;
            let c = 0;
            // Four channels at a time (max pooling), the same comparisons lane by lane.
            if (mode == 0) for (; c + 4 <= channels; c += 4) maxWindow4(x, (b * steps + first) * channels + c, last - first, channels, at(y, out + c), at(from, out + c));
            for (; c < channels; c++) {
                let index = (b * steps + first) * channels + c;
                let value = get(x, index);
                if (mode == 0) {
                    for (let s = first + 1; s < last; s++) {
                        const i = (b * steps + s) * channels + c;
                        if (get(x, i) > value) { value = get(x, i); index = i; }
                    }
                    store<i32>(at(from, out + c), index);
                } else {
                    for (let s = first + 1; s < last; s++) value += get(x, (b * steps + s) * channels + c);
                    value /= <f32>(last - first);
                }
                store<f32>(at(y, out + c), value);
            }
        }
    }
}

/** The maxima of four channels over `count` steps from element `index` of x (steps `channels` apart), and where each came from. */
// @ts-ignore: decorator
@inline function maxWindow4(x: usize, index: i32, count: i32, channels: i32, y: usize, from: usize): void {
    let value = vec(x, index);
    let where = i32x4.add(i32x4.splat(index), i32x4(0, 1, 2, 3));
    for (let s = 1; s < count; s++) {
        index += channels;
        const next = vec(x, index);
        const larger = f32x4.gt(next, value);
        value = v128.bitselect(next, value, larger);
        where = v128.bitselect(i32x4.add(i32x4.splat(index), i32x4(0, 1, 2, 3)), where, larger);
    }
    v128.store(y, value);
    v128.store(from, where);
}

export function poolBackward(batch: i32, steps: i32, channels: i32, mode: i32, pool: i32, stride: i32, padLeft: i32, outSteps: i32,
    dy: usize, dx: usize, from: usize): void {
    memory.fill(dx, 0, (<usize>(batch * steps * channels)) << 2);
    const n = batch * outSteps * channels;
    if (mode == 0) {
        for (let i = 0; i < n; i++) {
            const to = at(dx, load<i32>(at(from, i)));
            store<f32>(to, load<f32>(to) + get(dy, i));
        }
        return;
    }
    for (let b = 0; b < batch; b++) {
        for (let t = 0; t < outSteps; t++) {
            const first = windowFirst(t, stride, padLeft), last = windowLast(t, stride, padLeft, pool, steps);
            const out = (b * outSteps + t) * channels;
            const count = <f32>(last - first);
            for (let s = first; s < last; s++) {
                const to = (b * steps + s) * channels;
                for (let c = 0; c < channels; c++) store<f32>(at(dx, to + c), get(dx, to + c) + get(dy, out + c) / count);
            }
        }
    }
}

export const MERGE_CONCAT = 0;
export const MERGE_SUM = 1;
export const MERGE_AVE = 2;
export const MERGE_MUL = 3;

/** Row r of the backward direction's output: its sequence runs last step first. */
// @ts-ignore: decorator
@inline function backwardRow(r: i32, sequences: bool, steps: i32): i32 {
    return sequences ? (r / steps) * steps + steps - 1 - (r % steps) : r;
}

/** Bidirectional's output from its directions' (outF [rows, hf], outB [rows, hb]). */
export function mergeForward(rows: i32, mode: i32, sequences: bool, steps: i32, hf: i32, hb: i32, outF: usize, outB: usize, y: usize): void {
    const width = mode == MERGE_CONCAT ? hf + hb : hf;
    for (let r = 0; r < rows; r++) {
        const f = at(outF, r * hf), b = at(outB, backwardRow(r, sequences, steps) * hb), o = at(y, r * width);
        if (mode == MERGE_CONCAT) {
            copyValues(o, f, hf);
            copyValues(at(o, hf), b, hb);
        } else if (mode == MERGE_MUL) {
            multiplyInto(f, b, o, hf);
        } else {
            for (let j = 0; j < hf; j++) {
                const sum = get(f, j) + get(b, j);
                store<f32>(at(o, j), mode == MERGE_AVE ? sum * <f32>0.5 : sum);
            }
        }
    }
}

export function mergeBackward(rows: i32, mode: i32, sequences: bool, steps: i32, hf: i32, hb: i32, outF: usize, outB: usize,
    dy: usize, dOutF: usize, dOutB: usize): void {
    const width = mode == MERGE_CONCAT ? hf + hb : hf;
    for (let r = 0; r < rows; r++) {
        const rb = backwardRow(r, sequences, steps);
        const d = at(dy, r * width), df = at(dOutF, r * hf), db = at(dOutB, rb * hb);
        if (mode == MERGE_CONCAT) {
            copyValues(df, d, hf);
            copyValues(db, at(d, hf), hb);
        } else if (mode == MERGE_MUL) {
            multiplyInto(d, at(outB, rb * hb), df, hf);
            multiplyInto(d, at(outF, r * hf), db, hf);
        } else {
            for (let j = 0; j < hf; j++) {
                const g = mode == MERGE_AVE ? get(d, j) * <f32>0.5 : get(d, j);
                store<f32>(at(df, j), g);
                store<f32>(at(db, j), g);
            }
        }
    }
}

export const LOSS_MSE = 0;
export const LOSS_MAE = 1;

/**
 * The loss of `rows` predictions [rows, width] against the targets: into `sums` the sums over the
 * rows of each row's mean squared and mean absolute error; with `grad`, the loss's gradient
 * for a batch of `total` rows into dPred.
 */
export function lossAndGradient(kind: i32, rows: i32, total: i32, width: i32, pred: usize, truth: usize, dPred: usize, grad: bool, sums: usize): void {
    let squared: f64 = 0, absolute: f64 = 0;
    const scale = <f32>1 / (<f32>total * <f32>width);
    for (let r = 0; r < rows; r++) {
        let rowSquared: f32 = 0, rowAbsolute: f32 = 0;
        for (let j = 0; j < width; j++) {
            const i = r * width + j;
            const diff = get(pred, i) - get(truth, i);
            rowSquared += diff * diff;
            rowAbsolute += abs(diff);
            if (grad) {
                const g: f32 = kind == LOSS_MSE ? <f32>2 * diff : (diff > 0 ? <f32>1 : diff < 0 ? <f32>-1 : <f32>0);
                store<f32>(at(dPred, i), g * scale);
            }
        }
        squared += <f64>(rowSquared / <f32>width);
        absolute += <f64>(rowAbsolute / <f32>width);
    }
    store<f64>(sums, squared);
    store<f64>(sums + 8, absolute);
}
