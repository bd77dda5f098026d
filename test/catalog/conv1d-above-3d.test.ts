/**
 * Conv1D above 3D, as real Keras does it (test/fixtures/keras/conv1d-above-3d.py): under Keras 2
 * the leading axes are batch axes and the last two are convolved, each layer's output shape and
 * parameters as tf_keras printed them; under Keras 3 an error quoting Keras 3's own message.
 * Training refuses it before it starts, naming the layer.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { buildTfjsModel } from '../../training/src/build/build-model.js';
import { createCustomLayers } from '../../training/src/layers/index.js';
import { ROOT } from '../helpers/ensure-built.js';

interface Case {
    readonly name: string;
    readonly input: number[];
    readonly calls: string[];
    readonly layers?: ReadonlyArray<{ output: Array<number | null>; params: number }>;
    readonly error?: string;
}
const fixture = (version: 2 | 3) =>
    (JSON.parse(readFileSync(join(ROOT, `test/fixtures/keras/conv1d-above-3d-keras${version}.json`), 'utf8')) as { cases: Case[] }).cases;

const text = (c: Case) => `model M {\n    Input(shape=(${c.input.join(', ')}))\n${c.calls.map(call => `    ${call}\n`).join('')}}\n`;

describe('Conv1D above 3D', () => {
    it.each(fixture(2))('Keras 2, $name: the shapes and parameters tf_keras gave', c => {
        const analysis = analyzeText(text(c), { keras: 2 });
        expect(analysis.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const model = analysis.models[0];
        expect(model.layers.map(l => ({ output: l.output, params: l.params!.trainable + l.params!.nonTrainable }))).toEqual(c.layers);
    });

    it.each(fixture(3))('Keras 3, $name: an error quoting Keras 3', c => {
        expect(c.error).toBeDefined();
        const errors = analyzeText(text(c), { keras: 3 }).diagnostics.filter(d => d.severity === 'error');
        expect(errors).toHaveLength(1);
        expect(errors[0].message).toContain(`Keras 3 fails: "${c.error!.replace(/\.$/, '')}"`);
    });

    it('is refused before training under Keras 2, naming the layer', () => {
        const model = analyzeText(text(fixture(2)[1]), { keras: 2 }).models[0];
        expect(model.complete).toBe(true);
        const built = buildTfjsModel(tf, model, createCustomLayers(tf));
        expect(built.ok).toBe(false);
        if (built.ok) return;
        expect(built.problems.map(p => p.layer)).toEqual(['conv1d_1']);
        expect(built.problems[0].message).toContain('RNN Lens trains Conv1D on 3D inputs');
    });
});
