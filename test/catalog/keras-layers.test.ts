/**
 * The layers and arguments of issue 15 held against real Keras: each case of
 * test/fixtures/keras/layers.py is built by Keras (its answers are checked in as
 * layers-keras3.json) and written as a .rnn model here; RNN Lens must give Keras's layer names,
 * classes, output shapes and parameter counts, and an error exactly where Keras refuses.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { ROOT } from '../helpers/ensure-built.js';

interface KerasLayer {
    readonly name: string;
    readonly class: string;
    readonly output: ReadonlyArray<number | null>;
    readonly trainable: number;
    readonly nonTrainable: number;
}

interface KerasCase {
    readonly input: ReadonlyArray<number | null>;
    readonly calls: readonly string[];
    readonly ok: boolean;
    readonly layers?: readonly KerasLayer[];
    readonly error?: string;
}

const fixture = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/keras/layers-keras3.json'), 'utf8')) as { keras: string; cases: KerasCase[] };

function pythonTuple(shape: ReadonlyArray<number | null>): string {
    const items = shape.map(d => (d === null ? 'None' : String(d)));
    return items.length === 1 ? `(${items[0]},)` : `(${items.join(', ')})`;
}

export function rnnText(c: KerasCase): string {
    return `model M {\n    Input(shape=${pythonTuple(c.input)})\n${c.calls.map(call => `    ${call}\n`).join('')}}\n`;
}

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
