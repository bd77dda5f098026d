/**
 * What Import from Keras sends the language server (a notebook's cells, a selection of Python
 * lines) read by the same import the server runs: cells are counted as the notebook shows them,
 * a selection keeps its editor line numbers and parses when it was indented.
 */
import { describe, expect, it } from 'vitest';
import { importReport, notebookJson, selectionSource } from '../../client/src/keras/import-input.js';
import { importKerasText } from '../../language/src/keras/import-text.js';

describe('notebookJson', () => {
    it('gives the server every cell, so that a warning names the cell the notebook shows', () => {
        const json = notebookJson([
            { code: false, text: '# The models\nSome words.' },
            { code: true, text: '%matplotlib inline\nimport keras\nm = keras.Sequential([keras.layers.Dense(1, input_shape=(3,))])' },
            { code: false, text: 'More words.' },
            { code: true, text: 'n = keras.Sequential([Custom(2)])' }
        ]);
        const result = importKerasText(json, 'ipynb', 'course.ipynb');
        expect(result.models).toEqual(['m', 'n']);
        expect(result.warnings.map(w => w.where)).toEqual(['cell 4, line 1']);
        expect(result.text).toContain('Imported from course.ipynb');
        expect(JSON.parse(json)).toMatchObject({ nbformat: 4, cells: [{ cell_type: 'markdown' }, { cell_type: 'code' }, { cell_type: 'markdown' }, { cell_type: 'code' }] });
    });

    it('gives an empty notebook, which has no model to import', () => {
        const result = importKerasText(notebookJson([]), 'ipynb', 'empty.ipynb');
        expect(result.models).toEqual([]);
        expect(result.warnings[0].message).toMatch(/no Sequential model found/);
    });
});

describe('selectionSource', () => {
    const file = [
        '"""Models for the course.',                            // line 1
        'from the notebook: import nothing here.',
        '"""',
        'import keras',
        'from keras.layers import Dense as D',                  // line 5
        'n_steps = 5',
        'shape = (n_steps, 2)',
        'first = keras.Sequential([D(1, input_shape=shape)])',
        'def build():',
        '    model = keras.Sequential()',                       // line 10
        '    model.add(keras.layers.LSTM(8, input_shape=shape))',
        '    model.add(Mine(3))',
        '    model.add(D(1))',                                  // line 13
        '    return model'
    ];

    it('takes the common indentation off, so that lines selected inside a function parse, and keeps their line numbers', () => {
        const text = selectionSource(file, 9, 12);
        const lines = text.split('\n');
        expect(lines).toHaveLength(13);
        expect(lines[9]).toBe('model = keras.Sequential()');
        expect(lines[12]).toBe('model.add(D(1))');
        const result = importKerasText(text, 'py', 'm.py (lines 10–13)');
        // The model above the selection is not imported; the imports and constants it uses are read.
        expect(result.models).toEqual(['model_1']);
        expect(result.text).toContain('let n_steps = 5');
        expect(result.text).toMatch(/LSTM\(8, input_shape=shape\)/);
        expect(result.text).toMatch(/Dense\(1\)/);
        // The custom layer is on line 12 of the editor, and the warning says line 12.
        expect(result.warnings.map(w => w.where)).toEqual(['line 12']);
    });

    it('keeps above the selection only whole top-level imports and constants, outside strings', () => {
        const above = selectionSource(file, 9, 9).split('\n').slice(0, 9);
        expect(above).toEqual(['', '', '', 'import keras', 'from keras.layers import Dense as D', 'n_steps = 5', 'shape = (n_steps, 2)', '', '']);
        expect(selectionSource(['from x import (', '    a)', 'y = [1,', '  2]', 'z = 3 + \\', '  4', 'm = f(1)', 'go'], 7, 7)).toBe('\n\n\n\n\n\n\ngo');
    });

    it('keeps blank and less indented lines, and a selection from the first line', () => {
        expect(selectionSource(['  a = 1', '', '  b = 2'], 0, 2)).toBe('a = 1\n\nb = 2');
        expect(selectionSource(['', '\tx = 1', '\t\ty = 2'], 1, 2)).toBe('\nx = 1\n\ty = 2');
        expect(selectionSource(['    a = 1', '  b = 2'], 0, 1)).toBe('  a = 1\nb = 2');
    });
});

describe('importReport', () => {
    it('names the models and counts the warnings, one output line per warning with its place', () => {
        const report = importReport('course.ipynb', { text: '', models: ['m', 'n'], warnings: [{ where: 'cell 4, line 1', message: 'a custom layer' }] });
        expect(report.message).toBe('RNN Lens: imported 2 models (m, n) from course.ipynb; 1 warning: what could not be translated is kept as comments (see the "RNN Lens" output).');
        expect(report.lines).toEqual(['course.ipynb: cell 4, line 1: warning: a custom layer']);
        expect(importReport('m.py', { text: '', models: ['m'], warnings: [] }).message).toBe('RNN Lens: imported 1 model (m) from m.py.');
        expect(importReport('e.py', { text: '', models: [], warnings: [] }).message).toBe('RNN Lens: imported 0 models from e.py.');
    });
});
