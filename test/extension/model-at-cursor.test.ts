/**
 * Which model a command or the status bar is about: the model whose range holds the cursor, and
 * what the command's arguments name (CodeLens, status bar, editor-title menu, Command Palette).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { commandTarget } from '../../client/src/common/command-args.js';
import { modelAt } from '../../client/src/common/model-at-position.js';
import { analyzeText } from '../../language/src/analyze-text.js';
import { modelOutline } from '../../language/src/lsp/custom-requests-models.js';
import { ROOT } from '../helpers/ensure-built.js';

const text = readFileSync(join(ROOT, 'examples', 'advanced_rnn_theory.rnn'), 'utf8');
const lines = text.split('\n');
const models = analyzeText(text).models.map(modelOutline);

/** The 0-based position of the first `needle` after the line holding `after` (an independent way to name a place). */
function at(needle: string, after = ''): { line: number; character: number } {
    const start = after ? lines.findIndex(l => l.includes(after)) : 0;
    const line = lines.findIndex((l, i) => i >= start && l.includes(needle));
    if (line < 0) throw new Error(`${needle} not found`);
    return { line, character: lines[line].indexOf(needle) };
}

describe('modelAt', () => {
    it('finds the model of a layer line, of its header, and of its closing brace', () => {
        expect(modelAt(models, at('LSTM(30, activation="relu", recurrent_dropout=0.2)'))?.name).toBe('SingleLSTM');
        expect(modelAt(models, at('model StackedLSTM'))?.name).toBe('StackedLSTM');
        const close = at('}', 'model Monster1');
        expect(modelAt(models, close)?.name).toBe('Monster1');
        // Just after the brace is still in the model; the next line is not.
        expect(modelAt(models, { line: close.line, character: close.character + 1 })?.name).toBe('Monster1');
        expect(modelAt(models, { line: close.line + 1, character: 0 })).toBeUndefined();
    });

    it('finds no model on a constant, on a comment between models, or on the line before a header', () => {
        expect(modelAt(models, at('let n_steps'))).toBeUndefined();
        expect(modelAt(models, at('# Monster #1'))).toBeUndefined();
        const header = at('model SingleLSTM');
        expect(header.character).toBe(0);
        // The first character of `model` is in the model; the end of the line above is not.
        expect(modelAt(models, header)?.name).toBe('SingleLSTM');
        expect(modelAt(models, { line: header.line - 1, character: lines[header.line - 1].length })).toBeUndefined();
    });

    it('finds nothing in a document without models', () => {
        expect(modelAt([], { line: 0, character: 0 })).toBeUndefined();
    });
});

describe('commandTarget', () => {
    it('reads the CodeLens\'s and the status bar\'s (uri, model)', () => {
        expect(commandTarget(['file:///w/a.rnn', 'SingleLSTM'])).toEqual({ uri: 'file:///w/a.rnn', model: 'SingleLSTM' });
    });

    it('reads a menu\'s resource Uri, without a model', () => {
        const uri = { scheme: 'file', toString: () => 'file:///w/a.rnn' };
        expect(commandTarget([uri, { groupId: 1 }])).toEqual({ uri: 'file:///w/a.rnn' });
    });

    it('names nothing from the Command Palette, and ignores a model without a document', () => {
        expect(commandTarget([])).toEqual({});
        expect(commandTarget([undefined, 'SingleLSTM'])).toEqual({});
        expect(commandTarget(['file:///w/a.rnn', ''])).toEqual({ uri: 'file:///w/a.rnn' });
    });
});
