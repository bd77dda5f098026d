/**
 * Lambda: RNN Lens cannot run its Python function. Without output_shape the shapes after it are
 * unknown, said once as information, with no false error after it; output_shape gives the shape
 * (without the batch dimension, as Keras 3 reads it; test/fixtures/keras/layers.py holds the
 * shapes against both Keras versions). Imported Keras code keeps the function as a string, the
 * Keras export writes it back as code, and training is refused before it starts, naming the layer.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { exportModelCode } from '../../training/src/export/export-code.js';
import { importKerasText } from '../../language/src/keras/import-text.js';
import { buildTfjsModel } from '../../training/src/build/build-model.js';
import { createCustomLayers } from '../../training/src/layers/index.js';

const model = (body: string, keras: 2 | 3 = 3) => `keras ${keras}\nmodel M {\n    Input(shape=(10, 3))\n${body.split('\n').map(l => `    ${l}`).join('\n')}\n}\n`;

describe('Lambda', () => {
    it('without output_shape: one information on the function, no error after it, the shapes after it unknown', () => {
        // Conv1D(4, 20) would not fit the 10 steps before the Lambda: after it, nothing is known, so nothing is said.
        const analysis = analyzeText(model('Lambda("lambda x: x[:, ::-1, :]")\nConv1D(4, 20)\nLSTM(2)\nDense(1)'));
        expect(analysis.diagnostics.map(d => [d.code, d.severity])).toEqual([['unknown-output-shape', 'information']]);
        expect(analysis.diagnostics[0].range.start).toEqual({ line: 3, character: 11 });
        const layers = analysis.models[0].layers;
        expect(layers.map(l => l.output)).toEqual([undefined, undefined, undefined, undefined]);
        expect(analysis.models[0].complete).toBe(false);
    });

    it('with output_shape: the shape without the batch dimension, and the layers after it counted', () => {
        for (const keras of [3, 2] as const) {
            const analysis = analyzeText(model('Lambda("lambda x: x[:, -1, :]", output_shape=(3,))\nDense(2)', keras));
            expect(analysis.diagnostics).toEqual([]);
            const [lambda, dense] = analysis.models[0].layers;
            expect([lambda.output, lambda.params]).toEqual([[null, 3], { trainable: 0, nonTrainable: 0 }]);
            expect(dense.params?.trainable).toBe(8);
            expect(lambda.outcome?.notes.join(' ')).toContain(keras === 2 ? 'Keras 2 runs the function' : 'Keras 3 takes output_shape');
        }
    });

    it('refuses a function that is not written as a string', () => {
        const analysis = analyzeText(model('Lambda(3)'));
        expect(analysis.diagnostics.find(d => d.severity === 'error')?.message).toContain('Python code written as a string');
    });

    it('imports the Python function as a string and exports it as code again', () => {
        const python = 'import keras\nfrom keras import layers\nm = keras.Sequential([keras.Input((10, 3)), layers.Lambda(lambda x: x[:, -1, :] * "a", output_shape=(3,)), layers.Dense(1)])\n';
        const imported = importKerasText(python, 'py', 'm.py');
        expect(imported.text).toContain('Lambda("lambda x: x[:, -1, :] * \\"a\\"", output_shape=(3,))');
        const analysis = analyzeText(imported.text);
        expect(analysis.diagnostics).toEqual([]);
        const exported = exportModelCode(imported.text, analysis, undefined, 'm.rnn', 'keras');
        expect(exported.kind === 'code' && exported.code).toContain('layers.Lambda(lambda x: x[:, -1, :] * "a", output_shape=(3,))');
        // Without output_shape the Keras code is still fine: Keras finds the shape itself.
        const open = model('Lambda("lambda x: x * 2")\nDense(1)');
        const plain = exportModelCode(open, analyzeText(open), undefined, 'm.rnn', 'keras');
        expect(plain.kind === 'code' && plain.code).toContain('layers.Lambda(lambda x: x * 2)');
        expect(exportModelCode(open, analyzeText(open), undefined, 'm.rnn', 'tfjs').kind).toBe('blocked');
    });

    it('cannot be trained: said before training, naming the layer', () => {
        const built = buildTfjsModel(tf, analyzeText(model('Lambda("lambda x: x[:, -1, :]", output_shape=(3,))\nDense(2)')).models[0], createCustomLayers(tf));
        expect(built.ok).toBe(false);
        if (built.ok) return;
        expect(built.problems[0].layer).toBe('lambda');
        expect(built.problems[0].message).toContain('cannot train a model with a Lambda layer');
    });
});

describe('the Keras export names its target', () => {
    for (const keras of [3, 2] as const) {
        it(`keras ${keras}`, () => {
            const text = model('LSTM(4)', keras);
            const exported = exportModelCode(text, analyzeText(text), undefined, 'm.rnn', 'keras');
            expect(exported.kind === 'code' && exported.code.split('\n')[2]).toMatch(keras === 2 ? /^Written for Keras 2 \(tf-keras\)/ : /^Written for Keras 3/);
        });
    }
});
