/**
 * The course notebook, imported: its code cells (test/fixtures/notebook/, a copy of shared/seed/Advanced_RNN_Theory.txt) as a
 * .py file and as an .ipynb built from them. Every model's summary must be the one the notebook
 * printed (read from the same text) and the one of examples/advanced_rnn_theory.rnn.
 */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { formatShape } from '../../language/src/catalog/shape.js';
import { formatSummary } from '../../language/src/format/summary-table.js';
import { exportKeras } from '../../training/src/export/export-keras.js';
import { importKeras } from '../../language/src/keras/import-keras.js';
import { importKerasText } from '../../language/src/keras/import-text.js';
import { notebookSource, pythonFileSource } from '../../language/src/keras/notebook.js';
import { readNotebookJson } from '../../language/src/python/notebook-json.js';
import { EXAMPLES, exampleText, importPython, summaryTables } from './keras-helpers.js';
import { notebookCells, printedSummaries } from './notebook-text.js';

const cells = notebookCells();
const pythonFile = `${cells.join('\n\n')}\n`;

/** An nbformat-4 notebook of the cells, with markdown between them and the magics Colab notebooks start with. */
function notebookJson(): string {
    const code = (source: string) => ({ cell_type: 'code', execution_count: null, metadata: {}, outputs: [], source: source.split('\n').map((l, i, all) => (i < all.length - 1 ? `${l}\n` : l)) });
    const markdown = (text: string) => ({ cell_type: 'markdown', metadata: {}, source: [text] });
    const notebookCellsJson = [
        markdown('# Advanced RNN Theory'),
        code('%matplotlib inline\n!pip install -q tensorflow'),
        ...cells.flatMap((cell, i) => [markdown(`## Part ${i + 1}`), code(cell)]),
        code('%%bash\nls -la')
    ];
    return JSON.stringify({ cells: notebookCellsJson, metadata: {}, nbformat: 4, nbformat_minor: 5 });
}

const BRIEF_TOTALS = [1_108, 3_890, 60_120, 53_809, 9_661, 15_301, 93_891];

describe.each([
    ['a .py file', () => importKeras(pythonFileSource(pythonFile), 'Advanced_RNN_Theory.py')],
    ['an .ipynb notebook', () => importKeras(notebookSource(notebookJson(), 'Advanced_RNN_Theory.ipynb'), 'Advanced_RNN_Theory.ipynb')]
])('the course notebook imported from %s', (_, run) => {
    const result = run();
    const analysis = analyzeText(result.text);

    it('gives its seven models, named after their variable and numbered, without a warning', () => {
        expect(cells.length).toBe(12);
        expect(result.warnings).toEqual([]);
        expect(result.models).toEqual(['model_1', 'model_2', 'model_3', 'model_4', 'model_5', 'model_6', 'model_7']);
        expect(analysis.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    });

    it('keeps the constants as lets, a new let when a constant gets another value', () => {
        expect(result.text).toContain('let n_features = 9\nlet n_steps = 21\n');
        expect(result.text).toContain('let n_features_2 = 20\nlet n_steps_2 = 50\n');
        expect(result.text).toContain('let n_features_3 = 50\n');
        expect(result.text.match(/^let /gm)).toHaveLength(5);
        expect(result.text).toContain('Conv1D(filters=64, kernel_size=2, input_shape=(n_steps_2, n_features_2))');
        expect(result.text).toContain('Conv1D(filters=20, kernel_size=2, input_shape=(n_steps, n_features_3))');
    });

    it('has the summaries the notebook printed, where it printed them', () => {
        const printed = printedSummaries();
        expect(printed).toHaveLength(7);
        analysis.models.forEach((model, i) => {
            const rows = printed[i].layers;
            expect(rows.length).toBeGreaterThan(2);
            rows.forEach((row, j) => {
                const layer = model.layers[j];
                expect(layer.kind).toBe(row.type);
                expect(formatShape(layer.output!)).toBe(row.shape);
                if (row.params !== undefined) expect(layer.params!.trainable + layer.params!.nonTrainable).toBe(row.params);
            });
            if (printed[i].total !== undefined) expect(model.totals.total).toBe(printed[i].total);
        });
        expect(printed.filter(p => p.total !== undefined)).toHaveLength(4);
        expect(analysis.models.map(m => m.totals.total)).toEqual(BRIEF_TOTALS);
    });

    it('has the summaries of examples/advanced_rnn_theory.rnn, table for table', () => {
        expect(summaryTables(result.text)).toEqual(summaryTables(exampleText(EXAMPLES[0])));
    });

    it('round-trips: each model exported to Keras imports back to the same summary', () => {
        for (const model of analysis.models) {
            const script = exportKeras(result.text, analysis, model, 'notebook.rnn');
            const back = analyzeText(importPython(script).text).models;
            expect(back.map(m => formatSummary(m))).toEqual([formatSummary(model)]);
        }
    });
});

describe('notebooks', () => {
    it('name the cell and its line in warnings', () => {
        const json = JSON.stringify({
            cells: [
                { cell_type: 'markdown', source: ['# title'] },
                { cell_type: 'code', source: ['from tensorflow.keras import Sequential\n', 'from tensorflow.keras.layers import LSTM, Dense\n', 'model = Sequential()'] },
                { cell_type: 'code', source: '!nvidia-smi\nmodel.add(LSTM(X.shape[1], input_shape=(5, 2)))\nmodel.add(Dense(1))' }
            ]
        });
        const result = importKeras(notebookSource(json, 'nb.ipynb'), 'nb.ipynb');
        expect(result.warnings[0]).toEqual({ where: 'cell 3, line 2', message: expect.stringContaining('X.shape[1] is left out of LSTM(...)') });
        expect(result.text).toContain('# cell 3, line 2: X.shape[1] is left out of LSTM(...)');
    });
});

describe('notebooks read as the Python door reads them', () => {
    it('skip the cells of another kernel language and cell magics that are not Python, as summary does', () => {
        const r = JSON.stringify({ metadata: { kernelspec: { language: 'R' } }, cells: [{ cell_type: 'code', source: 'model <- keras_model_sequential() %>% layer_dense(units = 1)' }] });
        expect(importKerasText(r, 'ipynb', 'r.ipynb').models).toEqual([]);
        const cells = JSON.stringify({
            cells: [
                { cell_type: 'code', source: '%%bash\nls -l (\n' },
                { cell_type: 'code', source: '%%prun\nm = Sequential([LSTM(4, input_shape=(3, 2))])' },
                { cell_type: 'code', source: 'm.add(Dense(X.shape[1]))' }
            ]
        });
        const result = importKerasText(cells, 'ipynb', 'nb.ipynb');
        expect(result.models).toEqual(['m']);
        expect(result.warnings[0]).toEqual({ where: 'cell 3, line 1', message: expect.stringContaining('X.shape[1] is left out of Dense(...)') });
    });

    it('say what is wrong with a file that is not a notebook in the words summary uses', () => {
        expect(() => importKerasText('{', 'ipynb', 'x.ipynb')).toThrow(/^x\.ipynb is not a notebook: its JSON does not parse \(/);
        expect(() => readNotebookJson('{', 'x.ipynb')).toThrow(/^x\.ipynb is not a notebook: its JSON does not parse \(/);
    });
});
