/**
 * The activations the recurrent kernels accept, as small integer codes (the same codes as
 * training/src/layers/recurrent-kernel.ts passes): those whose derivative is a function of their
 * output, so that the backward pass needs only what the forward pass kept.
 */
export const LINEAR = 0;
export const RELU = 1;
export const SIGMOID = 2;
export const TANH = 3;

// @ts-ignore: decorator
@inline export function activate(code: i32, z: f32): f32 {
    if (code == SIGMOID) return 1 / (1 + Mathf.exp(-z));
    if (code == RELU) return z > 0 ? z : 0;
    if (code == TANH) return Mathf.tanh(z);
    return z;
}

/** The derivative at the point where the activation gave `y`. */
// @ts-ignore: decorator
@inline export function slope(code: i32, y: f32): f32 {
    if (code == SIGMOID) return y * (1 - y);
    if (code == RELU) return y > 0 ? 1 : 0;
    if (code == TANH) return 1 - y * y;
    return 1;
}
