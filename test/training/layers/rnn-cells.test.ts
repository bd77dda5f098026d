/**
 * RNN(cell) trains in tfjs as the layer it equals: RNN(LSTMCell(h, ...)) is built as LSTM(h, ...)
 * (the same weights, math and parameter count), checked layer by layer against the analysis, one
 * training step moving every weight; with the same weights it computes what the plain layer
 * computes. Stacked cells (StackedRNNCells, a list of cells, nested) train as Keras's chain of one
 * recurrent layer per cell, go_backwards on the first only; with Keras's weights they compute what
 * Keras 3 computed (test/fixtures/keras/stacked-rnn-cells.json, from stacked-rnn-cells.py). A stack
 * inside Bidirectional is refused before training, naming the layer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildTfjsModel } from '../../../training/src/build/build-model.js';
import { createCustomLayers } from '../../../training/src/layers/index.js';
import { ROOT } from '../../helpers/ensure-built.js';
import { analyse, checkLayerStack, randomTensor } from './layer-kit.js';

const custom = createCustomLayers(tf);

/** Real Keras 3: RNN over stacked cells with given weights, on a given input (stacked-rnn-cells.py). */
interface StackedFixture {
    readonly input: number[];
    readonly input_shape: number[];
    /** How far Keras's chain is from the stack behind a Masking layer, each way. */
    readonly masked_chain_max_diff: { forwards: number; backwards: number };
    readonly cases: ReadonlyArray<{ name: string; params: number; weight_shapes: number[][]; weights: number[][]; output_shape: number[]; output: number[] }>;
}
const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/keras/stacked-rnn-cells.json'), 'utf8')) as StackedFixture;

describe('RNN(cell) in tfjs', () => {
    it.each([
        ['LSTMCell then GRUCell', 'RNN(LSTMCell(4), return_sequences=True)\nRNN(GRUCell(3))\nDense(1)'],
        ['SimpleRNNCell backwards, no bias', 'RNN(SimpleRNNCell(5, use_bias=False), go_backwards=True)\nDense(2)'],
        ['GRUCell(reset_after=False) with dropout', 'RNN(GRUCell(3, reset_after=False, dropout=0.2, seed=1), return_sequences=True)\nFlatten()\nDense(1)'],
        ['inside Bidirectional', 'Bidirectional(RNN(LSTMCell(3)))\nDense(1)'],
        ['a frozen cell', 'RNN(LSTMCell(4, trainable=False))\nDense(1)']
    ])('%s: builds as the analysis says and trains a step', async (_, layers) => {
        await checkLayerStack(custom, '(6, 3)', layers);
    });

    it('computes what the layer it equals computes, with the same weights', () => {
        const pairs = [['RNN(LSTMCell(4, activation="relu"), return_sequences=True)', 'LSTM(4, activation="relu", return_sequences=True)'], ['RNN(GRUCell(3))', 'GRU(3)']];
        for (const [cell, plain] of pairs) {
            const [a, b] = [cell, plain].map(layer => {
                const built = buildTfjsModel(tf, analyse('(6, 3)', layer), custom);
                if (!built.ok) throw new Error(JSON.stringify(built.problems));
                return built.model;
            });
            b.setWeights(a.getWeights());
            const x = randomTensor([2, 6, 3]);
            const [ya, yb] = [a, b].map(m => m.predict(x) as tf.Tensor);
            expect(Array.from(ya.dataSync())).toEqual(Array.from(yb.dataSync()));
            tf.dispose([x, ya, yb]);
            a.dispose();
            b.dispose();
        }
    });

    it.each([
        ['StackedRNNCells backwards', 'RNN(StackedRNNCells([LSTMCell(4), GRUCell(3)]), go_backwards=True)\nDense(1)'],
        ['a list of cells, sequences', 'RNN([SimpleRNNCell(5), LSTMCell(2)], return_sequences=True)\nFlatten()\nDense(1)'],
        ['nested stacks, a frozen cell', 'RNN(StackedRNNCells([StackedRNNCells([LSTMCell(2), LSTMCell(3, trainable=False)]), GRUCell(2, reset_after=False)]))\nDense(1)']
    ])('stacked cells, %s: build as the analysis says and train a step', async (_, layers) => {
        await checkLayerStack(custom, '(6, 3)', layers);
    });

    it('trains stacked cells: the loss falls over a few epochs and no tensor leaks', async () => {
        const before = tf.memory().numTensors;
        const built = buildTfjsModel(tf, analyse('(6, 3)', 'RNN(StackedRNNCells([LSTMCell(8), GRUCell(4)]), go_backwards=True)\nDense(1)'), custom);
        if (!built.ok) throw new Error(JSON.stringify(built.problems));
        const net = built.model;
        const x = randomTensor([32, 6, 3]);
        // A target the stack can learn: the sum of the first feature over the steps.
        const y = tf.tidy(() => x.slice([0, 0, 0], [32, 6, 1]).sum(1));
        const optimizer = tf.train.adam(0.02);
        net.compile({ optimizer, loss: 'meanSquaredError' });
        const history = await net.fit(x, y, { epochs: 30, batchSize: 8, shuffle: false, verbose: 0 });
        const losses = history.history.loss as number[];
        expect(losses.every(Number.isFinite)).toBe(true);
        expect(losses[losses.length - 1]).toBeLessThan(losses[0] * 0.5);
        tf.dispose([x, y]);
        net.dispose();
        optimizer.dispose();
        expect(tf.memory().numTensors).toBe(before);
    });

    it.each([
        ['lstm_gru_backwards_last', 'RNN(StackedRNNCells([LSTMCell(4), GRUCell(3)]), go_backwards=True)'],
        ['list_simple_lstm_sequences', 'RNN([SimpleRNNCell(5), LSTMCell(2)], return_sequences=True)'],
        ['gru_simple_backwards_sequences', 'RNN(StackedRNNCells([GRUCell(3), SimpleRNNCell(2)]), return_sequences=True, go_backwards=True)']
    ])('with Keras\'s weights, %s computes what Keras 3 computed', (name, layer) => {
        const expected = fixture.cases.find(c => c.name === name)!;
        const model = analyse('(6, 3)', layer);
        expect(model.layers[0].params!.trainable).toBe(expected.params);
        const built = buildTfjsModel(tf, model, custom);
        if (!built.ok) throw new Error(JSON.stringify(built.problems));
        const net = built.model;
        const ours = net.getWeights();
        expect(ours.map(w => w.size)).toEqual(expected.weight_shapes.map(s => s.reduce((a, b) => a * b, 1)));
        const weights = expected.weights.map((values, i) => tf.tensor(values, ours[i].shape));
        net.setWeights(weights);
        const x = tf.tensor(fixture.input, fixture.input_shape);
        const y = net.predict(x) as tf.Tensor;
        expect(y.shape).toEqual(expected.output_shape);
        const got = y.dataSync();
        expected.output.forEach((v, i) => expect(got[i]).toBeCloseTo(v, 5));
        tf.dispose([...weights, x, y]);
        net.dispose();
    });

    it('refuses stacked cells going backwards after a mask (Keras\'s chain would not reverse it), naming the layer; forwards they train', () => {
        expect(fixture.masked_chain_max_diff.backwards).toBeGreaterThan(1e-3);
        expect(fixture.masked_chain_max_diff.forwards).toBeLessThan(1e-6);
        const layers = (backwards: boolean) => `Masking()\nRNN(StackedRNNCells([LSTMCell(4), GRUCell(3)]), go_backwards=${backwards ? 'True' : 'False'})\nDense(1)`;
        const refused = buildTfjsModel(tf, analyse('(6, 3)', layers(true)), custom);
        expect(refused.ok).toBe(false);
        if (refused.ok) return;
        expect(refused.problems.map(p => p.layer)).toEqual(['rnn']);
        expect(refused.problems[0].message).toContain('go_backwards=True computes differently from Keras once a mask');
        const forwards = buildTfjsModel(tf, analyse('(6, 3)', layers(false)), custom);
        expect(forwards.ok).toBe(true);
        if (forwards.ok) forwards.model.dispose();
    });

    it('refuses stacked cells with return_state=True (Keras 3 builds it as the last layer) before training, naming the layer', () => {
        const built = buildTfjsModel(tf, analyse('(6, 3)', 'RNN(StackedRNNCells([LSTMCell(4), GRUCell(3)]), return_state=True)'), custom);
        expect(built.ok).toBe(false);
        if (built.ok) return;
        expect(built.problems.map(p => p.layer)).toEqual(['rnn']);
        expect(built.problems[0].message).toContain('return_state=True');
    });

    it('refuses stacked cells inside Bidirectional before training, naming the layer', () => {
        const built = buildTfjsModel(tf, analyse('(6, 3)', 'Bidirectional(RNN(StackedRNNCells([LSTMCell(4), GRUCell(3)])))\nDense(1)'), custom);
        expect(built.ok).toBe(false);
        if (built.ok) return;
        expect(built.problems.map(p => p.layer)).toEqual(['bidirectional']);
        expect(built.problems[0].message).toContain('a wrapper cannot wrap');
    });
});
