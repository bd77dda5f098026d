/**
 * language-configuration.json: VS Code evaluates its indentation rules as JavaScript regular
 * expressions on the line's text, so they are tested here the same way on `.rnn` lines.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/ensure-built.js';

const config = JSON.parse(readFileSync(join(ROOT, 'language-configuration.json'), 'utf8'));
const increase = new RegExp(config.indentationRules.increaseIndentPattern);
const decrease = new RegExp(config.indentationRules.decreaseIndentPattern);

describe('language configuration', () => {
    it('comments lines with #', () => {
        expect(config.comments).toEqual({ lineComment: '#' });
    });

    it('closes brackets and both quotes, the quotes not inside strings or comments', () => {
        const pairs = config.autoClosingPairs.map((p: { open: string; close: string }) => p.open + p.close);
        expect(pairs.sort()).toEqual(['""', "''", '()', '[]', '{}']);
        for (const p of config.autoClosingPairs.filter((q: { open: string }) => q.open === '"' || q.open === "'")) {
            expect(p.notIn).toEqual(['string', 'comment']);
        }
    });

    it('indents after a line that opens a block or a call it does not close', () => {
        for (const line of ['model StackedLSTM {', 'model M {  # the notebook\'s', '    Conv1D(filters=3,      # the new columns', '    compile(metrics=[']) {
            expect(increase.test(line), line).toBe(true);
        }
    });

    it('does not indent after a closed call, a brace in a comment or a string, or a constant', () => {
        for (const line of ['    LSTM(30, return_sequences=True)', '    Dense(1)  # {', '    data(path="{x}.csv")', 'let n_steps = 21', '}',
            '    Bidirectional(LSTM(30), input_shape=(n_steps, n_features))']) {
            expect(increase.test(line), line).toBe(false);
        }
    });

    it('outdents a line that closes a block or a call', () => {
        expect(decrease.test('    }')).toBe(true);
        expect(decrease.test('           input_shape=(21, 9))')).toBe(false);
        expect(decrease.test('    )')).toBe(true);
        expect(decrease.test('    LSTM(30)')).toBe(false);
    });

    it('folds #region blocks', () => {
        expect(new RegExp(config.folding.markers.start).test('# region data')).toBe(true);
        expect(new RegExp(config.folding.markers.end).test('  #endregion')).toBe(true);
        expect(new RegExp(config.folding.markers.start).test('# regional models')).toBe(false);
    });
});
