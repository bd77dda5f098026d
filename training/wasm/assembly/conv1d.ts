/**
 * Keras's Conv1D (channels last, one group) forwards and backwards, as one product per filter
 * tap: the input rows each output step sees through tap j, gathered into G_j [B·L, C] (zero
 * where the window runs into the padding), give
 *   y = bias + Σ_j G_j · W_j,   dW_j = G_jᵀ · dy,   dx[rows of G_j] += dy · W_jᵀ,   dbias = Σ dy.
 *   x [B, T, C]; w [k, C, F]; bias [F] (or 0); y, dy [B, L, F]; dx [B, T, C].
 * Output step t, tap j reads input step t·stride + j·dilation − padLeft.
 */
import { at } from './memory';
import { addInto, copyValues, gemm, gemmTransposedA, transpose, zeroValues } from './products';

/** G_j: for every (b, t) the input row of tap j, or zeros. */
function gather(batch: i32, steps: i32, channels: i32, outSteps: i32, stride: i32, dilation: i32, padLeft: i32, j: i32, x: usize, g: usize): void {
    for (let b = 0; b < batch; b++) {
        for (let t = 0; t < outSteps; t++) {
            const from = t * stride + j * dilation - padLeft;
            const row = at(g, (b * outSteps + t) * channels);
            if (from < 0 || from >= steps) zeroValues(row, channels);
            else copyValues(row, at(x, (b * steps + from) * channels), channels);
        }
    }
}

/** The scratch convForward and convBackward need, in f32 values. */
export function convScratch(batch: i32, channels: i32, filters: i32, outSteps: i32): i32 {
    const rows = batch * outSteps;
    return 2 * rows * channels + channels * filters;
}

export function convForward(batch: i32, steps: i32, channels: i32, filters: i32, kernel: i32, stride: i32, dilation: i32, padLeft: i32, outSteps: i32,
    x: usize, w: usize, bias: usize, y: usize, scratch: usize): void {
    const rows = batch * outSteps;
    for (let j = 0; j < kernel; j++) {
        gather(batch, steps, channels, outSteps, stride, dilation, padLeft, j, x, scratch);
        gemm(rows, filters, channels, scratch, channels, at(w, j * channels * filters), filters, y, filters, j > 0);
    }
    if (kernel == 0) memory.fill(y, 0, (<usize>(rows * filters)) << 2);
    if (bias) for (let r = 0; r < rows; r++) addInto(at(y, r * filters), bias, filters);
}

export function convBackward(batch: i32, steps: i32, channels: i32, filters: i32, kernel: i32, stride: i32, dilation: i32, padLeft: i32, outSteps: i32,
    x: usize, w: usize, dy: usize, dx: usize, dw: usize, dbias: usize, scratch: usize): void {
    const rows = batch * outSteps;
    const g = scratch, gT = at(scratch, rows * channels), wT = at(gT, rows * channels);
    const product = gT; // dy · W_jᵀ [B·L, C], once G_jᵀ is used
    if (dx) memory.fill(dx, 0, (<usize>(batch * steps * channels)) << 2);
    for (let j = 0; j < kernel; j++) {
        gather(batch, steps, channels, outSteps, stride, dilation, padLeft, j, x, g);
        gemmTransposedA(channels, filters, rows, g, channels, dy, filters, at(dw, j * channels * filters), filters);
        if (!dx) continue; // the first layer's input needs no gradient (a whole step's first layer)
        transpose(channels, filters, at(w, j * channels * filters), filters, wT);
        gemm(rows, channels, filters, dy, filters, wT, channels, product, channels, false);
        for (let b = 0; b < batch; b++) {
            for (let t = 0; t < outSteps; t++) {
                const to = t * stride + j * dilation - padLeft;
                if (to >= 0 && to < steps) addInto(at(dx, (b * steps + to) * channels), at(product, (b * outSteps + t) * channels), channels);
            }
        }
    }
    if (dbias) {
        memory.fill(dbias, 0, (<usize>filters) << 2);
        for (let r = 0; r < rows; r++) addInto(dbias, at(dy, r * filters), filters);
    }
}
