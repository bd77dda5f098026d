/**
 * The Conv1D kernel (conv-kernel.ts: one operation computed in wasm, one product per filter
 * tap) equals the taped tap-sum convolution it replaced (tfjs ops, their gradients taped):
 * outputs and the gradients of the input, the kernel and the bias, for valid, same (TF's split)
 * and causal padding, strides and dilations, with and without a bias, on cpu and wasm; leaking
 * no tensor and no kernel memory.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectNodeBackend } from '../../../training/src/backend/node-backend.js';
import { fastConv1D } from '../../../training/src/layers/conv-kernel.js';
import { convLength, kernelSpan, padForConv, samePadding, validConv, type ConvPadding } from '../../../training/src/layers/conv-ops.js';
import { kernelMemoryInUse } from '../../../training/src/layers/recurrent-kernel.js';
import { randomTensor } from './layer-kit.js';

const CASES: Array<{ padding: ConvPadding; k: number; s: number; d: number; bias: boolean }> = [
    { padding: 'valid', k: 2, s: 1, d: 1, bias: true },
    { padding: 'valid', k: 3, s: 2, d: 1, bias: false },
    { padding: 'same', k: 4, s: 1, d: 1, bias: true },
    { padding: 'same', k: 3, s: 3, d: 1, bias: true },
    { padding: 'same', k: 2, s: 1, d: 3, bias: true },
    { padding: 'causal', k: 3, s: 1, d: 2, bias: true },
    { padding: 'causal', k: 2, s: 2, d: 1, bias: false }
];
const [BATCH, STEPS, CHANNELS, FILTERS] = [3, 13, 5, 6];

/** Output, and gradients of input, kernel (and bias) of Σ conv(x) · u, one way or the other. */
function run(c: (typeof CASES)[number], fast: boolean): number[][] {
    return tf.tidy(() => {
        const x = randomTensor([BATCH, STEPS, CHANNELS], 1) as tf.Tensor3D;
        const kernel = randomTensor([c.k, CHANNELS, FILTERS], 2) as tf.Tensor3D;
        const bias = randomTensor([FILTERS], 3) as tf.Tensor1D;
        const span = kernelSpan(c.k, c.d);
        const outSteps = convLength(STEPS, c.k, c.s, c.d, c.padding)!;
        const padLeft = c.padding === 'causal' ? span - 1 : c.padding === 'same' ? samePadding(STEPS, span, c.s)[0] : 0;
        const conv = (a: tf.Tensor3D, w: tf.Tensor3D, b?: tf.Tensor1D): tf.Tensor => {
            if (fast) return fastConv1D(tf, a, w, b, { stride: c.s, dilation: c.d, padLeft, outSteps });
            const y = validConv(tf, padForConv(tf, a, c.padding, c.k, c.s, c.d), w, c.s, c.d);
            return b ? tf.add(y, b) : y;
        };
        const u = randomTensor([BATCH, outSteps, FILTERS], 4);
        const loss = (...inputs: tf.Tensor[]) => tf.sum(tf.mul(conv(inputs[0] as tf.Tensor3D, inputs[1] as tf.Tensor3D, inputs[2] as tf.Tensor1D | undefined), u));
        const inputs = c.bias ? [x, kernel, bias] : [x, kernel];
        const grads = tf.grads(loss)(inputs);
        return [conv(x, kernel, c.bias ? bias : undefined), ...grads].map(t => Array.from(t.dataSync()));
    });
}

afterAll(async () => {
    await selectNodeBackend(tf, 'cpu');
});

describe.each(['cpu', 'wasm'] as const)('the Conv1D kernel on %s', backend => {
    beforeAll(async () => {
        await selectNodeBackend(tf, backend);
    });
    it.each(CASES)('$padding, kernel $k, strides $s, dilation $d, bias $bias: equals the taped convolution', c => {
        const tensors = tf.memory().numTensors;
        const kernelMemory = kernelMemoryInUse();
        const want = run(c, false);
        const got = run(c, true);
        expect(got.map(g => g.length)).toEqual(want.map(w => w.length));
        got.forEach((values, i) => {
            const scale = Math.max(1, ...want[i].map(Math.abs));
            values.forEach((v, j) => expect(Math.abs(v - want[i][j]) / scale, `output/gradient ${i} at ${j}`).toBeLessThan(1e-5));
        });
        expect(tf.memory().numTensors).toBe(tensors);
        expect(kernelMemoryInUse()).toBe(kernelMemory);
    });
});
