/**
 * `trainable=False` given to a wrapper trains as the target Keras does: Keras 2 freezes the
 * wrapped layer, Keras 3 ignores the flag there (its weights count as trainable and change in
 * fit; checked with Keras 3.15 and tf_keras 2.21). The tfjs build follows the analysis's target,
 * its parameter check agrees with the analysis, and one training step moves the weights under
 * Keras 3 and leaves them under Keras 2. The wrapped layer's own trainable=False freezes in both.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../../language/src/analyze-text.js';
import { buildTfjsModel } from '../../../training/src/build/build-model.js';
import { createCustomLayers } from '../../../training/src/layers/index.js';
import { randomTensor } from '../layers/layer-kit.js';

const custom = createCustomLayers(tf);

const CASES: Array<[string, string, Record<2 | 3, [number, number]>]> = [
    ['Bidirectional', 'Bidirectional(LSTM(4), trainable=False)', { 3: [256, 0], 2: [0, 256] }],
    ['TimeDistributed', 'TimeDistributed(Dense(4), trainable=False)', { 3: [16, 0], 2: [0, 16] }],
    ['the wrapped layer', 'Bidirectional(LSTM(4, trainable=False))', { 3: [0, 256], 2: [0, 256] }],
    ['the layer TimeDistributed wraps', 'TimeDistributed(Dense(4, trainable=False))', { 3: [0, 16], 2: [0, 16] }]
];

describe('trainable=False on a wrapper, per target Keras', () => {
    for (const [what, call, counts] of CASES) {
        for (const keras of [3, 2] as const) {
            it(`${what}: ${call} under Keras ${keras}`, async () => {
                const text = `keras ${keras}\nmodel M {\n    Input(shape=(10, 3))\n    ${call}\n    Flatten()\n    Dense(1)\n}\n`;
                const analysis = analyzeText(text);
                const model = analysis.models[0];
                expect(model.complete).toBe(true);
                const [trainable, nonTrainable] = counts[keras];
                expect(model.layers[0].params).toEqual({ trainable, nonTrainable });
                const built = buildTfjsModel(tf, model, custom);
                if (!built.ok) throw new Error(JSON.stringify(built.problems));
                const net = built.model;
                const wrapper = net.layers[0];
                const before = wrapper.weights.map(w => w.read().dataSync().slice());
                net.compile({ optimizer: tf.train.sgd(0.5), loss: 'meanSquaredError' });
                const [x, y] = [randomTensor([4, 10, 3]), randomTensor([4, 1], 3)];
                await net.trainOnBatch(x, y);
                const moved = wrapper.weights.some((w, i) => w.read().dataSync().some((v, k) => Math.abs(v - before[i][k]) > 1e-9));
                expect(moved).toBe(trainable > 0);
                tf.dispose([x, y]);
                net.dispose();
            });
        }
    }

    it('says so where the versions differ, with a fix that freezes the wrapped layer in both', () => {
        for (const keras of [3, 2] as const) {
            const analysis = analyzeText(`keras ${keras}\nmodel M {\n    Input(shape=(10, 3))\n    Bidirectional(LSTM(4), trainable=False)\n}\n`);
            const found = analysis.diagnostics.filter(d => d.code === 'keras-version-difference');
            expect(found).toHaveLength(1);
            expect(found[0].severity).toBe(keras === 3 ? 'warning' : 'information');
            expect(found[0].message).toContain(keras === 3 ? 'Keras 3 ignores trainable=False given to Bidirectional' : 'Keras 2 freezes the LSTM');
            const fix = found[0].fixes?.[0];
            expect(fix?.title).toBe('Move trainable=False to the LSTM inside Bidirectional');
        }
        const fine = analyzeText('model M {\n    Input(shape=(10, 3))\n    Bidirectional(LSTM(4, trainable=False))\n}\n');
        expect(fine.diagnostics).toEqual([]);
    });
});
