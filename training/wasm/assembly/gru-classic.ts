/**
 * GRU with reset_after=False (Keras's original GRU: the reset gate acts on the state BEFORE the
 * product, ĥ = act(x·W_h + b_h + (r ⊙ h)·U_h)) over a whole sequence, forwards and backwards.
 * Each step takes two rounds of products: the z and r gates' (h·U_z, h·U_r), then the
 * candidate's ((r ⊙ h)·U_h). Shapes as in recurrent.ts (gh = 3h), except the records:
 *   states [T + 1, B, h]  the state before step t at t
 *   seen   [3, T, B, h]   what each gate's product multiplied: z, r the (masked) state, ĥ r ⊙ (masked) state
 *   gates  [3, T, B, h]   z, r and ĥ
 */
import { at, get, vec } from './memory';
import { addInto, addProductInto, copyValues, gemm, gemmTransposedA, multiplyInto, transpose, zeroValues } from './products';
import { activate4, slope4, storeFirst } from './vector-math';

/** The mask of gate k [B, h], or 0. */
function maskOf(masks: usize, maskCount: i32, k: i32, n: i32): usize {
    return maskCount == 0 ? 0 : at(masks, maskCount == 1 ? 0 : k * n);
}

export function classicGruForward(batch: i32, steps: i32, h: i32, act: i32, recAct: i32, returnSequences: bool, reverse: bool,
    x: usize, u: usize, masks: usize, maskCount: i32, stepMask: usize,
    states: usize, seen: usize, gates: usize, out: usize, product: usize): void {
    const n = batch * h, gh = 3 * h, plane = steps * n;
    memory.fill(states, 0, (<usize>n) << 2);
    for (let t = 0; t < steps; t++) {
        const tx = reverse ? steps - 1 - t : t; // the input's step
        const hPrev = at(states, t * n), hNew = at(states, (t + 1) * n);
        const zs = at(gates, t * n), rs = at(gates, plane + t * n), cands = at(gates, 2 * plane + t * n);
        for (let k = 0; k < 2; k++) {
            const s = at(seen, k * plane + t * n);
            const mask = maskOf(masks, maskCount, k, n);
            if (mask) multiplyInto(hPrev, mask, s, n); else memory.copy(s, hPrev, (<usize>n) << 2);
            gemm(batch, h, h, s, h, at(u, k * h), gh, product, h, false);
            const gate = k == 0 ? zs : rs;
            for (let b = 0; b < batch; b++) {
                const xb = at(x, (b * steps + tx) * gh + k * h), pb = at(product, b * h), gb = at(gate, b * h);
                for (let j = 0; j < h; j += 4) storeFirst(at(gb, j), activate4(recAct, f32x4.add(vec(xb, j), vec(pb, j))), h - j);
            }
        }
        const maskH = maskOf(masks, maskCount, 2, n);
        const q = at(seen, 2 * plane + t * n);
        multiplyInto(rs, maskH ? maskH : hPrev, q, n);
        if (maskH) multiplyInto(q, hPrev, q, n);
        gemm(batch, h, h, q, h, at(u, 2 * h), gh, product, h, false);
        for (let b = 0; b < batch; b++) {
            const xb = at(x, (b * steps + tx) * gh + 2 * h), o = b * h;
            for (let j = 0; j < h; j += 4) {
                const cand = activate4(act, f32x4.add(vec(xb, j), vec(product, o + j)));
                storeFirst(at(cands, o + j), cand, h - j);
                const z = vec(zs, o + j);
                // Keras mixes the undropped previous state.
                storeFirst(at(hNew, o + j), f32x4.add(f32x4.mul(z, vec(hPrev, o + j)), f32x4.mul(f32x4.sub(f32x4.splat(1), z), cand)), h - j);
            }
            // A masked step keeps the state.
            if (stepMask != 0 && get(stepMask, b * steps + t) == 0) copyValues(at(hNew, o), at(hPrev, o), h);
            if (returnSequences) copyValues(at(out, (b * steps + t) * h), at(hNew, b * h), h);
        }
    }
    if (!returnSequences) memory.copy(out, at(states, steps * n), (<usize>n) << 2);
}

export function classicGruBackwardScratch(batch: i32, steps: i32, h: i32): i32 {
    const n = batch * h;
    return 3 * h * h + 3 * steps * n + 4 * n + h * steps * batch;
}

export function classicGruBackward(batch: i32, steps: i32, h: i32, act: i32, recAct: i32, returnSequences: bool, reverse: bool,
    dOut: usize, u: usize, masks: usize, maskCount: i32, stepMask: usize,
    states: usize, seen: usize, gates: usize, dx: usize, du: usize, scratch: usize): void {
    const n = batch * h, gh = 3 * h, plane = steps * n;
    const uT = scratch;
    const dPre = at(uT, 3 * h * h); // [3, T, B, h]: dz, dr, dĥ of every step
    let dh = at(dPre, 3 * plane);
    let dhPrev = at(dh, n);
    const dq = at(dhPrev, n);
    const product = at(dq, n);
    const seenT = at(product, n);
    transpose(h, gh, u, gh, uT);
    if (returnSequences) memory.fill(dh, 0, (<usize>n) << 2); else memory.copy(dh, dOut, (<usize>n) << 2);
    const maskH = maskOf(masks, maskCount, 2, n);
    for (let t = steps - 1; t >= 0; t--) {
        const tx = reverse ? steps - 1 - t : t; // the input's step
        if (returnSequences) for (let b = 0; b < batch; b++) addInto(at(dh, b * h), at(dOut, (b * steps + t) * h), h);
        const hPrev = at(states, t * n);
        const zs = at(gates, t * n), rs = at(gates, plane + t * n), cands = at(gates, 2 * plane + t * n);
        const dZ = at(dPre, t * n), dR = at(dPre, plane + t * n), dC = at(dPre, 2 * plane + t * n);
        for (let b = 0; b < batch; b++) {
            const o = b * h;
            if (stepMask != 0 && get(stepMask, b * steps + t) == 0) {
                // The state went through unchanged: so does its gradient; the gates had no part.
                copyValues(at(dhPrev, o), at(dh, o), h);
                zeroValues(at(dZ, o), h);
                zeroValues(at(dC, o), h);
                continue;
            }
            for (let j = 0; j < h; j += 4) {
                const i = o + j, d = vec(dh, i), z = vec(zs, i), cand = vec(cands, i);
                storeFirst(at(dZ, i), f32x4.mul(f32x4.mul(d, f32x4.sub(vec(hPrev, i), cand)), slope4(recAct, z)), h - j);
                storeFirst(at(dC, i), f32x4.mul(f32x4.mul(d, f32x4.sub(f32x4.splat(1), z)), slope4(act, cand)), h - j);
                storeFirst(at(dhPrev, i), f32x4.mul(d, z), h - j);
            }
        }
        // Through (r ⊙ h_h)·U_h: to r and to the state the candidate saw.
        gemm(batch, h, h, dC, h, at(uT, 2 * h * h), h, dq, h, false);
        for (let i = 0; i < n; i += 4) {
            const r = vec(rs, i), m = maskH ? vec(maskH, i) : f32x4.splat(1), q = vec(dq, i);
            storeFirst(at(dR, i), f32x4.mul(f32x4.mul(f32x4.mul(q, vec(hPrev, i)), m), slope4(recAct, r)), n - i);
            storeFirst(at(dhPrev, i), f32x4.add(vec(dhPrev, i), f32x4.mul(f32x4.mul(q, r), m)), n - i);
        }
        // Through h_z·U_z and h_r·U_r.
        for (let k = 0; k < 2; k++) {
            const mask = maskOf(masks, maskCount, k, n);
            if (mask) {
                gemm(batch, h, h, k == 0 ? dZ : dR, h, at(uT, k * h * h), h, product, h, false);
                addProductInto(dhPrev, product, mask, n);
            } else {
                gemm(batch, h, h, k == 0 ? dZ : dR, h, at(uT, k * h * h), h, dhPrev, h, true);
            }
        }
        for (let b = 0; b < batch; b++) {
            const xb = at(dx, (b * steps + tx) * gh);
            copyValues(xb, at(dZ, b * h), h);
            copyValues(at(xb, h), at(dR, b * h), h);
            copyValues(at(xb, 2 * h), at(dC, b * h), h);
        }
        const swap = dh; dh = dhPrev; dhPrev = swap;
    }
    // dU_k = Σ_t seen_k,tᵀ · dPre_k,t: one product per gate over all steps.
    const rows = steps * batch;
    for (let k = 0; k < 3; k++) {
        gemmTransposedA(h, h, rows, at(seen, k * plane), h, at(dPre, k * plane), h, at(du, k * h), gh);
    }
}
