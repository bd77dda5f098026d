/**
 * RNN(cell) and its cells beyond the Keras fixtures (test/catalog/keras-layers.test.ts holds the
 * numbers against Keras 3 and 2): a cell's parameters and formula are its layer's, whatever the
 * arguments; the cells take the layer's arguments without the loop's; a cell where a layer goes
 * is refused with a fix that wraps it; the explanation says what RNN adds; the return_state
 * outputs per cell; Keras code goes in and out.
 */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { findLayerKind, signatureOf } from '../../language/src/catalog/index.js';
import { explainDocument } from '../../language/src/explain/walkthrough.js';
import { exportModelCode } from '../../training/src/export/export-code.js';
import { importKerasText } from '../../language/src/keras/import-text.js';
import type { TextEdit } from '../../language/src/model/diagnostic.js';

const model = (body: string, keras: 2 | 3 = 3) => `keras ${keras}\nmodel M {\n    Input(shape=(7, 5))\n${body.split('\n').map(l => `    ${l}`).join('\n')}\n}\n`;

function apply(text: string, edits: readonly TextEdit[]): string {
    const lines = text.split('\n');
    const offset = (p: { line: number; character: number }) => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    return [...edits].sort((a, b) => offset(b.range.start) - offset(a.range.start))
        .reduce((t, e) => t.slice(0, offset(e.range.start)) + e.newText + t.slice(offset(e.range.end)), text);
}

describe('RNN(cell)', () => {
    const variants = [
        'units=3', 'units=6, use_bias=False', 'units=4, dropout=0.2, recurrent_dropout=0.1', 'units=2, activation="relu"'
    ];
    for (const layer of ['SimpleRNN', 'LSTM', 'GRU']) {
        for (const args of [...variants, ...(layer === 'GRU' ? ['units=5, reset_after=False'] : []), ...(layer === 'LSTM' ? ['units=5, unit_forget_bias=False'] : [])]) {
            it(`RNN(${layer}Cell(${args})) has ${layer}(${args})'s parameters, formula and output, as the same weights`, () => {
                for (const sequences of [false, true]) {
                    const loop = sequences ? ', return_sequences=True' : '';
                    const [cell, plain] = [`RNN(${layer}Cell(${args})${loop})`, `${layer}(${args}${loop})`].map(c => analyzeText(model(c)).models[0].layers[0]);
                    expect(cell.params).toEqual(plain.params);
                    expect(cell.output).toEqual(plain.output);
                    expect(cell.outcome?.formula?.substituted).toBe(plain.outcome?.formula?.substituted);
                }
            });
        }
    }

    it('gives each cell its layer\'s arguments and defaults, without the loop\'s, in Keras\'s order', () => {
        const loop = ['return_sequences', 'return_state', 'go_backwards', 'stateful', 'unroll', 'use_cudnn', 'activity_regularizer'];
        for (const name of ['SimpleRNN', 'LSTM', 'GRU']) {
            const layer = findLayerKind(name)!;
            const cell = findLayerKind(`${name}Cell`)!;
            expect(cell.args.map(a => [a.name, a.default])).toEqual(layer.args.filter(a => !loop.includes(a.name)).map(a => [a.name, a.default]));
            expect(cell.category).toBe('cell');
        }
        // Keras 3.15's LSTMCell.__init__, up to **kwargs.
        expect(findLayerKind('LSTMCell')!.args.map(a => a.name)).toEqual([
            'units', 'activation', 'recurrent_activation', 'use_bias', 'kernel_initializer', 'recurrent_initializer', 'bias_initializer',
            'unit_forget_bias', 'kernel_regularizer', 'recurrent_regularizer', 'bias_regularizer', 'kernel_constraint', 'recurrent_constraint',
            'bias_constraint', 'dropout', 'recurrent_dropout', 'seed'
        ]);
        const rnn = signatureOf(findLayerKind('RNN')!);
        expect(rnn.slice(0, 7).map(a => [a.name, a.default])).toEqual([
            ['cell', null], ['return_sequences', false], ['return_state', false], ['go_backwards', false], ['stateful', false], ['unroll', false], ['zero_output_for_mask', false]
        ]);
    });

    it('refuses a cell where a layer goes, with a fix that wraps it in RNN and leaves a model that builds', () => {
        const text = model('LSTMCell(4)');
        const analysis = analyzeText(text);
        const [problem] = analysis.diagnostics.filter(d => d.severity === 'error');
        expect(problem.code).toBe('unknown-layer');
        expect(problem.message).toContain('LSTMCell is a cell');
        const fixed = apply(text, problem.fixes![0].edits);
        expect(fixed).toContain('RNN(LSTMCell(4))');
        const after = analyzeText(fixed);
        expect(after.diagnostics).toEqual([]);
        expect(after.models[0].layers[0].params).toEqual({ trainable: 4 * (4 * (4 + 5) + 4), nonTrainable: 0 });
    });

    it('refuses cells in Bidirectional and TimeDistributed, layers in RNN, and an empty stack', () => {
        for (const [body, words] of [
            ['Bidirectional(LSTMCell(4))', 'wrap it in RNN first'],
            ['TimeDistributed(GRUCell(4))', 'wrap it in RNN first'],
            ['RNN(Dense(4))', 'runs a cell at each step'],
            ['RNN(StackedRNNCells([LSTMCell(2), LSTM(3)]))', 'not LSTM'],
            ['RNN(StackedRNNCells([]))', 'at least one cell']
        ] as const) {
            const errors = analyzeText(model(body)).diagnostics.filter(d => d.severity === 'error');
            expect(errors.map(e => e.message).join('\n'), body).toContain(words);
        }
    });

    it('counts stacked cells, each reading the one before it, and explains RNN as its cells\' weights', () => {
        const analysis = analyzeText(model('RNN(StackedRNNCells([LSTMCell(4), GRUCell(3)]), return_sequences=True)\nDense(1)'));
        const rnn = analysis.models[0].layers[0];
        // LSTMCell(4) on 5 features: 4 × [4(4 + 5) + 4]; GRUCell(3) on LSTM's 4 units: 3 × [3(3 + 4) + 2 × 3].
        expect(rnn.params?.trainable).toBe(4 * (4 * (4 + 5) + 4) + 3 * (3 * (3 + 4) + 2 * 3));
        expect(rnn.output).toEqual([null, 7, 3]);
        expect(rnn.outcome?.formula?.substituted).toBe('4 × [4 × (4 + 5) + 4] + 3 × [3 × (3 + 4) + 2 × 3]');
        const explained = explainDocument(analysis);
        expect(explained).toContain('RNN has no weights of its own');
        expect(explained).toContain('cell 2 (GRUCell): reads cell 1\'s 4 units → 3 units');
    });

    it('as the last layer with return_state=True, lists the output and each cell\'s states under Keras 3, and is refused under Keras 2', () => {
        const three = analyzeText(model('RNN(StackedRNNCells([LSTMCell(4), GRUCell(3)]), return_state=True)')).models[0].layers[0];
        expect(three.outputs).toEqual([[null, 3], [null, 4], [null, 4], [null, 3]]);
        const two = analyzeText(model('RNN(LSTMCell(4), return_state=True)', 2));
        expect(two.diagnostics.some(d => d.severity === 'error')).toBe(true);
    });

    it('imports RNN(cell) from Keras code and exports it back', () => {
        const python = 'import keras\nfrom keras import layers\nm = keras.Sequential([keras.Input((7, 5)), layers.RNN(layers.StackedRNNCells([layers.LSTMCell(4), layers.GRUCell(3, reset_after=False)]), go_backwards=True)])\n';
        const imported = importKerasText(python, 'py', 'm.py');
        expect(imported.text).toContain('RNN(StackedRNNCells([LSTMCell(4), GRUCell(3, reset_after=False)]), go_backwards=True)');
        const analysis = analyzeText(imported.text);
        expect(analysis.diagnostics).toEqual([]);
        const exported = exportModelCode(imported.text, analysis, undefined, 'm.rnn', 'keras');
        expect(exported.kind === 'code' && exported.code).toContain('layers.RNN(layers.StackedRNNCells([layers.LSTMCell(4), layers.GRUCell(3, reset_after=False)]), go_backwards=True)');
    });
});
