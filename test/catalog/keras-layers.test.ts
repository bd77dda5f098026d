/**
 * The layers and arguments of issue 15 held against real Keras: each case of
 * test/fixtures/keras/layers.py is built by Keras 3 and by Keras 2 (tf-keras; their answers are
 * checked in as layers-keras3.json and layers-keras2.json) and written as a .rnn model here,
 * analysed for that version; RNN Lens must give Keras's layer names, classes, output shapes and
 * parameter counts, and an error exactly where Keras refuses. KERAS2_NOT_YET lists what RNN Lens
 * does not follow Keras 2 in yet: a case that starts to pass fails the test until it is removed.
 */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { kerasFixture, pythonTuple, rnnText } from '../helpers/keras-fixture.js';

/** Keras 2 builds these, or sizes them, otherwise than Keras 3, and RNN Lens follows Keras 3 in them. */
const KERAS2_NOT_YET = new Set<string>([]);

for (const major of [3, 2] as const) describe(`issue 15's layers against Keras ${major}`, () => {
    const fixture = kerasFixture(major);
    const follows = (c: { calls: string[] }) => major === 3 || !KERAS2_NOT_YET.has(c.calls.join(' → '));
    it('has the cases', () => expect(fixture.cases.length).toBeGreaterThan(50));

    it('lists only cases that still differ', () => {
        for (const c of fixture.cases.filter(k => !follows(k))) {
            const analysis = analyzeText(rnnText(c), { keras: major });
            const errors = analysis.diagnostics.filter(d => d.severity === 'error').length > 0;
            const layers = analysis.models[0].layers.map(l => ({ name: l.name, class: l.kind, output: l.output, trainable: l.params?.trainable, nonTrainable: l.params?.nonTrainable }));
            const right = c.ok ? !errors && JSON.stringify(layers) === JSON.stringify(c.layers) : errors;
            expect(right, `${c.calls.join(' → ')} now follows Keras 2: take it off KERAS2_NOT_YET`).toBe(false);
        }
    });

    for (const c of fixture.cases.filter(k => k.ok && follows(k))) {
        it(`builds ${pythonTuple(c.input)} → ${c.calls.join(' → ')} as Keras does`, () => {
            const analysis = analyzeText(rnnText(c), { keras: major });
            expect(analysis.diagnostics.filter(d => d.severity === 'error').map(d => d.message)).toEqual([]);
            const model = analysis.models[0];
            expect(model.complete).toBe(true);
            expect(model.layers.map(l => ({
                name: l.name, class: l.kind, output: l.output, trainable: l.params?.trainable, nonTrainable: l.params?.nonTrainable
            }))).toEqual(c.layers);
        });
    }

    for (const c of fixture.cases.filter(k => !k.ok && follows(k))) {
        it(`refuses ${c.calls.join(' → ')} on ${pythonTuple(c.input)}, as Keras does (${c.error})`, () => {
            const analysis = analyzeText(rnnText(c), { keras: major });
            const errors = analysis.diagnostics.filter(d => d.severity === 'error');
            expect(errors.length, 'an error where Keras fails').toBeGreaterThan(0);
            expect(analysis.models[0].complete).toBe(false);
        });
    }
});
