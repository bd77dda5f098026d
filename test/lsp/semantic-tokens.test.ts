/**
 * Semantic tokens: layers are classes, compile/fit/data and calls used as values functions,
 * argument names parameters, constants read-only variables (declared with `let`), model
 * names class declarations, literals numbers, strings and keywords.
 */
import { EmptyFileSystem } from 'langium';
import { SemanticTokensDecoder } from 'langium/lsp';
import { expectSemanticToken, highlightHelper, parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { SemanticTokenTypes } from 'vscode-languageserver';
import { createRnnLensServices } from '../../language/src/lsp/rnn-lens-module.js';

const services = createRnnLensServices({ ...EmptyFileSystem }).RnnLens;
const provider = services.lsp.SemanticTokenProvider!;

/** Every token as `text type modifier...`, in document order. */
async function tokensOf(text: string): Promise<string[]> {
    const document = await parseHelper(services)(text);
    const tokens = await provider.semanticHighlight(document, { textDocument: { uri: document.uri.toString() } });
    const modifierNames = Object.entries(provider.tokenModifiers);
    return SemanticTokensDecoder.decode(tokens, provider.tokenTypes, document).map(t => {
        const modifiers = modifierNames.filter(([, bit]) => (t.tokenModifiers & bit) !== 0).map(([name]) => name).sort();
        return [t.text, t.tokenType, ...modifiers].join(' ');
    });
}

describe('semantic tokens', () => {
    it('classifies every part of a model', async () => {
        const tokens = await tokensOf([
            'let steps = 21',
            'model Forecast {',
            '    Bidirectional(LSTM(30, return_sequences=True), input_shape=(steps, 9))',
            '    Dense(1, activation=None)',
            '    compile(optimizer=Adam(learning_rate=1e-3), loss="mse")',
            '    fit(callbacks=[EarlyStopping(patience=2)], shuffle=false)',
            '}'
        ].join('\n'));
        expect(tokens).toEqual([
            'let keyword', 'steps variable declaration readonly', '21 number',
            'model keyword', 'Forecast class declaration',
            'Bidirectional class', 'LSTM class', '30 number', 'return_sequences parameter', 'True keyword',
            'input_shape parameter', 'steps variable readonly', '9 number',
            'Dense class', '1 number', 'activation parameter', 'None keyword',
            'compile function', 'optimizer parameter', 'Adam function', 'learning_rate parameter', '1e-3 number',
            'loss parameter', '"mse" string',
            'fit function', 'callbacks parameter', 'EarlyStopping function', 'patience parameter', '2 number',
            'shuffle parameter', 'false keyword'
        ]);
    });

    it('leaves an unknown layer without a token, and its arguments classified', async () => {
        const tokens = await tokensOf('model M {\n    LTSM(30, units=4)\n}');
        expect(tokens).toEqual(['model keyword', 'M class declaration', '30 number', 'units parameter', '4 number']);
    });

    it('works with the test helpers: ranges of the course notebook', async () => {
        const highlight = highlightHelper(services);
        const result = await highlight('let <|n_steps|> = 21\nmodel <|M|> {\n    <|Conv1D|>(filters=3, <|kernel_size|>=2, input_shape=(<|n_steps|>, 9))\n    <|compile|>(loss=<|"mse"|>)\n}');
        expectSemanticToken(result, { rangeIndex: 0, tokenType: SemanticTokenTypes.variable });
        expectSemanticToken(result, { rangeIndex: 1, tokenType: SemanticTokenTypes.class });
        expectSemanticToken(result, { rangeIndex: 2, tokenType: SemanticTokenTypes.class });
        expectSemanticToken(result, { rangeIndex: 3, tokenType: SemanticTokenTypes.parameter });
        expectSemanticToken(result, { rangeIndex: 4, tokenType: SemanticTokenTypes.variable });
        expectSemanticToken(result, { rangeIndex: 5, tokenType: SemanticTokenTypes.function });
        expectSemanticToken(result, { rangeIndex: 6, tokenType: SemanticTokenTypes.string });
    });

    it('classifies arithmetic in constants, and survives broken text', async () => {
        expect(await tokensOf('let a = 2\nlet b = -a * (3 + 1)')).toEqual([
            'let keyword', 'a variable declaration readonly', '2 number',
            'let keyword', 'b variable declaration readonly', 'a variable readonly', '3 number', '1 number'
        ]);
        await expect(tokensOf('model M {\n    LSTM(30,\n')).resolves.toContain('LSTM class');
    });
});
