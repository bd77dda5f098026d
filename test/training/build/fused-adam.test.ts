/**
 * The fused Adam (fused-adam.ts) moves weights as tfjs's AdamOptimizer does: the same start and
 * the same gradients give the same weights after several steps, within 1e-5 relative, on the cpu
 * and wasm backends; its state survives getWeights → setWeights into a fresh optimizer (the next
 * step is the same as the original's); compile(optimizer="adam") makes it, and the stock switch
 * makes tfjs's own. No tensor left behind, and its moments' kernel memory given back by dispose.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { useStockKernels } from '../../../training/src/backend/kernel-switch.js';
import { selectNodeBackend } from '../../../training/src/backend/node-backend.js';
import { compileSettings } from '../../../training/src/build/compile.js';
import { fusedAdam } from '../../../training/src/build/fused-adam.js';
import { mulberry32 } from '../../../training/src/data/synthetic.js';
import { kernelMemoryInUse } from '../../../training/src/layers/recurrent-kernel.js';

afterAll(async () => {
    await selectNodeBackend(tf, 'cpu');
});

const SHAPES = [[4, 3], [3], [2, 2, 5]];

function values(size: number, seed: number): Float32Array {
    const random = mulberry32(seed);
    return Float32Array.from({ length: size }, () => random() * 2 - 1);
}

/** Weights after `steps` updates with fixed, step-dependent gradients (as a map or a list). */
function train(optimizer: tf.Optimizer, steps: number, prefix: string, asList: boolean, start = 0): { weights: number[][]; variables: tf.Variable[] } {
    const variables = SHAPES.map((shape, i) => tf.tidy(() => tf.variable(tf.tensor(values(shape.reduce((a, b) => a * b), 10 + i), shape), true, `${prefix}_${i}`)));
    for (let s = start; s < start + steps; s++) {
        const grads = variables.map((v, i) => tf.tensor(values(v.size, 100 * s + i).map(x => x * (i + 1)), v.shape));
        optimizer.applyGradients(asList ? variables.map((v, i) => ({ name: v.name, tensor: grads[i] })) : Object.fromEntries(variables.map((v, i) => [v.name, grads[i]])));
        tf.dispose(grads);
    }
    return { weights: variables.map(v => Array.from(v.dataSync())), variables };
}

function expectClose(actual: number[][], expected: number[][]): void {
    // Relative to each weight's largest value, as the layers' equality tests measure.
    actual.forEach((w, i) => {
        const scale = Math.max(...expected[i].map(Math.abs));
        w.forEach((x, j) => expect(Math.abs(x - expected[i][j]) / scale).toBeLessThan(1e-5));
    });
}

describe.each(['cpu', 'wasm'] as const)('fused Adam on %s', backend => {
    it.each([false, true])('equals tfjs\'s Adam after 12 steps (gradients as a list: %s)', async asList => {
        await selectNodeBackend(tf, backend);
        const before = tf.memory().numTensors;
        const kernelMemory = kernelMemoryInUse();
        const stock = tf.train.adam(0.01, 0.9, 0.999, 1e-7);
        const fused = fusedAdam(tf, 0.01, 0.9, 0.999, 1e-7);
        const a = train(stock, 12, `stock_${backend}_${asList}`, asList);
        const b = train(fused, 12, `fused_${backend}_${asList}`, asList);
        expect(b.weights[0]).not.toEqual(SHAPES[0].map(() => 0));
        expectClose(b.weights, a.weights);
        stock.dispose();
        fused.dispose();
        tf.dispose([...a.variables, ...b.variables]);
        expect(tf.memory().numTensors).toBe(before);
        // dispose gave the moments' kernel memory back.
        expect(kernelMemoryInUse()).toBe(kernelMemory);
    });
});

describe('fused Adam state', () => {
    it('survives getWeights → setWeights: the next steps match the original optimizer\'s', async () => {
        await selectNodeBackend(tf, 'cpu');
        const original = fusedAdam(tf, 0.01, 0.9, 0.999, 1e-7);
        const first = train(original, 5, 'saved', false);
        const saved = await original.getWeights();
        expect(saved.map(w => w.name)).toEqual(['iter', 'saved_0/m', 'saved_1/m', 'saved_2/m', 'saved_0/v', 'saved_1/v', 'saved_2/v']);
        const restored = fusedAdam(tf, 0.01, 0.9, 0.999, 1e-7);
        await restored.setWeights(saved);
        // Both continue from the same weights with the same gradients.
        const reference = train(original, 3, 'continued_a', false, 5);
        const copy = train(restored, 3, 'continued_b', false, 5);
        expectClose(copy.weights, reference.weights);
        tf.dispose([...saved.map(w => w.tensor), ...first.variables, ...reference.variables, ...copy.variables]);
        original.dispose();
        restored.dispose();
    });

    it('is what compile(optimizer="adam") makes, and tfjs\'s own under the stock switch', () => {
        const compile = { kind: 'compile', args: { optimizer: 'adam', loss: 'mse', metrics: null } } as never;
        const ours = compileSettings(tf, compile).optimizer;
        useStockKernels(true);
        const stock = compileSettings(tf, compile).optimizer;
        useStockKernels(false);
        expect(ours.constructor.name).toBe('FusedAdamOptimizer');
        expect(stock.constructor).toBe(tf.AdamOptimizer);
        ours.dispose();
        stock.dispose();
    });
});
