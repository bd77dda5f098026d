/**
 * What Keras accepts but does not do as written (issue 15): a warning on the argument, never an
 * error, and nothing at all for the same layers used well. Which values Keras accepts comes from
 * test/fixtures/keras/layers-keras3.json (keras-layers.test.ts); the behaviour the warnings
 * describe was checked in Keras 3.15 (rate 1 zeroes Dropout's output in training; LSTM's cells
 * drop only for 0 < rate < 1 and clip the rate to [0, 1]; GaussianDropout(1.0) divides by zero).
 */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';

function diagnosticsOf(input: string, layer: string) {
    const text = `model M {\n    Input(shape=${input})\n    ${layer}\n}\n`;
    return analyzeText(text).diagnostics.map(d => ({
        code: d.code, severity: d.severity, message: d.message,
        on: text.split('\n')[d.range.start.line].slice(d.range.start.character, d.range.end.character)
    }));
}

describe('warnings where Keras builds a model that does not do what it says', () => {
    it.each([
        ['(10, 3)', 'Dropout(1.0)', '1.0', /drops everything/],
        ['(10, 3)', 'SpatialDropout1D(rate=1)', '1', /drops everything/],
        ['(10, 3)', 'LSTM(4, dropout=1.0)', '1.0', /nothing is dropped at all/],
        ['(10, 3)', 'SimpleRNN(4, recurrent_dropout=1.5)', '1.5', /clips 1\.5 to 1/],
        ['(10, 3)', 'SimpleRNN(4, dropout=-0.2)', '-0.2', /clips -0\.2 to 0/],
        ['(10, 3)', 'GaussianDropout(1.0)', '1.0', /training fails at the first step/],
        ['(10, 3)', 'AlphaDropout(1)', '1', /training fails at the first step/],
        ['(10, 3)', 'LeakyReLU(alpha=0.2)', '0.2', /deprecated in Keras 3.*negative_slope=0\.2/],
        ['(10, 3)', 'Softmax(axis=3)', '3', /not an axis of \(None, 10, 3\)/],
        ['(10, 3)', 'PReLU(shared_axes=0)', '0', /batch axis/],
        ['(10, 3)', 'Bidirectional(SimpleRNN(4), backward_layer=SimpleRNN(5, go_backwards=True))', 'SimpleRNN(5, go_backwards=True)', /says \(None, 8\).*4 \+ 5 = 9 features/],
        ['(10, 3)', 'Bidirectional(GRU(4), backward_layer=GRU(6, go_backwards=True), merge_mode="sum")', 'GRU(6, go_backwards=True)', /fails as soon as data goes through/]
    ])('%s → %s: one warning, on the argument', (input, layer, on, message) => {
        // Information said apart: recurrent_dropout ≠ 0 keeps LSTM/GRU off cuDNN, GRU trains as RNN Lens's own layer.
        const found = diagnosticsOf(input, layer).filter(d => d.severity !== 'information');
        expect(found).toHaveLength(1);
        expect(found[0]).toMatchObject({ code: 'invalid-argument', severity: 'warning', on });
        expect(found[0].message).toMatch(message);
    });

    it.each([
        ['(10, 3)', 'Dropout(0.99)'],
        ['(10, 3)', 'LSTM(4, dropout=0.0, recurrent_dropout=0)'],
        ['(10, 3)', 'GaussianDropout(0.5)'],
        ['(10, 3)', 'LeakyReLU(negative_slope=0.2)'],
        ['(10, 3)', 'Softmax(axis=-2)'],
        ['(10, 3)', 'PReLU(shared_axes=[1, 2])'],
        ['(8,)', 'Dense(5, lora_rank=2, lora_alpha=4)'],
        ['(10, 3)', 'Conv1D(4, 2, data_format=None)'],
        ['(10, 3)', 'MaxPool1D(2, data_format=None)'],
        ['(10, 3)', 'ReLU(max_value=6.0)'],
        ['(10, 3)', 'Bidirectional(SimpleRNN(4), backward_layer=SimpleRNN(4, go_backwards=True))'],
        ['(10, 3)', 'BatchNormalization(renorm=True)']
    ])('%s → %s: nothing to say', (input, layer) => {
        expect(diagnosticsOf(input, layer)).toEqual([]);
    });
});
