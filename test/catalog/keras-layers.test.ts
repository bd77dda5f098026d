/**
 * The layers and arguments of issue 15 held against real Keras: each case of
 * test/fixtures/keras/layers.py is built by Keras (its answers are checked in as
 * layers-keras3.json) and written as a .rnn model here; RNN Lens must give Keras's layer names,
 * classes, output shapes and parameter counts, and an error exactly where Keras refuses.
 */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { kerasFixture, pythonTuple, rnnText } from '../helpers/keras-fixture.js';

const fixture = kerasFixture(3);

describe(`issue 15's layers against Keras ${fixture.keras}`, () => {
    it('has the cases', () => expect(fixture.cases.length).toBeGreaterThan(50));

    for (const c of fixture.cases.filter(k => k.ok)) {
        it(`builds ${pythonTuple(c.input)} → ${c.calls.join(' → ')} as Keras does`, () => {
            const analysis = analyzeText(rnnText(c));
            expect(analysis.diagnostics.filter(d => d.severity === 'error').map(d => d.message)).toEqual([]);
            const model = analysis.models[0];
            expect(model.complete).toBe(true);
            expect(model.layers.map(l => ({
                name: l.name, class: l.kind, output: l.output, trainable: l.params?.trainable, nonTrainable: l.params?.nonTrainable
            }))).toEqual(c.layers);
        });
    }

    for (const c of fixture.cases.filter(k => !k.ok)) {
        it(`refuses ${c.calls.join(' → ')} on ${pythonTuple(c.input)}, as Keras does (${c.error})`, () => {
            const analysis = analyzeText(rnnText(c));
            const errors = analysis.diagnostics.filter(d => d.severity === 'error');
            expect(errors.length, 'an error where Keras fails').toBeGreaterThan(0);
            expect(analysis.models[0].complete).toBe(false);
        });
    }
});
