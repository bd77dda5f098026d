/**
 * RNN(cell) trains in tfjs as the layer it equals: RNN(LSTMCell(h, ...)) is built as LSTM(h, ...)
 * (the same weights, math and parameter count), checked layer by layer against the analysis, one
 * training step moving every weight; with the same weights it computes what the plain layer
 * computes. Stacked cells are refused before training, naming the layer.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { buildTfjsModel } from '../../../training/src/build/build-model.js';
import { createCustomLayers } from '../../../training/src/layers/index.js';
import { analyse, checkLayerStack, randomTensor } from './layer-kit.js';

const custom = createCustomLayers(tf);

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

    it('refuses stacked cells before training, naming the layer and what trains instead', () => {
        const built = buildTfjsModel(tf, analyse('(6, 3)', 'RNN(StackedRNNCells([LSTMCell(4), GRUCell(3)]))\nDense(1)'), custom);
        expect(built.ok).toBe(false);
        if (built.ok) return;
        expect(built.problems.map(p => p.layer)).toEqual(['rnn']);
        expect(built.problems[0].message).toContain('one recurrent layer per cell');
    });
});
