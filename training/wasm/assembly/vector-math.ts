/**
 * The activations on four f32 lanes at a time, for the gate loops: exp as Cephes's expf (range
 * reduction by ln 2 and a degree-6 polynomial, about 1 ulp), tanh as Cephes's tanhf (a
 * polynomial near 0, where 1 − 2 / (e^2x + 1) would lose digits, that formula elsewhere). Scalar
 * Mathf.exp cost more than the products of a step's gates.
 */
import { RELU, SIGMOID, TANH } from './activations';

// @ts-ignore: decorator
@inline function splat(x: f32): v128 { return f32x4.splat(x); }

/**
 * e^x for x in [−87.3, 88] (beyond, the value at the bound: sigmoid and tanh take it as 0 or
 * infinity anyway), so that 2^n stays a normal f32.
 */
// @ts-ignore: decorator
@inline export function exp4(x: v128): v128 {
    // pmin/pmax: one instruction each where min/max cost several (their NaN and −0 rules), the same values here (NaN stays NaN).
    x = f32x4.pmin(f32x4.pmax(x, splat(-87.33654)), splat(88));
    // n = x·log2 e rounded to the nearest integer (ties to even, as f32x4.nearest): adding 1.5·2²³
    // leaves n in the low mantissa bits, so 2^n's exponent comes from them below with no conversion.
    const shifted = f32x4.add(f32x4.mul(x, splat(1.44269504088896341)), splat(ROUNDER));
    const n = f32x4.sub(shifted, splat(ROUNDER));
    // x − n·ln 2 in two parts, so that r keeps its low bits.
    let r = f32x4.sub(x, f32x4.mul(n, splat(0.693359375)));
    r = f32x4.sub(r, f32x4.mul(n, splat(-2.12194440e-4)));
    let p = splat(1.9875691500e-4);
    p = f32x4.add(f32x4.mul(p, r), splat(1.3981999507e-3));
    p = f32x4.add(f32x4.mul(p, r), splat(8.3334519073e-3));
    p = f32x4.add(f32x4.mul(p, r), splat(4.1665795894e-2));
    p = f32x4.add(f32x4.mul(p, r), splat(1.6666665459e-1));
    p = f32x4.add(f32x4.mul(p, r), splat(5.0000001201e-1));
    p = f32x4.add(f32x4.add(f32x4.mul(p, f32x4.mul(r, r)), r), splat(1));
    // 2^n from the exponent bits (n in −126..127): the bits of 1.5·2²³ + n are ROUNDER_BITS + n.
    return f32x4.mul(p, i32x4.shl(i32x4.add(shifted, i32x4.splat(127 - ROUNDER_BITS)), 23));
}

const ROUNDER: f32 = 12582912; // 1.5·2²³
const ROUNDER_BITS: i32 = 0x4b400000;

// Inlined (with exp4) where the gates call it: V8 does not inline wasm calls, and each spilled the gate loop's vectors.
// @ts-ignore: decorator
@inline export function sigmoid4(x: v128): v128 {
    return f32x4.div(splat(1), f32x4.add(splat(1), exp4(f32x4.neg(x))));
}

export function tanh4(x: v128): v128 {
    const a = f32x4.abs(x);
    // Near 0: x + x³·P(x²).
    const z = f32x4.mul(x, x);
    let p = splat(-5.70498872745e-3);
    p = f32x4.add(f32x4.mul(p, z), splat(2.06390887954e-2));
    p = f32x4.add(f32x4.mul(p, z), splat(-5.37397155531e-2));
    p = f32x4.add(f32x4.mul(p, z), splat(1.33314422036e-1));
    p = f32x4.add(f32x4.mul(p, z), splat(-3.33332819422e-1));
    const small = f32x4.add(f32x4.mul(f32x4.mul(p, z), x), x);
    // Elsewhere: sign(x)·(1 − 2 / (e^2|x| + 1)).
    const large = f32x4.sub(splat(1), f32x4.div(splat(2), f32x4.add(exp4(f32x4.add(a, a)), splat(1))));
    const signed = v128.or(large, v128.and(x, i32x4.splat(0x80000000)));
    return v128.bitselect(small, signed, f32x4.lt(a, splat(0.625)));
}

// Inlined: a call spills every live vector of the gate loops around it (a tenth of an LSTM's step).
// @ts-ignore: decorator
@inline export function activate4(code: i32, z: v128): v128 {
    if (code == SIGMOID) return sigmoid4(z);
    if (code == RELU) return f32x4.pmax(z, splat(0)); // max's NaN and −0 rules cost several instructions; NaN stays NaN
    if (code == TANH) return tanh4(z);
    return z;
}

/** The derivative at the points where the activation gave `y`. */
// @ts-ignore: decorator
@inline export function slope4(code: i32, y: v128): v128 {
    if (code == SIGMOID) return f32x4.mul(y, f32x4.sub(splat(1), y));
    if (code == RELU) return v128.and(f32x4.gt(y, splat(0)), splat(1));
    if (code == TANH) return f32x4.sub(splat(1), f32x4.mul(y, y));
    return splat(1);
}

/** The first `count` lanes of v to p (all four when count ≥ 4): the last lanes of a row that is not a multiple of four. */
export function storeFirst(p: usize, v: v128, count: i32): void {
    if (count >= 4) {
        v128.store(p, v);
        return;
    }
    store<f32>(p, f32x4.extract_lane(v, 0));
    if (count > 1) store<f32>(p + 4, f32x4.extract_lane(v, 1));
    if (count > 2) store<f32>(p + 8, f32x4.extract_lane(v, 2));
}

/** out = activation `code` of n values of x (the tests compare it with Math's). */
export function activateArray(code: i32, x: usize, out: usize, n: i32): void {
    for (let i = 0; i < n; i += 4) storeFirst(out + ((<usize>i) << 2), activate4(code, v128.load(x + ((<usize>i) << 2))), n - i);
}
