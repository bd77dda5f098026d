/**
 * Keras's SimpleRNN, LSTM and GRU (reset_after=True) over a whole sequence, forwards and
 * backwards through time, in one call each: the per-step products (gemm), the gates and the
 * bookkeeping of dropout masks and masked steps never leave wasm. The caller
 * (training/src/layers/recurrent-kernel.ts) lays the arrays out in memory and keeps the forward
 * pass's records for the backward pass.
 *
 * Shapes (f32, row-major; B batch, T steps in processing order, h units, g gates, gh = g·h):
 *   x      [B, T, gh]  the input projection x·W + b of every step
 *   u      [h, gh]     the recurrent kernel; br [gh] GRU's recurrent bias (or 0)
 *   masks  [M, B, h]   recurrent dropout: none (M 0), one for all gates, or one per gate
 *   stepMask [B, T]    1 computes the step, 0 keeps the state (Masking), or 0 for none
 * Records of the forward pass:
 *   states [T + 1, B, h]  the state before step t at t, the last one at T
 *   cells  [T + 1, B, h]  LSTM's cell state, likewise
 *   seen   [M, T, B, h]   the masked state each mask's product multiplied (M ≥ 1)
 *   gates  [T, B, w]      LSTM i, f, c̃, o (w 4h); GRU z, r, ĥ and the recurrent part of ĥ (4h); SimpleRNN h (h)
 *   actC   [T, B, h]      LSTM: act(c)
 */
import { activate4, slope4, storeFirst } from './vector-math';
import { addInto, addProductInto, copyValues, gemm, gemmTransposedA, multiplyInto, transpose, zeroValues } from './products';

export const SIMPLE_RNN = 0;
export const LSTM = 1;
export const GRU = 2;

import { at, get, vec } from './memory';
export function gatesOf(kind: i32): i32 {
    return kind == LSTM ? 4 : kind == GRU ? 3 : 1;
}

/** The width of a step's row of gate records. */
export function gateRecordOf(kind: i32, h: i32): i32 {
    return kind == SIMPLE_RNN ? h : 4 * h;
}

/**
 * h_(t−1)·U for every gate into rec [B, gh], each gate with its own masked state when there is a
 * mask per gate (Keras's implementation 1), and keeps what each product multiplied in `seen`.
 */
function recurrentTerm(batch: i32, steps: i32, h: i32, g: i32, t: i32, hPrev: usize, u: usize, masks: usize, maskCount: i32, seen: usize, rec: usize): void {
    const n = batch * h, gh = g * h;
    if (maskCount == 0) {
        gemm(batch, gh, h, hPrev, h, u, gh, rec, gh, false);
        return;
    }
    if (maskCount == 1) {
        const s = at(seen, t * n);
        multiplyInto(hPrev, masks, s, n);
        gemm(batch, gh, h, s, h, u, gh, rec, gh, false);
        return;
    }
    for (let k = 0; k < g; k++) {
        const s = at(seen, (k * steps + t) * n);
        multiplyInto(hPrev, at(masks, k * n), s, n);
        gemm(batch, h, h, s, h, at(u, k * h), gh, at(rec, k * h), gh, false);
    }
}

// Four units at a time; the last chunk of a row stores only the units it has.

// @ts-ignore: decorator
@inline function lstmRow(h: i32, act: i32, recAct: i32, xb: usize, rb: usize, gb: usize, cp: usize, cn: usize, ac: usize, hn: usize): void {
    for (let j = 0; j < h; j += 4) {
        const count = h - j;
        const i = activate4(recAct, f32x4.add(vec(xb, j), vec(rb, j)));
        const f = activate4(recAct, f32x4.add(vec(xb, h + j), vec(rb, h + j)));
        const c = activate4(act, f32x4.add(vec(xb, 2 * h + j), vec(rb, 2 * h + j)));
        const o = activate4(recAct, f32x4.add(vec(xb, 3 * h + j), vec(rb, 3 * h + j)));
        storeFirst(at(gb, j), i, count); storeFirst(at(gb, h + j), f, count);
        storeFirst(at(gb, 2 * h + j), c, count); storeFirst(at(gb, 3 * h + j), o, count);
        const cell = f32x4.add(f32x4.mul(f, vec(cp, j)), f32x4.mul(i, c));
        const a = activate4(act, cell);
        storeFirst(at(cn, j), cell, count);
        storeFirst(at(ac, j), a, count);
        storeFirst(at(hn, j), f32x4.mul(o, a), count);
    }
}

// @ts-ignore: decorator
@inline function gruRow(h: i32, act: i32, recAct: i32, xb: usize, rb: usize, br: usize, gb: usize, hp: usize, hn: usize): void {
    const zero = f32x4.splat(0);
    for (let j = 0; j < h; j += 4) {
        const count = h - j;
        const z = activate4(recAct, f32x4.add(f32x4.add(vec(xb, j), vec(rb, j)), br ? vec(br, j) : zero));
        const r = activate4(recAct, f32x4.add(f32x4.add(vec(xb, h + j), vec(rb, h + j)), br ? vec(br, h + j) : zero));
        const rh = f32x4.add(vec(rb, 2 * h + j), br ? vec(br, 2 * h + j) : zero);
        const cand = activate4(act, f32x4.add(vec(xb, 2 * h + j), f32x4.mul(r, rh)));
        storeFirst(at(gb, j), z, count); storeFirst(at(gb, h + j), r, count);
        storeFirst(at(gb, 2 * h + j), cand, count); storeFirst(at(gb, 3 * h + j), rh, count);
        // Keras mixes in the undropped previous state.
        storeFirst(at(hn, j), f32x4.add(f32x4.mul(z, vec(hp, j)), f32x4.mul(f32x4.sub(f32x4.splat(1), z), cand)), count);
    }
}

// @ts-ignore: decorator
@inline function simpleRow(h: i32, act: i32, xb: usize, rb: usize, gb: usize, hn: usize): void {
    for (let j = 0; j < h; j += 4) {
        const y = activate4(act, f32x4.add(vec(xb, j), vec(rb, j)));
        storeFirst(at(gb, j), y, h - j);
        storeFirst(at(hn, j), y, h - j);
    }
}

export function sequenceForward(kind: i32, batch: i32, steps: i32, h: i32, act: i32, recAct: i32, returnSequences: bool, reverse: bool,
    x: usize, u: usize, br: usize, masks: usize, maskCount: i32, stepMask: usize,
    states: usize, cells: usize, seen: usize, gates: usize, actC: usize, out: usize, rec: usize): void {
    const g = gatesOf(kind), gh = g * h, n = batch * h, w = gateRecordOf(kind, h);
    memory.fill(states, 0, (<usize>n) << 2);
    if (kind == LSTM) memory.fill(cells, 0, (<usize>n) << 2);
    for (let t = 0; t < steps; t++) {
        const tx = reverse ? steps - 1 - t : t; // the input's step
        const hPrev = at(states, t * n), hNew = at(states, (t + 1) * n);
        recurrentTerm(batch, steps, h, g, t, hPrev, u, masks, maskCount, seen, rec);
        const gt = at(gates, t * batch * w);
        for (let b = 0; b < batch; b++) {
            const xb = at(x, (b * steps + tx) * gh), rb = at(rec, b * gh), gb = at(gt, b * w);
            const hp = at(hPrev, b * h), hn = at(hNew, b * h);
            // One loop per kind over the row's units (the kind and the row's addresses decided once a row).
            if (kind == LSTM) lstmRow(h, act, recAct, xb, rb, gb, at(cells, (t * batch + b) * h), at(cells, ((t + 1) * batch + b) * h), at(actC, (t * batch + b) * h), hn);
            else if (kind == GRU) gruRow(h, act, recAct, xb, rb, br, gb, hp, hn);
            else simpleRow(h, act, xb, rb, gb, hn);
            if (stepMask && get(stepMask, b * steps + t) == 0) {
                // A masked step keeps the state (and the cell state).
                copyValues(hn, hp, h);
                if (kind == LSTM) copyValues(at(cells, ((t + 1) * batch + b) * h), at(cells, (t * batch + b) * h), h);
            }
            if (returnSequences) copyValues(at(out, (b * steps + t) * h), hn, h);
        }
    }
    if (!returnSequences) memory.copy(out, at(states, steps * n), (<usize>n) << 2);
}

// The gate gradients of one row of a step, four units at a time (the kind decided once a row).

// @ts-ignore: decorator
@inline function lstmBackRow(h: i32, act: i32, recAct: i32, dhb: usize, gb: usize, dcb: usize, cp: usize, ac: usize, dzb: usize, dcPrevB: usize): void {
    for (let j = 0; j < h; j += 4) {
        const count = h - j;
        const d = vec(dhb, j);
        const i = vec(gb, j), f = vec(gb, h + j), c = vec(gb, 2 * h + j), o = vec(gb, 3 * h + j);
        const a = vec(ac, j);
        const dcTotal = f32x4.add(vec(dcb, j), f32x4.mul(f32x4.mul(d, o), slope4(act, a)));
        storeFirst(at(dzb, j), f32x4.mul(f32x4.mul(dcTotal, c), slope4(recAct, i)), count);
        storeFirst(at(dzb, h + j), f32x4.mul(f32x4.mul(dcTotal, vec(cp, j)), slope4(recAct, f)), count);
        storeFirst(at(dzb, 2 * h + j), f32x4.mul(f32x4.mul(dcTotal, i), slope4(act, c)), count);
        storeFirst(at(dzb, 3 * h + j), f32x4.mul(f32x4.mul(d, a), slope4(recAct, o)), count);
        storeFirst(at(dcPrevB, j), f32x4.mul(dcTotal, f), count);
    }
}

// @ts-ignore: decorator
@inline function gruBackRow(h: i32, act: i32, recAct: i32, dhb: usize, gb: usize, hp: usize, dxb: usize, dzb: usize, dhPrevB: usize): void {
    const one = f32x4.splat(1);
    for (let j = 0; j < h; j += 4) {
        const count = h - j;
        const d = vec(dhb, j);
        const z = vec(gb, j), r = vec(gb, h + j), cand = vec(gb, 2 * h + j), rh = vec(gb, 3 * h + j);
        const dzPre = f32x4.mul(f32x4.mul(d, f32x4.sub(vec(hp, j), cand)), slope4(recAct, z));
        const dcPre = f32x4.mul(f32x4.mul(d, f32x4.sub(one, z)), slope4(act, cand));
        const drPre = f32x4.mul(f32x4.mul(dcPre, rh), slope4(recAct, r));
        storeFirst(at(dxb, j), dzPre, count); storeFirst(at(dxb, h + j), drPre, count); storeFirst(at(dxb, 2 * h + j), dcPre, count);
        storeFirst(at(dzb, j), dzPre, count); storeFirst(at(dzb, h + j), drPre, count); storeFirst(at(dzb, 2 * h + j), f32x4.mul(dcPre, r), count);
        storeFirst(at(dhPrevB, j), f32x4.mul(d, z), count);
    }
}

// @ts-ignore: decorator
@inline function simpleBackRow(h: i32, act: i32, dhb: usize, gb: usize, dzb: usize): void {
    for (let j = 0; j < h; j += 4) storeFirst(at(dzb, j), f32x4.mul(vec(dhb, j), slope4(act, vec(gb, j))), h - j);
}

/** The scratch sequenceBackward needs, in f32 values. */
export function backwardScratch(kind: i32, batch: i32, steps: i32, h: i32): i32 {
    const gh = gatesOf(kind) * h, n = batch * h;
    return gh * h + steps * batch * gh + 7 * n + h * steps * batch;
}

/**
 * From dOut ([B, T, h] with return_sequences, else [B, h]) to dx [B, T, gh], du [h, gh] and
 * (GRU, when br is given) dbr [gh].
 */
export function sequenceBackward(kind: i32, batch: i32, steps: i32, h: i32, act: i32, recAct: i32, returnSequences: bool, reverse: bool,
    dOut: usize, u: usize, masks: usize, maskCount: i32, stepMask: usize,
    states: usize, cells: usize, seen: usize, gates: usize, actC: usize,
    dx: usize, du: usize, dbr: usize, scratch: usize): void {
    const g = gatesOf(kind), gh = g * h, n = batch * h, w = gateRecordOf(kind, h);
    const uT = scratch;
    const dzAll = at(uT, gh * h);
    let dh = at(dzAll, steps * batch * gh);
    let dc = at(dh, n);
    let dhPrev = at(dc, n);
    let dcPrev = at(dhPrev, n);
    const dhThrough = at(dcPrev, n);
    const dcThrough = at(dhThrough, n);
    const product = at(dcThrough, n);
    const seenT = at(product, n);
    transpose(h, gh, u, gh, uT);
    memory.fill(dh, 0, (<usize>n) << 2);
    memory.fill(dc, 0, (<usize>n) << 2);
    if (!returnSequences) memory.copy(dh, dOut, (<usize>n) << 2);
    for (let t = steps - 1; t >= 0; t--) {
        const tx = reverse ? steps - 1 - t : t; // the input's step
        if (returnSequences) for (let b = 0; b < batch; b++) addInto(at(dh, b * h), at(dOut, (b * steps + t) * h), h);
        if (stepMask) {
            // A masked step passed its state through: that share of the gradient goes straight back.
            memory.fill(dhThrough, 0, (<usize>n) << 2);
            memory.fill(dcThrough, 0, (<usize>n) << 2);
            for (let b = 0; b < batch; b++) {
                if (get(stepMask, b * steps + t) != 0) continue;
                copyValues(at(dhThrough, b * h), at(dh, b * h), h);
                copyValues(at(dcThrough, b * h), at(dc, b * h), h);
                zeroValues(at(dh, b * h), h);
                zeroValues(at(dc, b * h), h);
            }
        }
        const dz = at(dzAll, t * batch * gh);
        const gt = at(gates, t * batch * w);
        for (let b = 0; b < batch; b++) {
            const gb = at(gt, b * w), dzb = at(dz, b * gh), dhb = at(dh, b * h);
            if (kind == LSTM) lstmBackRow(h, act, recAct, dhb, gb, at(dc, b * h), at(cells, (t * batch + b) * h), at(actC, (t * batch + b) * h), dzb, at(dcPrev, b * h));
            else if (kind == GRU) gruBackRow(h, act, recAct, dhb, gb, at(states, (t * batch + b) * h), at(dx, (b * steps + tx) * gh), dzb, at(dhPrev, b * h));
            else simpleBackRow(h, act, dhb, gb, dzb);
            if (kind != GRU) copyValues(at(dx, (b * steps + tx) * gh), dzb, gh);
        }
        // Back through h·U: each gate's share, through that gate's state mask (GRU's dhPrev holds z's share already).
        if (kind != GRU && maskCount != 0) memory.fill(dhPrev, 0, (<usize>n) << 2);
        if (maskCount == 0) {
            gemm(batch, h, gh, dz, gh, uT, h, dhPrev, h, kind == GRU);
        } else if (maskCount == 1) {
            gemm(batch, h, gh, dz, gh, uT, h, product, h, false);
            addProductInto(dhPrev, product, masks, n);
        } else {
            for (let k = 0; k < g; k++) {
                gemm(batch, h, h, at(dz, k * h), gh, at(uT, k * h * h), h, product, h, false);
                addProductInto(dhPrev, product, at(masks, k * n), n);
            }
        }
        if (stepMask) {
            addInto(dhPrev, dhThrough, n);
            addInto(dcPrev, dcThrough, n);
        }
        let swap = dh; dh = dhPrev; dhPrev = swap;
        swap = dc; dc = dcPrev; dcPrev = swap;
    }
    // dU = Σ_t seen_tᵀ · dz_t: one product over all steps (per gate when each gate saw its own masked state).
    const rows = steps * batch;
    if (maskCount <= 1) {
        gemmTransposedA(h, gh, rows, maskCount == 0 ? states : seen, h, dzAll, gh, du, gh);
    } else {
        for (let k = 0; k < g; k++) {
            gemmTransposedA(h, h, rows, at(seen, k * rows * h), h, at(dzAll, k * h), gh, at(du, k * h), gh);
        }
    }
    if (dbr) {
        memory.fill(dbr, 0, (<usize>gh) << 2);
        for (let r = 0; r < rows; r++) addInto(dbr, at(dzAll, r * gh), gh);
    }
}
