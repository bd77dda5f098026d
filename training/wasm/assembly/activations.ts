/**
 * The activations the recurrent kernels accept, as small integer codes (the same codes as
 * training/src/layers/recurrent-kernel.ts passes): those whose derivative is a function of their
 * output, so that the backward pass needs only what the forward pass kept. They are computed
 * four lanes at a time by vector-math.ts.
 */
export const LINEAR = 0;
export const RELU = 1;
export const SIGMOID = 2;
export const TANH = 3;
