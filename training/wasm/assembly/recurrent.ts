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
import { activate, slope } from './activations';
import { addInto, addProductInto, gemm, multiplyInto, transpose } from './products';

export const SIMPLE_RNN = 0;
export const LSTM = 1;
export const GRU = 2;

import { at, get, set } from './memory';
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
            if (kind == LSTM) {
                const cp = at(cells, (t * batch + b) * h), cn = at(cells, ((t + 1) * batch + b) * h);
                const ac = at(actC, (t * batch + b) * h);
                for (let j = 0; j < h; j++) {
                    const i = activate(recAct, get(xb, j) + get(rb, j));
                    const f = activate(recAct, get(xb, h + j) + get(rb, h + j));
                    const c = activate(act, get(xb, 2 * h + j) + get(rb, 2 * h + j));
                    const o = activate(recAct, get(xb, 3 * h + j) + get(rb, 3 * h + j));
                    set(gb, j, i); set(gb, h + j, f); set(gb, 2 * h + j, c); set(gb, 3 * h + j, o);
                    const cell = f * get(cp, j) + i * c;
                    const a = activate(act, cell);
                    set(cn, j, cell);
                    set(ac, j, a);
                    set(hn, j, o * a);
                }
            } else if (kind == GRU) {
                for (let j = 0; j < h; j++) {
                    const z = activate(recAct, get(xb, j) + get(rb, j) + (br ? get(br, j) : 0));
                    const r = activate(recAct, get(xb, h + j) + get(rb, h + j) + (br ? get(br, h + j) : 0));
                    const rh = get(rb, 2 * h + j) + (br ? get(br, 2 * h + j) : 0);
                    const cand = activate(act, get(xb, 2 * h + j) + r * rh);
                    set(gb, j, z); set(gb, h + j, r); set(gb, 2 * h + j, cand); set(gb, 3 * h + j, rh);
                    // Keras mixes in the undropped previous state.
                    set(hn, j, z * get(hp, j) + (1 - z) * cand);
                }
            } else {
                for (let j = 0; j < h; j++) {
                    const y = activate(act, get(xb, j) + get(rb, j));
                    set(gb, j, y);
                    set(hn, j, y);
                }
            }
            if (stepMask && get(stepMask, b * steps + t) == 0) {
                // A masked step keeps the state (and the cell state).
                memory.copy(hn, hp, (<usize>h) << 2);
                if (kind == LSTM) memory.copy(at(cells, ((t + 1) * batch + b) * h), at(cells, (t * batch + b) * h), (<usize>h) << 2);
            }
            if (returnSequences) memory.copy(at(out, (b * steps + t) * h), hn, (<usize>h) << 2);
        }
    }
    if (!returnSequences) memory.copy(out, at(states, steps * n), (<usize>n) << 2);
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
                const bytes = (<usize>h) << 2;
                memory.copy(at(dhThrough, b * h), at(dh, b * h), bytes);
                memory.copy(at(dcThrough, b * h), at(dc, b * h), bytes);
                memory.fill(at(dh, b * h), 0, bytes);
                memory.fill(at(dc, b * h), 0, bytes);
            }
        }
        const dz = at(dzAll, t * batch * gh);
        const gt = at(gates, t * batch * w);
        for (let b = 0; b < batch; b++) {
            const gb = at(gt, b * w), dzb = at(dz, b * gh), dhb = at(dh, b * h);
            if (kind == LSTM) {
                const dcb = at(dc, b * h), dcp = at(dcPrev, b * h);
                const cp = at(cells, (t * batch + b) * h), ac = at(actC, (t * batch + b) * h);
                for (let j = 0; j < h; j++) {
                    const i = get(gb, j), f = get(gb, h + j), c = get(gb, 2 * h + j), o = get(gb, 3 * h + j);
                    const a = get(ac, j), d = get(dhb, j);
                    const dcTotal = get(dcb, j) + d * o * slope(act, a);
                    set(dzb, j, dcTotal * c * slope(recAct, i));
                    set(dzb, h + j, dcTotal * get(cp, j) * slope(recAct, f));
                    set(dzb, 2 * h + j, dcTotal * i * slope(act, c));
                    set(dzb, 3 * h + j, d * a * slope(recAct, o));
                    set(dcp, j, dcTotal * f);
                }
                memory.copy(at(dx, (b * steps + tx) * gh), dzb, (<usize>gh) << 2);
            } else if (kind == GRU) {
                const hp = at(states, (t * batch + b) * h), dxb = at(dx, (b * steps + tx) * gh), dhp = at(dhPrev, b * h);
                for (let j = 0; j < h; j++) {
                    const z = get(gb, j), r = get(gb, h + j), cand = get(gb, 2 * h + j), rh = get(gb, 3 * h + j);
                    const d = get(dhb, j);
                    const dzPre = d * (get(hp, j) - cand) * slope(recAct, z);
                    const dcPre = d * (1 - z) * slope(act, cand);
                    const drPre = dcPre * rh * slope(recAct, r);
                    set(dxb, j, dzPre); set(dxb, h + j, drPre); set(dxb, 2 * h + j, dcPre);
                    set(dzb, j, dzPre); set(dzb, h + j, drPre); set(dzb, 2 * h + j, dcPre * r);
                    set(dhp, j, d * z);
                }
            } else {
                for (let j = 0; j < h; j++) set(dzb, j, get(dhb, j) * slope(act, get(gb, j)));
                memory.copy(at(dx, (b * steps + tx) * gh), dzb, (<usize>gh) << 2);
            }
        }
        if (kind != GRU) memory.fill(dhPrev, 0, (<usize>n) << 2);
        // Back through h·U: each gate's share, through that gate's state mask.
        if (maskCount == 0) {
            gemm(batch, h, gh, dz, gh, uT, h, dhPrev, h, true);
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
        transpose(rows, h, maskCount == 0 ? states : seen, h, seenT);
        gemm(h, gh, rows, seenT, rows, dzAll, gh, du, gh, false);
    } else {
        for (let k = 0; k < g; k++) {
            transpose(rows, h, at(seen, k * rows * h), h, seenT);
            gemm(h, h, rows, seenT, rows, at(dzAll, k * h), gh, at(du, k * h), gh, false);
        }
    }
    if (dbr) {
        memory.fill(dbr, 0, (<usize>gh) << 2);
        for (let r = 0; r < rows; r++) addInto(dbr, at(dzAll, r * gh), gh);
    }
}
