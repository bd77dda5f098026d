/**
 * Matrix products and element-wise helpers on f32 arrays in linear memory (pointers in bytes,
 * strides in elements, row-major). The recurrent kernels call them many times per time step on
 * small shapes ([32, 60] · [60, 240]): inside one wasm module that costs no call overhead, and
 * the 4 × 8 register block below runs at about 50 GFLOP/s on one core of this machine (an AMD
 * Zen 5) on these shapes and on Conv1D's [736, 64] · [64, 128]: two multiplies and two adds of
 * four lanes a cycle, the most 128-bit SIMD without fused multiply-add gives (relaxed SIMD's
 * madd would not add to it on this core, and Node 20 runs it only behind a flag).
 */

/**
 * The same products in native code (training/native/, Node only): the JS glue
 * (training/src/layers/native-products.ts) imports the addon's function here, or a stub that
 * never runs where there is none. flags: bit 0 accumulate, bit 1 A transposed (gemmTransposedA).
 */
// @ts-ignore: decorator
@external("env", "nativeProduct")
declare function nativeProduct(m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, flags: i32): void;

/**
 * Products of at least this much work (m·n·k) go to nativeProduct; 0: none (no addon, the
 * panel). A wasm instance's own global: each thread's instance is told by its own glue. Below it
 * a call out of wasm through JavaScript into the addon costs more than the wasm block saves.
 */
let nativeFrom: i64 = 0;

/** Sends products of at least `from` multiply-adds to the native addon (0: keep them all here). */
export function useNativeProducts(from: i32): void {
    nativeFrom = <i64>from;
}

// @ts-ignore: decorator
@inline function goesNative(m: i32, n: i32, k: i32): bool {
    return nativeFrom > 0 && <i64>m * <i64>n * <i64>k >= nativeFrom;
}

/**
 * C (+)= A · B for A [m, k] (row stride lda), B [k, n] (ldb), C [m, n] (ldc); `accumulate`:
 * add to C instead of overwriting it. Every C element is one sum over p in order, so each
 * result is the same whichever block computes it.
 */
export function gemm(m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, accumulate: bool): void {
    if (goesNative(m, n, k)) nativeProduct(m, n, k, a, lda, b, ldb, c, ldc, accumulate ? 1 : 0);
    else blocks(m, n, k, a, lda, b, ldb, c, ldc, accumulate, false);
}

/** gemm's blocks over C, for A as it is or (`transposedA`) for Aᵀ. */
// @ts-ignore: decorator
@inline function blocks(m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32, accumulate: bool, transposedA: bool): void {
    const sa = (<usize>lda) << 2, sb = (<usize>ldb) << 2, sc = (<usize>ldc) << 2;
    // A's next row of C and next p: rows of A, or (Aᵀ) columns of A.
    const rowStep: usize = transposedA ? 4 : sa, pStep: usize = transposedA ? sa : 4;
    // Columns in blocks of 8, the last block cut short: it reads up to 7 values past the end of
    // B's row (the caller leaves room for them at the end of memory) and stores only the valid ones.
    for (let j = 0; j < n; j += 8) {
        const width = min(8, n - j);
        const bj = b + ((<usize>j) << 2);
        const cj = c + ((<usize>j) << 2);
        // A last block of 1 to 4 columns takes half the work (n = 1: Dense(1); n = 60: a gate of 60 units).
        if (width <= 4) rowBlocks(m, k, a, rowStep, pStep, transposedA, bj, sb, cj, sc, accumulate, width, true);
        else rowBlocks(m, k, a, rowStep, pStep, transposedA, bj, sb, cj, sc, accumulate, width, false);
    }
}

/** One strip of C's columns, four rows at a time, then the last 1 to 3 rows in one block. */
// @ts-ignore: decorator
@inline function rowBlocks(m: i32, k: i32, a: usize, rowStep: usize, pStep: usize, transposedA: bool, bj: usize, sb: usize, cj: usize, sc: usize,
    accumulate: bool, width: i32, half: bool): void {
    let i = 0;
    for (; i + 4 <= m; i += 4) block(4, half, k, a + <usize>i * rowStep, rowStep, pStep, transposedA, bj, sb, cj + <usize>i * sc, sc, accumulate, width);
    // Row by row, each sum would wait on its own last add (a third of the speed).
    const rest = m - i, ai = a + <usize>i * rowStep, ci = cj + <usize>i * sc;
    if (rest == 3) block(3, half, k, ai, rowStep, pStep, false, bj, sb, ci, sc, accumulate, width);
    else if (rest == 2) block(2, half, k, ai, rowStep, pStep, false, bj, sb, ci, sc, accumulate, width);
    else if (rest == 1) block(1, half, k, ai, rowStep, pStep, false, bj, sb, ci, sc, accumulate, width);
}

// @ts-ignore: decorator
@inline function madd(acc: v128, x: v128, y: v128): v128 {
    return f32x4.add(acc, f32x4.mul(x, y));
}

/**
 * Rows i..i+rows−1 (rows 1 to 4, a constant where inlined), columns j..j+7 (`half`: j..j+3)
 * of C: two accumulators a row (one) in registers over the whole of k. `vectorA` (Aᵀ, four rows): A's four
 * factors of a p lie side by side, one load, each lane splatted.
 */
// @ts-ignore: decorator
@inline function block(rows: i32, half: bool, k: i32, pa: usize, rowStep: usize, pStep: usize, vectorA: bool, pb: usize, sb: usize, pc: usize, sc: usize,
    accumulate: bool, width: i32): void {
    const zero = f32x4.splat(0);
    let c00 = zero, c01 = zero, c10 = zero, c11 = zero, c20 = zero, c21 = zero, c30 = zero, c31 = zero;
    for (let p = 0; p < k; p++) {
        const b0 = v128.load(pb), b1 = half ? zero : v128.load(pb, 16);
        const a = vectorA ? v128.load(pa) : zero;
        let x = vectorA ? i32x4.shuffle(a, a, 0, 0, 0, 0) : v128.load32_splat(pa);
        c00 = madd(c00, x, b0); if (!half) c01 = madd(c01, x, b1);
        if (rows > 1) {
            x = vectorA ? i32x4.shuffle(a, a, 1, 1, 1, 1) : v128.load32_splat(pa + rowStep);
            c10 = madd(c10, x, b0); if (!half) c11 = madd(c11, x, b1);
        }
        if (rows > 2) {
            x = vectorA ? i32x4.shuffle(a, a, 2, 2, 2, 2) : v128.load32_splat(pa + 2 * rowStep);
            c20 = madd(c20, x, b0); if (!half) c21 = madd(c21, x, b1);
        }
        if (rows > 3) {
            x = vectorA ? i32x4.shuffle(a, a, 3, 3, 3, 3) : v128.load32_splat(pa + 3 * rowStep);
            c30 = madd(c30, x, b0); if (!half) c31 = madd(c31, x, b1);
        }
        pa += pStep;
        pb += sb;
    }
    storeRow8(pc, c00, c01, accumulate, width);
    if (rows > 1) storeRow8(pc + sc, c10, c11, accumulate, width);
    if (rows > 2) storeRow8(pc + 2 * sc, c20, c21, accumulate, width);
    if (rows > 3) storeRow8(pc + 3 * sc, c30, c31, accumulate, width);
}

// @ts-ignore: decorator
@inline function storeRow8(pc: usize, lo: v128, hi: v128, accumulate: bool, width: i32): void {
    if (width == 8) {
        if (accumulate) {
            lo = f32x4.add(v128.load(pc), lo);
            hi = f32x4.add(v128.load(pc, 16), hi);
        }
        v128.store(pc, lo);
        v128.store(pc, hi, 16);
        return;
    }
    storeLanes(pc, lo, accumulate, min(width, 4));
    if (width > 4) storeLanes(pc + 16, hi, accumulate, width - 4);
}

/** The first `count` (1 to 4) lanes of v to pc (added to what is there when accumulating). */
function storeLanes(pc: usize, v: v128, accumulate: bool, count: i32): void {
    if (count == 4) {
        v128.store(pc, accumulate ? f32x4.add(v128.load(pc), v) : v);
        return;
    }
    storeLane(pc, f32x4.extract_lane(v, 0), accumulate);
    if (count > 1) storeLane(pc + 4, f32x4.extract_lane(v, 1), accumulate);
    if (count > 2) storeLane(pc + 8, f32x4.extract_lane(v, 2), accumulate);
}

// @ts-ignore: decorator
@inline function storeLane(p: usize, v: f32, accumulate: bool): void {
    store<f32>(p, accumulate ? load<f32>(p) + v : v);
}

/**
 * C [m, n] = Aᵀ · B for A [k, m] (row stride lda), B [k, n] (ldb), C (ldc): every weight
 * gradient (inputᵀ · output gradient over all rows). Reads A as it lies: row p of A holds
 * column p of Aᵀ, so four of C's rows take one vector load of A per p, each lane splatted (a
 * scalar transpose into scratch first cost as much as a tenth of the product). Every C element
 * is the same sum over p in order as gemm's.
 */
export function gemmTransposedA(m: i32, n: i32, k: i32, a: usize, lda: i32, b: usize, ldb: i32, c: usize, ldc: i32): void {
    if (goesNative(m, n, k)) nativeProduct(m, n, k, a, lda, b, ldb, c, ldc, 2);
    else blocks(m, n, k, a, lda, b, ldb, c, ldc, false, true);
}

/** out [cols, rows] = inᵀ for `from` [rows, cols] with row stride `stride`. */
export function transpose(rows: i32, cols: i32, from: usize, stride: i32, out: usize): void {
    for (let r = 0; r < rows; r++) {
        const row = from + ((<usize>(r * stride)) << 2);
        for (let c = 0; c < cols; c++) store<f32>(out + ((<usize>(c * rows + r)) << 2), load<f32>(row + ((<usize>c) << 2)));
    }
}

/** out = a ⊙ b, n values. */
export function multiplyInto(a: usize, b: usize, out: usize, n: i32): void {
    let i = 0;
    for (; i + 4 <= n; i += 4) {
        const at = (<usize>i) << 2;
        v128.store(out + at, f32x4.mul(v128.load(a + at), v128.load(b + at)));
    }
    for (; i < n; i++) {
        const at = (<usize>i) << 2;
        store<f32>(out + at, load<f32>(a + at) * load<f32>(b + at));
    }
}

/** acc += a ⊙ b, n values. */
export function addProductInto(acc: usize, a: usize, b: usize, n: i32): void {
    let i = 0;
    for (; i + 4 <= n; i += 4) {
        const at = (<usize>i) << 2;
        v128.store(acc + at, madd(v128.load(acc + at), v128.load(a + at), v128.load(b + at)));
    }
    for (; i < n; i++) {
        const at = (<usize>i) << 2;
        store<f32>(acc + at, load<f32>(acc + at) + load<f32>(a + at) * load<f32>(b + at));
    }
}

/** acc += a, n values. */
export function addInto(acc: usize, a: usize, n: i32): void {
    let i = 0;
    for (; i + 4 <= n; i += 4) {
        const at = (<usize>i) << 2;
        v128.store(acc + at, f32x4.add(v128.load(acc + at), v128.load(a + at)));
    }
    for (; i < n; i++) {
        const at = (<usize>i) << 2;
        store<f32>(acc + at, load<f32>(acc + at) + load<f32>(a + at));
    }
}

/**
 * to[0..n) = from[0..n) (not overlapping), and p[0..n) = 0: for the short rows of the step loops,
 * where memory.copy and memory.fill are each a call out of wasm into the engine's C (longer than
 * copying 30 values).
 */
export function copyValues(to: usize, from: usize, n: i32): void {
    let i = 0;
    for (; i + 4 <= n; i += 4) {
        const at = (<usize>i) << 2;
        v128.store(to + at, v128.load(from + at));
    }
    for (; i < n; i++) {
        const at = (<usize>i) << 2;
        store<f32>(to + at, load<f32>(from + at));
    }
}

export function zeroValues(p: usize, n: i32): void {
    const zero = f32x4.splat(0);
    let i = 0;
    for (; i + 4 <= n; i += 4) v128.store(p + ((<usize>i) << 2), zero);
    for (; i < n; i++) store<f32>(p + ((<usize>i) << 2), 0);
}

/** `width` values of `rows` rows: from[r·fromStride + j] → to[r·toStride + j] (strides in elements). */
export function copyRows(rows: i32, width: i32, from: usize, fromStride: i32, to: usize, toStride: i32): void {
    for (let r = 0; r < rows; r++) {
        memory.copy(to + ((<usize>(r * toStride)) << 2), from + ((<usize>(r * fromStride)) << 2), (<usize>width) << 2);
    }
}
