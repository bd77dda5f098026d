/**
 * A recurrent layer's input projection, x·W + b for every step at once, and its gradients:
 * Keras's input dropout multiplies x by one mask for every gate or one per gate (implementation
 * 1), the same mask [B, in] at every step.
 *   x      [B, T, in]   the layer's input, in time order
 *   w      [in, gh]     the kernel; bias [gh] the input bias (or 0)
 *   masks  [M, B, in]   input dropout: none (M 0), one for all gates, or one per gate
 *   masked [M, B, T, in] record: x ⊙ mask_k (M ≥ 1)
 *   xw     [B, T, gh]   the projection
 */
import { at } from './memory';
import { addInto, addProductInto, gemm, gemmTransposedA, multiplyInto, transpose } from './products';

export function projectInputs(batch: i32, steps: i32, inputs: i32, g: i32, h: i32,
    x: usize, w: usize, bias: usize, masks: usize, maskCount: i32, masked: usize, xw: usize): void {
    const rows = batch * steps, gh = g * h;
    for (let k = 0; k < maskCount; k++) {
        for (let r = 0; r < rows; r++) {
            multiplyInto(at(x, r * inputs), at(masks, (k * batch + r / steps) * inputs), at(masked, (k * rows + r) * inputs), inputs);
        }
    }
    if (maskCount <= 1) {
        gemm(rows, gh, inputs, maskCount == 0 ? x : masked, inputs, w, gh, xw, gh, false);
    } else {
        for (let k = 0; k < g; k++) gemm(rows, h, inputs, at(masked, k * rows * inputs), inputs, at(w, k * h), gh, at(xw, k * h), gh, false);
    }
    if (bias) for (let r = 0; r < rows; r++) addInto(at(xw, r * gh), bias, gh);
}

/** The scratch projectInputsBackward needs, in f32 values. */
export function projectionBackwardScratch(batch: i32, steps: i32, inputs: i32, g: i32, h: i32): i32 {
    const rows = batch * steps;
    return max(inputs * rows, g * h * inputs + rows * inputs);
}

/** From dxw [B, T, gh] to dx [B, T, in], dw [in, gh] and (when bias is not 0) dbias [gh]. */
export function projectInputsBackward(batch: i32, steps: i32, inputs: i32, g: i32, h: i32,
    x: usize, w: usize, masks: usize, maskCount: i32, masked: usize, dxw: usize,
    dx: usize, dw: usize, dbias: usize, scratch: usize): void {
    const rows = batch * steps, gh = g * h;
    // dW = (x ⊙ m)ᵀ · dxw, per gate when each gate saw its own masked input.
    if (maskCount <= 1) {
        gemmTransposedA(inputs, gh, rows, maskCount == 0 ? x : masked, inputs, dxw, gh, dw, gh);
    } else {
        for (let k = 0; k < g; k++) {
            gemmTransposedA(inputs, h, rows, at(masked, k * rows * inputs), inputs, at(dxw, k * h), gh, at(dw, k * h), gh);
        }
    }
    if (dbias) {
        memory.fill(dbias, 0, (<usize>gh) << 2);
        for (let r = 0; r < rows; r++) addInto(dbias, at(dxw, r * gh), gh);
    }
    // dx = Σ_k (dxw_k · W_kᵀ) ⊙ m_k; none for a whole step's first layer (dx 0).
    if (!dx) return;
    const wT = scratch, product = at(scratch, gh * inputs);
    transpose(inputs, gh, w, gh, wT);
    if (maskCount == 0) {
        gemm(rows, inputs, gh, dxw, gh, wT, inputs, dx, inputs, false);
        return;
    }
    memory.fill(dx, 0, (<usize>(rows * inputs)) << 2);
    for (let k = 0; k < maskCount; k++) {
        if (maskCount == 1) gemm(rows, inputs, gh, dxw, gh, wT, inputs, product, inputs, false);
        else gemm(rows, inputs, h, at(dxw, k * h), gh, at(wT, k * h * inputs), inputs, product, inputs, false);
        for (let r = 0; r < rows; r++) {
            addProductInto(at(dx, r * inputs), at(product, r * inputs), at(masks, (k * batch + r / steps) * inputs), inputs);
        }
    }
}
