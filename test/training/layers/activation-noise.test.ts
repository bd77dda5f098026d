/**
 * Training the layers of issue 15 in tfjs: every model of test/fixtures/keras/layers.py that
 * Keras builds either builds in tfjs with Keras's weight counts and trains a step (layer-kit's
 * checks), or is refused before training with a message naming the layer and the reason. The
 * activation layers compute their Keras formulas; the noise layers pass values through at inference.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TfjsCustomLayers } from '../../../language/src/catalog/tfjs-build.js';
import { buildTfjsModel } from '../../../training/src/build/build-model.js';
import { createCustomLayers } from '../../../training/src/layers/index.js';
import { kerasFixture } from '../../helpers/keras-fixture.js';
import { analyse, checkLayerStack } from './layer-kit.js';

beforeAll(async () => {
    await tf.setBackend('cpu');
});

const custom: TfjsCustomLayers = createCustomLayers(tf);

const cases = kerasFixture(3).cases.filter(c => c.ok && c.input.every(d => d !== null));

/** What RNN Lens refuses to train, by the call that causes it, and what it must say. */
const REFUSED: Array<[RegExp, RegExp]> = [
    [/lora_rank=[1-9]/, /tfjs has no LoRA/],
    [/^(Dropout|SpatialDropout1D)\(1\.0\)/, /drops every value in training/],
    [/^GaussianDropout\(1\.0\)/, /divides by 1 − rate = 0/],
    [/^AlphaDropout/, /cannot train AlphaDropout/],
    [/^ReLU\(.*negative_slope=0\.1/, /no negative slope/],
    [/^ELU\(alpha=0\.5\)/, /only alpha=1/],
    [/^Softmax\(axis=1\)/, /last axis only/],
    [/renorm=True/, /no batch renormalization/],
    [/backward_layer=/, /cannot train a separate backward_layer/],
    [/^ConvLSTM1D/, /cannot train ConvLSTM1D/],
    [/^Bidirectional\(RNN\((StackedRNNCells|\[)/, /a wrapper cannot wrap/],
    [/^Lambda/, /cannot train a model with a Lambda layer/],
    [/^TimeDistributed\(RNN\(/, /cannot train a recurrent layer inside TimeDistributed/]
];

const tuple = (shape: Array<number | null>) => `(${shape.join(', ')}${shape.length === 1 ? ',' : ''})`;

describe('the layers of issue 15 in tfjs', () => {
    for (const c of cases) {
        const refusal = c.calls.map(call => REFUSED.find(([cause]) => cause.test(call))).find(r => r !== undefined);
        const integers = c.calls[0].startsWith('Embedding') ? { integers: 50 } : {};
        if (refusal) {
            it(`refuses ${c.calls.join(' → ')} before training, naming the layer`, () => {
                const model = analyse(tuple(c.input), c.calls.join('\n'));
                const built = buildTfjsModel(tf, model, custom);
                expect(built.ok).toBe(false);
                if (built.ok) return;
                const index = c.calls.findIndex(call => refusal[0].test(call));
                expect(built.problems[0].layer).toBe(model.layers[index].name);
                expect(built.problems[0].message).toMatch(refusal[1]);
            });
        } else {
            it(`trains ${c.calls.join(' → ')} with Keras's shapes and weight counts`, async () => {
                await checkLayerStack(custom, tuple(c.input), c.calls.join('\n'), integers);
            });
        }
    }

    const x = tf.tensor([[-2, -0.5, 0, 0.5, 7]]);
    it.each([
        ['ReLU()', [0, 0, 0, 0.5, 7]],
        ['ReLU(max_value=6)', [0, 0, 0, 0.5, 6]],
        ['LeakyReLU()', [-0.6, -0.15, 0, 0.5, 7]],
        ['LeakyReLU(negative_slope=0.1)', [-0.2, -0.05, 0, 0.5, 7]],
        ['ELU()', [Math.exp(-2) - 1, Math.exp(-0.5) - 1, 0, 0.5, 7]],
        ['Softmax()', [-2, -0.5, 0, 0.5, 7].map(v => Math.exp(v) / [-2, -0.5, 0, 0.5, 7].reduce((a, b) => a + Math.exp(b), 0))],
        ['PReLU()', [0, 0, 0, 0.5, 7]],
        ['GaussianNoise(0.5)', [-2, -0.5, 0, 0.5, 7]],
        ['GaussianDropout(0.5)', [-2, -0.5, 0, 0.5, 7]]
    ])('%s computes Keras\'s values at inference', (call, expected) => {
        const built = buildTfjsModel(tf, analyse('(5,)', call), custom);
        if (!built.ok) throw new Error(JSON.stringify(built.problems));
        const y = built.model.predict(x) as tf.Tensor;
        Array.from(y.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 5));
        y.dispose();
        built.model.dispose();
    });
});
