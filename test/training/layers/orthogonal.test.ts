/**
 * The fast Orthogonal initializer (training/src/layers/orthogonal.ts) gives tfjs's own Orthogonal
 * matrix for the same seed — tall, wide, square and 3D kernels, with a gain — and keeps tfjs's
 * class name and config, so that a saved model is unchanged; every recurrent layer's recurrent
 * kernel, and an `orthogonal` named in the code, get it.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { tfjsInitializer } from '../../../training/src/build/keras-names.js';
import { createCustomLayers } from '../../../training/src/layers/index.js';
import { orthonormalColumns, withFastOrthogonal } from '../../../training/src/layers/orthogonal.js';

const custom = createCustomLayers(tf);

function stock(shape: number[], gain: number, seed: number): Float32Array {
    return tf.tidy(() => tf.initializers.orthogonal({ gain, seed }).apply(shape).dataSync() as Float32Array);
}

function fast(shape: number[], gain: number, seed: number): Float32Array {
    const init = withFastOrthogonal(tf, tf.initializers.orthogonal({ gain, seed }));
    const t = init.apply(shape);
    const values = t.dataSync() as Float32Array;
    t.dispose();
    return values;
}

describe('the fast Orthogonal initializer', () => {
    it.each([[[30, 120], 1, 3], [[120, 30], 1, 4], [[12, 12], 2.5, 5], [[3, 4, 5], 1, 6], [[1, 7], 1, 7]])(
        'draws tfjs\'s matrix for shape %j, gain %d, seed %d', (shape, gain, seed) => {
            const expected = stock(shape as number[], gain as number, seed as number);
            const got = fast(shape as number[], gain as number, seed as number);
            expect(got.length).toBe(expected.length);
            let worst = 0;
            for (let i = 0; i < got.length; i++) worst = Math.max(worst, Math.abs(got[i] - expected[i]));
            expect(worst).toBeLessThan(2e-5);
        });

    it('gives orthonormal columns, whichever the draw', () => {
        const m = 40, n = 16;
        const a = Array.from({ length: m * n }, (_, i) => Math.sin(i * 12.9898) * 43758.5453 % 1);
        const q = orthonormalColumns(a, m, n);
        for (let j = 0; j < n; j++) {
            for (let k = 0; k < n; k++) {
                let dot = 0;
                for (let i = 0; i < m; i++) dot += q[i * n + j] * q[i * n + k];
                expect(dot).toBeCloseTo(j === k ? 1 : 0, 10);
            }
        }
    });

    it('keeps tfjs\'s class name and config, and leaves other initializers alone', () => {
        const init = withFastOrthogonal(tf, tf.initializers.orthogonal({ gain: 2, seed: 9 }));
        expect(init.getClassName()).toBe('Orthogonal');
        expect(init.getConfig()).toMatchObject({ gain: 2, seed: 9 });
        const glorot = tf.initializers.glorotUniform({ seed: 1 });
        const apply = glorot.apply;
        expect(withFastOrthogonal(tf, glorot).apply).toBe(apply);
    });

    it('initializes a recurrent layer\'s recurrent kernel, and an `orthogonal` named in the code', () => {
        const layer = custom.recurrent('LSTM', { units: 6, recurrentInitializer: { className: 'Orthogonal', config: { seed: 11 } } });
        const model = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: [4, 3] }), layer] });
        const recurrent = layer.getWeights()[1];
        expect(recurrent.shape).toEqual([6, 24]);
        const expected = stock([6, 24], 1, 11);
        const got = recurrent.dataSync();
        for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(expected[i], 4);
        const named = tfjsInitializer(tf, 'orthogonal') as { apply: unknown; getClassName(): string };
        expect(named.getClassName()).toBe('Orthogonal');
        expect(named.apply).not.toBe(tf.initializers.orthogonal({}).apply);
        model.dispose();
    });
});
