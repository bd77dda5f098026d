/** A layer as written (the walk-through's call line) and its key arguments (the diagram's boxes). */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { keyArguments, layerCallText } from '../../language/src/explain/layer-call.js';

function layers(body: string) {
    return analyzeText(`let n = 9\nmodel M {\n${body}\n}\n`).models[0].layers.map(l => l.description);
}

describe('layerCallText', () => {
    it('writes every argument given, positional ones by their Keras name, constants evaluated', () => {
        const [conv] = layers('    Conv1D(3, 2, padding="same", input_shape=(21, n))');
        expect(layerCallText(conv)).toBe('Conv1D(filters=3, kernel_size=2, padding="same", input_shape=(21, 9))');
    });

    it('writes a wrapped layer the same way, inside its wrapper', () => {
        const [bi] = layers('    Bidirectional(LSTM(30, return_sequences=True), merge_mode="sum", input_shape=(21, n))');
        expect(layerCallText(bi)).toBe('Bidirectional(layer=LSTM(units=30, return_sequences=True), merge_mode="sum", input_shape=(21, 9))');
    });
});

describe('keyArguments', () => {
    it('leaves out the input shape and the name, and shows strings without quotes', () => {
        const [conv] = layers('    Conv1D(3, 2, padding="causal", name="c", input_shape=(21, n))');
        expect(keyArguments(conv)).toEqual(['filters=3', 'kernel_size=2', 'padding=causal', 'activation=linear']);
    });

    it('always shows the activation, as plot_model(show_layer_activations=True) does', () => {
        const [lstm, dense] = layers('    LSTM(8, input_shape=(4, 2))\n    Dense(1, activation="sigmoid")');
        expect(keyArguments(lstm)).toEqual(['units=8', 'activation=tanh']);
        expect(keyArguments(dense)).toEqual(['units=1', 'activation=sigmoid']);
    });

    it('leaves a wrapped layer to its own box, and gives no activation to a layer without one', () => {
        const [bi, dropout] = layers('    Bidirectional(LSTM(30), merge_mode="ave", input_shape=(21, n))\n    Dropout(0.2)');
        expect(keyArguments(bi)).toEqual(['merge_mode=ave']);
        expect(keyArguments(bi.inner!)).toEqual(['units=30', 'activation=tanh']);
        expect(keyArguments(dropout)).toEqual(['rate=0.2']);
    });
});
