/**
 * The outline: models with their layers (wrapped layers under the wrapper), Input, compile,
 * fit and data; constants with their values. The details are the analysis's: Keras's layer
 * names, output shapes and parameter counts. Monster2's numbers worked out by hand:
 * Conv1D 50·2·20 + 20 = 2,020; Conv1D 20·2·10 + 10 = 410; Bidirectional LSTM(30) on 10
 * features 2·4·[30(30+10) + 30] = 9,840; LSTM(60) on 60: 2·4·[60(60+60) + 60] = 58,080;
 * GRU(40) on 120: 3·[40(40+120) + 2·40] = 19,440; LSTM(10) on 40: 2·4·[10(10+40) + 10] = 4,080.
 */
import { readFileSync } from 'node:fs';
import { EmptyFileSystem, type LangiumDocument } from 'langium';
import { expectSymbols, parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { SymbolKind, type DocumentSymbol } from 'vscode-languageserver';
import { createRnnLensServices } from '../../language/src/lsp/rnn-lens-module.js';

const services = createRnnLensServices({ ...EmptyFileSystem }).RnnLens;
const parse = parseHelper(services);
const theory = readFileSync(new URL('../../examples/advanced_rnn_theory.rnn', import.meta.url), 'utf8');

async function symbolsOf(text: string): Promise<{ document: LangiumDocument; symbols: DocumentSymbol[] }> {
    const document = await parse(text);
    const symbols = await services.lsp.DocumentSymbolProvider!.getSymbols(document, { textDocument: { uri: document.uri.toString() } });
    return { document, symbols };
}

/** `name: detail`, children indented. */
function outline(symbols: readonly DocumentSymbol[], depth = 0): string[] {
    return symbols.flatMap(s => [
        `${'  '.repeat(depth)}${s.name}${s.detail ? `: ${s.detail}` : ''}`,
        ...outline(s.children ?? [], depth + 1)
    ]);
}

describe('document symbols', () => {
    it('lists the constants and models of the course notebook at the top level', async () => {
        await expectSymbols(services)({
            text: theory,
            expectedSymbols: [
                'n_features', 'n_steps', 'SingleSimpleRNN', 'SingleLSTM', 'StackedLSTM', 'monster1_features', 'monster1_steps',
                'Monster1', 'SingleBidirectional', 'StackedBidirectional', 'monster2_features', 'Monster2'
            ]
        });
    });

    it("outlines Monster2: ten layers with Keras's names, shapes and parameters, wrapped LSTMs inside", async () => {
        const { symbols } = await symbolsOf(theory);
        const monster2 = symbols.find(s => s.name === 'Monster2')!;
        expect(monster2.kind).toBe(SymbolKind.Class);
        expect(monster2.detail).toBe('(None, 1) · 93,891 params');
        const layers = monster2.children!.filter(c => c.kind === SymbolKind.Field);
        expect(layers).toHaveLength(10);
        expect(outline(monster2.children!)).toEqual([
            'Conv1D: conv1d · (None, 20, 20) · 2,020 params',
            'MaxPooling1D: max_pooling1d · (None, 10, 20) · 0 params',
            'Conv1D: conv1d_1 · (None, 9, 10) · 410 params',
            'MaxPooling1D: max_pooling1d_1 · (None, 4, 10) · 0 params',
            'Bidirectional: bidirectional · (None, 4, 60) · 9,840 params',
            '  LSTM: each direction · (None, 4, 30) · 4,920 params',
            'Bidirectional: bidirectional_1 · (None, 4, 120) · 58,080 params',
            '  LSTM: each direction · (None, 4, 60) · 29,040 params',
            'GRU: gru · (None, 4, 40) · 19,440 params',
            'Bidirectional: bidirectional_2 · (None, 20) · 4,080 params',
            '  LSTM: each direction · (None, 10) · 2,040 params',
            'Dropout: dropout · (None, 20) · 0 params',
            'Dense: dense · (None, 1) · 21 params',
            'compile: optimizer="adam", loss="mse", metrics=["mae"]'
        ]);
        expect(monster2.children!.at(-1)!.kind).toBe(SymbolKind.Method);
    });

    it('gives constants their values, and ranges that select the names', async () => {
        const text = 'let steps = 3 * 7\nlet shape = (steps, 9)\nmodel M {\n    LSTM(4, input_shape=shape)\n}\n';
        const { document, symbols } = await symbolsOf(text);
        expect(symbols.map(s => [s.name, s.kind, s.detail])).toEqual([
            ['steps', SymbolKind.Constant, '21'],
            ['shape', SymbolKind.Constant, '(21, 9)'],
            ['M', SymbolKind.Class, '(None, 4) · 224 params']
        ]);
        const textDocument = document.textDocument;
        expect(textDocument.getText(symbols[1].selectionRange)).toBe('shape');
        expect(textDocument.getText(symbols[1].range)).toBe('let shape = (steps, 9)');
        const lstm = symbols[2].children![0];
        expect(textDocument.getText(lstm.selectionRange)).toBe('LSTM');
        expect(textDocument.getText(lstm.range)).toBe('LSTM(4, input_shape=shape)');
        // 4·[4(4+9) + 4] = 224
        expect(lstm.detail).toBe('lstm · (None, 4) · 224 params');
    });

    it('lists Input, TimeDistributed with its layer, fit and data, and unknown layers without details', async () => {
        const text = [
            'model M {',
            '    Input(shape=(None, 4))',
            '    TimeDistributed(Dense(3))',
            '    Foo(1)',
            '    fit(epochs=3, callbacks=[EarlyStopping(patience=2)])',
            '    data(synthetic="sine", length=100)',
            '}'
        ].join('\n');
        const { symbols } = await symbolsOf(text);
        expect(outline(symbols[0].children!)).toEqual([
            'Input: input · (None, None, 4)',
            // Dense(3) on 4 features, at each step: 4·3 + 3 = 15
            'TimeDistributed: time_distributed · (None, None, 3) · 15 params',
            '  Dense: each step · (None, 3) · 15 params',
            'Foo: foo', // an unknown layer stays in the stack, named as Keras would name it
            'fit: epochs=3, callbacks=[EarlyStopping(patience=2)]',
            'data: synthetic="sine", length=100'
        ]);
        expect(symbols[0].children!.map(c => c.kind)).toEqual([
            SymbolKind.Property, SymbolKind.Field, SymbolKind.Field, SymbolKind.Method, SymbolKind.Method
        ]);
    });

    it('outlines a broken document without throwing', async () => {
        const { symbols } = await symbolsOf('let a = \nmodel M {\n    LSTM(30,\n    Dense(1)\n');
        expect(symbols.map(s => s.name)).toContain('M');
    });
});
