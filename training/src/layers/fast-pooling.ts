/**
 * Windowed max and average pooling over the steps of [B, T, C] as ONE tfjs operation with its
 * own gradient, in plain loops: tfjs pools a sequence as an image (an added axis, the pooling,
 * the axis removed), three operations and their gradients per layer, each with the copies tfjs
 * keeps for it. TF's semantics: with padding "same" the padded positions are never the maximum
 * and are not counted in the average; the first of equal maxima takes the gradient.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { valuesOf } from './tensor-values.js';

type Tf = typeof tfjs;

export interface PoolWindow {
    readonly mode: 'max' | 'avg';
    readonly poolSize: number;
    readonly strides: number;
    /** Steps of padding before the input ("same": TF's split; "valid": 0). */
    readonly padLeft: number;
    readonly outSteps: number;
}

/** The input steps of output step t's window that lie inside the input: [from, to). */
function windowOf(w: PoolWindow, t: number, steps: number): [number, number] {
    const start = t * w.strides - w.padLeft;
    return [Math.max(0, start), Math.min(steps, start + w.poolSize)];
}

export function fastPool1D(tf: Tf, x: tfjs.Tensor3D, w: PoolWindow): tfjs.Tensor3D {
    const op = tf.customGrad(((...args: unknown[]) => {
        const xIn = args[0] as tfjs.Tensor3D;
        const [batch, steps, channels] = xIn.shape;
        const xs = valuesOf(tf, xIn); // read through before tfjs allocates (the output below)
        const y = new Float32Array(batch * w.outSteps * channels);
        // Max: where each output's value came from (an index into x), for the gradient.
        const from = w.mode === 'max' ? new Int32Array(y.length) : null;
        for (let b = 0; b < batch; b++) {
            for (let t = 0; t < w.outSteps; t++) {
                const [first, last] = windowOf(w, t, steps);
                const out = (b * w.outSteps + t) * channels;
                for (let c = 0; c < channels; c++) {
                    let at = (b * steps + first) * channels + c;
                    let value = xs[at];
                    if (from) {
                        for (let s = first + 1; s < last; s++) {
                            const i = (b * steps + s) * channels + c;
                            if (xs[i] > value) { value = xs[i]; at = i; }
                        }
                        from[out + c] = at;
                    } else {
                        for (let s = first + 1; s < last; s++) value += xs[(b * steps + s) * channels + c];
                        value /= last - first;
                    }
                    y[out + c] = value;
                }
            }
        }
        const value = tf.tensor3d(y, [batch, w.outSteps, channels]);
        const gradFunc = (dy: tfjs.Tensor): tfjs.Tensor => {
            const g = valuesOf(tf, dy);
            const dx = new Float32Array(xIn.size);
            if (from) {
                for (let i = 0; i < g.length; i++) dx[from[i]] += g[i];
            } else {
                for (let b = 0; b < batch; b++) {
                    for (let t = 0; t < w.outSteps; t++) {
                        const [first, last] = windowOf(w, t, steps);
                        const out = (b * w.outSteps + t) * channels;
                        for (let s = first; s < last; s++) {
                            const to = (b * steps + s) * channels;
                            for (let c = 0; c < channels; c++) dx[to + c] += g[out + c] / (last - first);
                        }
                    }
                }
            }
            return tf.tensor3d(dx, xIn.shape);
        };
        return { value, gradFunc };
    }) as never) as (input: tfjs.Tensor) => tfjs.Tensor3D;
    return op(x);
}
