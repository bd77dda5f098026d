/**
 * The recurrent kernels' vector activations (training/wasm/assembly/vector-math.ts: a
 * polynomial exp and tanh on four lanes) agree with Math's in double precision to float
 * precision over the whole range, the saturated ends included.
 */
import { describe, expect, it } from 'vitest';
import { kernelActivation } from '../../../training/src/layers/recurrent-kernel.js';

const inputs = Float32Array.from([
    ...Array.from({ length: 4001 }, (_, i) => -20 + i * 0.01),
    -1e-7, 1e-7, 1e-3, -1e-3, 0.6249, 0.6251, -0.6251, 30, -30, 87, -87, 88.5, -88.5, 100, -100, 1e4, -1e4
]);

const exact: Record<'sigmoid' | 'tanh' | 'relu' | 'linear', (x: number) => number> = {
    sigmoid: x => 1 / (1 + Math.exp(-x)),
    tanh: Math.tanh,
    relu: x => Math.max(0, x),
    linear: x => x
};

describe('the kernels\' vector activations', () => {
    it.each(Object.keys(exact) as Array<keyof typeof exact>)('%s equals Math\'s to float precision', name => {
        const out = kernelActivation(name, inputs);
        let worst = 0;
        inputs.forEach((x, i) => {
            const want = exact[name](x);
            // Relative error, with an absolute floor where the value nears 0 (sigmoid's far left).
            worst = Math.max(worst, Math.abs(out[i] - want) / Math.max(Math.abs(want), 1e-30));
            if (Math.abs(want) < 1e-30) expect(Math.abs(out[i])).toBeLessThan(1e-30);
        });
        expect(worst).toBeLessThan(name === 'sigmoid' || name === 'tanh' ? 1e-6 : 1e-7);
    });
});
