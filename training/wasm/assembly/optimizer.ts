/**
 * Adam's update of one weight, four values at a time, in float32 as tfjs's AdamOptimizer
 * computes it (the same operations in the same order, 1 − β and 1 − βᵗ rounded to float32 as its
 * scalars are):
 *   m ← β₁m + (1 − β₁)g,  v ← β₂v + (1 − β₂)g²,  w ← w + (m / (1 − β₁ᵗ)) / (√(v / (1 − β₂ᵗ)) + ε) · (−lr)
 * w, g, m and v are n values each; w, m and v are updated in place.
 */
import { vec } from './memory';
import { storeFirst } from './vector-math';

export function adamUpdate(w: usize, g: usize, m: usize, v: usize, n: i32,
    beta1: f32, oneMinusBeta1: f32, beta2: f32, oneMinusBeta2: f32, correction1: f32, correction2: f32, epsilon: f32, learningRate: f32): void {
    adamOnSum(w, g, 0, m, v, n, beta1, oneMinusBeta1, beta2, oneMinusBeta2, correction1, correction2, epsilon, learningRate);
}

/**
 * adamUpdate on g₀ + g₁ (two parts' gradients, training/wasm/assembly/shared-batch.ts), summed
 * four values at a time as Adam reads them: the same addition as adding g₁ into g₀ first, and
 * the sum is never written back.
 */
export function adamUpdateSum2(w: usize, g0: usize, g1: usize, m: usize, v: usize, n: i32,
    beta1: f32, oneMinusBeta1: f32, beta2: f32, oneMinusBeta2: f32, correction1: f32, correction2: f32, epsilon: f32, learningRate: f32): void {
    adamOnSum(w, g0, g1, m, v, n, beta1, oneMinusBeta1, beta2, oneMinusBeta2, correction1, correction2, epsilon, learningRate);
}

/** Adam with the gradient g₀ (g₁ = 0) or g₀ + g₁; inlined, so that each caller's loop is its own. */
// @ts-ignore: decorator
@inline function adamOnSum(w: usize, g0: usize, g1: usize, m: usize, v: usize, n: i32,
    beta1: f32, oneMinusBeta1: f32, beta2: f32, oneMinusBeta2: f32, correction1: f32, correction2: f32, epsilon: f32, learningRate: f32): void {
    const b1 = f32x4.splat(beta1), c1 = f32x4.splat(oneMinusBeta1);
    const b2 = f32x4.splat(beta2), c2 = f32x4.splat(oneMinusBeta2);
    const k1 = f32x4.splat(correction1), k2 = f32x4.splat(correction2);
    const eps = f32x4.splat(epsilon), negativeLr = f32x4.splat(-learningRate);
    for (let i = 0; i < n; i += 4) {
        const count = n - i, at = (<usize>i) << 2;
        const gi = g1 == 0 ? vec(g0, i) : f32x4.add(vec(g0, i), vec(g1, i));
        const mi = f32x4.add(f32x4.mul(vec(m, i), b1), f32x4.mul(gi, c1));
        const vi = f32x4.add(f32x4.mul(vec(v, i), b2), f32x4.mul(f32x4.mul(gi, gi), c2));
        const step = f32x4.mul(f32x4.div(f32x4.div(mi, k1), f32x4.add(f32x4.sqrt(f32x4.div(vi, k2)), eps)), negativeLr);
        storeFirst(m + at, mi, count);
        storeFirst(v + at, vi, count);
        storeFirst(w + at, f32x4.add(step, vec(w, i)), count);
    }
}
