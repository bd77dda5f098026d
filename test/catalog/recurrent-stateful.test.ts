/**
 * stateful=True needs a fixed batch size: Keras 3 ("the batch size must be static") and Keras 2
 * ("it needs to know its batch size") both refuse the model without one, and build it with one
 * (the differential test's stacks S020, S083, S165 and S236 against real Keras).
 */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';

function analyze(body: string, keras: 2 | 3 = 3) {
    const analysis = analyzeText(`model M {\n${body}\n}\n`, { keras });
    return { model: analysis.models[0], errors: analysis.diagnostics.filter(d => d.severity === 'error') };
}

describe('stateful recurrent layers', () => {
    for (const layer of ['SimpleRNN', 'LSTM', 'GRU']) {
        it(`${layer}(stateful=True) without a batch size is an error on stateful`, () => {
            const text = `    Input(shape=(10, 3))\n    ${layer}(4, stateful=True)`;
            const { errors } = analyze(text);
            expect(errors.map(e => e.code)).toEqual(['invalid-argument']);
            expect(errors[0].message).toContain('batch size must be static');
            // The diagnostic sits on the argument that needs the batch size.
            const line = text.split('\n')[1];
            expect(errors[0].range.start).toEqual({ line: 2, character: line.indexOf('stateful=True') + 'stateful='.length });
        });
    }

    it('builds with Input(batch_size=...) or, in Keras 2, batch_input_shape, the batch in every shape', () => {
        const withInput = analyze('    Input(shape=(10, 3), batch_size=8)\n    LSTM(4, stateful=True, return_sequences=True)\n    GRU(2, stateful=True)');
        expect(withInput.errors).toEqual([]);
        expect(withInput.model.layers.map(l => l.output)).toEqual([[8, 10, 4], [8, 2]]);
        expect(withInput.model.totals.total).toBe(4 * (4 * (4 + 3) + 4) + 3 * (2 * (2 + 4) + 2 * 2));
        // Keras 3 has no batch_input_shape (test/language/keras-versions.test.ts).
        const withBatchShape = analyze('    SimpleRNN(5, stateful=True, batch_input_shape=(16, 7, 2))', 2);
        expect(withBatchShape.errors).toEqual([]);
        expect(withBatchShape.model.layers[0].output).toEqual([16, 5]);
    });

    it('inside Bidirectional too', () => {
        const { errors } = analyze('    Input(shape=(10, 3))\n    Bidirectional(LSTM(4, stateful=True))');
        expect(errors.map(e => e.code)).toEqual(['invalid-argument']);
        expect(analyze('    Input(shape=(10, 3), batch_size=2)\n    Bidirectional(LSTM(4, stateful=True))').errors).toEqual([]);
    });
});
