/**
 * The Keras bridge for the layers of issue 15: every model of test/fixtures/keras/layers.py that
 * Keras builds is exported as a Keras script (python3 parses them all), and that script imports back
 * to a model with the same summary; Keras code that calls the aliases (`layers.MaxPool1D`) and the
 * new layers imports to a model with Keras's numbers.
 */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { exportKeras } from '../../training/src/export/export-keras.js';
import { exportBlockers, modelToExport } from '../../language/src/keras/export-model.js';
import { kerasFixture, rnnText } from '../helpers/keras-fixture.js';
import { importPython, pythonSyntaxErrors, summaryTables } from './keras-helpers.js';

const cases = kerasFixture(3).cases.filter(c => c.ok);

function exported(text: string): string {
    const analysis = analyzeText(text);
    const model = modelToExport(analysis, 'M', 'layers.rnn');
    expect(exportBlockers(analysis, model)).toEqual([]);
    return exportKeras(text, analysis, model, 'layers.rnn');
}

describe('the layers of issue 15 through Keras code', () => {
    it('export as Python that python3 parses', () => {
        const scripts = cases.map(c => exported(rnnText(c)));
        expect(pythonSyntaxErrors(scripts)).toEqual(scripts.map(() => ''));
    });

    for (const c of cases) {
        it(`${c.calls.join(' → ')}: exported and imported back to the same summary`, () => {
            const text = rnnText(c);
            const script = exported(text);
            const back = importPython(script);
            expect(back.warnings).toEqual([]);
            expect(summaryTables(back.text)).toEqual(summaryTables(text));
        });
    }

    it('imports the aliases and the new layers as written in Keras code, with Keras\'s numbers', () => {
        const imported = importPython([
            'import keras',
            'from keras import layers',
            'model = keras.Sequential([',
            '    keras.Input(shape=(10, 3)),',
            '    layers.Convolution1D(8, 3),',
            '    layers.PReLU(shared_axes=[1]),',
            '    layers.GaussianNoise(0.1),',
            '    layers.MaxPool1D(2),',
            '    layers.GlobalAvgPool1D(),',
            '    layers.Dense(4, lora_rank=2, lora_alpha=4.0),',
            '    layers.LeakyReLU(negative_slope=0.2),',
            '    layers.Dense(1),',
            '])'
        ].join('\n'));
        expect(imported.warnings).toEqual([]);
        const model = analyzeText(imported.text).models[0];
        expect(model.layers.map(l => [l.name, l.output, l.params?.trainable, l.params?.nonTrainable])).toEqual([
            ['conv1d', [null, 8, 8], 80, 0],
            ['p_re_lu', [null, 8, 8], 8, 0],
            ['gaussian_noise', [null, 8, 8], 0, 0],
            ['max_pooling1d', [null, 4, 8], 0, 0],
            ['global_average_pooling1d', [null, 8], 0, 0],
            ['dense', [null, 4], 2 * (8 + 4) + 4, 32],
            ['leaky_re_lu', [null, 4], 0, 0],
            ['dense_1', [null, 1], 5, 0]
        ]);
    });
});
