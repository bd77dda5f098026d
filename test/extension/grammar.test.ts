/**
 * The TextMate grammar: the committed syntaxes/rnn.tmLanguage.json is what the generator writes
 * from the catalog today, and it colours `.rnn` text as intended when VS Code's own tokenizer
 * (vscode-textmate with Oniguruma) runs it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { IGrammar } from 'vscode-textmate';
import { GRAMMAR_PATH, rnnTextMateGrammarJson } from '../../client/src/grammar/rnn-tm-grammar.js';
import { LAYER_KINDS } from '../../language/src/catalog/index.js';
import { ROOT } from '../helpers/ensure-built.js';
import { loadGrammar, tokenizeLines, type Token } from './textmate-tokenizer.js';

const committed = readFileSync(join(ROOT, GRAMMAR_PATH), 'utf8');

/** The innermost scope of the first token whose text is `text` on the line. */
function scopeOf(tokens: readonly Token[], text: string): string {
    const token = tokens.find(t => t.text === text);
    if (!token) throw new Error(`no token "${text}" in ${JSON.stringify(tokens.map(t => t.text))}`);
    return token.scopes[token.scopes.length - 1];
}

describe('the TextMate grammar', () => {
    it('is the committed file: run `npm run generate:grammar` after changing the catalog or the grammar', () => {
        expect(committed).toBe(rnnTextMateGrammarJson());
    });

    describe('tokenizing', () => {
        let grammar: IGrammar;
        const lines = (text: string) => tokenizeLines(grammar, text);
        beforeAll(async () => {
            grammar = await loadGrammar(committed, 'source.rnn');
        });

        it('colours every layer of the catalog as a layer, whole (Conv1DTranspose is not Conv1D + Transpose)', () => {
            for (const kind of LAYER_KINDS) {
                const [tokens] = lines(`    ${kind.name}(1)`);
                expect(scopeOf(tokens, kind.name), kind.name).toBe('support.class.layer.rnn');
            }
        });

        it('colours a constant, its value and a trailing comment whose digits stay comment', () => {
            const [tokens] = lines('let n_steps = 21     # lookback 21 days');
            expect(scopeOf(tokens, 'let')).toBe('keyword.other.let.rnn');
            expect(scopeOf(tokens, 'n_steps')).toBe('variable.other.constant.rnn');
            expect(scopeOf(tokens, '21')).toBe('constant.numeric.rnn');
            expect(tokens.at(-1)).toEqual({ text: ' lookback 21 days', scopes: ['source.rnn', 'comment.line.number-sign.rnn'] });
        });

        it('colours a model header, and a name that merely starts with `model` is no keyword', () => {
            const [header] = lines('model StackedLSTM {');
            expect(scopeOf(header, 'model')).toBe('keyword.other.model.rnn');
            expect(scopeOf(header, 'StackedLSTM')).toBe('entity.name.type.model.rnn');
            const [constant] = lines('let model_size = 3');
            expect(scopeOf(constant, 'model_size')).toBe('variable.other.constant.rnn');
        });

        it('colours a layer line: argument names, strings, numbers and booleans', () => {
            const [tokens] = lines('    LSTM(30, activation="relu", recurrent_dropout=0.1, return_sequences=True)');
            expect(scopeOf(tokens, 'LSTM')).toBe('support.class.layer.rnn');
            expect(scopeOf(tokens, '30')).toBe('constant.numeric.rnn');
            expect(scopeOf(tokens, 'activation')).toBe('variable.parameter.rnn');
            expect(scopeOf(tokens, 'relu')).toBe('string.quoted.double.rnn');
            expect(scopeOf(tokens, 'recurrent_dropout')).toBe('variable.parameter.rnn');
            expect(scopeOf(tokens, '0.1')).toBe('constant.numeric.rnn');
            expect(scopeOf(tokens, 'return_sequences')).toBe('variable.parameter.rnn');
            expect(scopeOf(tokens, 'True')).toBe('constant.language.rnn');
        });

        it('colours the training statements, calls inside them and every number form', () => {
            const [tokens] = lines("    compile(optimizer=Adam(learning_rate=1e-3), loss='mse', metrics=None)");
            expect(scopeOf(tokens, 'compile')).toBe('support.function.statement.rnn');
            expect(scopeOf(tokens, 'Adam')).toBe('entity.name.function.call.rnn');
            expect(scopeOf(tokens, '1e-3')).toBe('constant.numeric.rnn');
            expect(scopeOf(tokens, 'mse')).toBe('string.quoted.single.rnn');
            expect(scopeOf(tokens, 'None')).toBe('constant.language.rnn');
            const [more] = lines('    fit(epochs=1_000, validation_split=.25, shuffle=false)');
            expect(scopeOf(more, '1_000')).toBe('constant.numeric.rnn');
            expect(scopeOf(more, '.25')).toBe('constant.numeric.rnn');
            expect(scopeOf(more, 'false')).toBe('constant.language.rnn');
        });

        it('leaves digits inside names alone, and `#` inside a string is no comment', () => {
            const [name] = lines('    Dense(n_features_2)');
            expect(name.some(t => t.scopes.includes('constant.numeric.rnn'))).toBe(false);
            const [text] = lines('    data(path="a#b.csv")');
            expect(scopeOf(text, 'a#b.csv')).toBe('string.quoted.double.rnn');
            expect(text.some(t => t.scopes.some(s => s.startsWith('comment')))).toBe(false);
        });

        it('ends an unterminated string at the end of its line, so the next line is coloured normally', () => {
            const [, next] = lines('    Dense(name="half\n    Dense(1)');
            expect(scopeOf(next, 'Dense')).toBe('support.class.layer.rnn');
            expect(scopeOf(next, '1')).toBe('constant.numeric.rnn');
        });
    });
});
