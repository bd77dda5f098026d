/**
 * Formatting: one call a line, 4-space indentation, `{` on the model's line, `}` on its own,
 * `, ` between items, no spaces inside brackets or around a keyword argument's `=`, spaces
 * around `let`'s `=`. Blank lines between statements are kept (at most one), never added;
 * comments and line breaks inside calls are kept; nothing but whitespace ever changes.
 */
import { readFileSync } from 'node:fs';
import { EmptyFileSystem } from 'langium';
import { expectFormatting, parseHelper } from 'langium/test';
import { describe, expect, it } from 'vitest';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { createRnnLensServices } from '../../language/src/lsp/rnn-lens-module.js';

const services = createRnnLensServices({ ...EmptyFileSystem }).RnnLens;
const expectFormatted = expectFormatting(services);
const theory = readFileSync(new URL('../../examples/advanced_rnn_theory.rnn', import.meta.url), 'utf8');

async function format(text: string, options = { tabSize: 4, insertSpaces: true }): Promise<string> {
    const document = await parseHelper(services)(text);
    const edits = await services.lsp.Formatter!.formatDocument(document, { textDocument: { uri: document.uri.toString() }, options });
    return TextDocument.applyEdits(document.textDocument, edits);
}

const lines = (...text: string[]): string => text.join('\n');
const withoutWhitespace = (text: string): string => text.replace(/\s+/g, '');

describe('formatter', () => {
    it('puts one call a line, indented, with the braces in place', async () => {
        await expectFormatted({
            before: 'model   M{LSTM(30)   Dense(1)}',
            after: lines('model M {', '    LSTM(30)', '    Dense(1)', '}')
        });
    });

    it('spaces commas, brackets and equals signs as Python does', async () => {
        await expectFormatted({
            before: lines(
                'let  a=1',
                'let b  =  ( a , 2 ,)',
                'let c = [ 1,2 ]',
                'let d = - a*( 3+1 )//2',
                'model M {',
                '  LSTM( 30 ,return_sequences = True , input_shape = ( a ,b ) )',
                '        compile(optimizer = Adam( learning_rate = 1e-3 ) , loss="mse")',
                '}'
            ),
            after: lines(
                'let a = 1',
                'let b = (a, 2,)',
                'let c = [1, 2]',
                'let d = -a * (3 + 1) // 2',
                'model M {',
                '    LSTM(30, return_sequences=True, input_shape=(a, b))',
                '    compile(optimizer=Adam(learning_rate=1e-3), loss="mse")',
                '}'
            )
        });
    });

    it('keeps a blank line between statements where there is one, and adds none', async () => {
        await expectFormatted({
            before: lines('let a = 1', '', '', '', 'let b = 2', 'model M {', '    Dense(1)', '', '', '    Dense(2)', '}', '', 'model N {', '}'),
            after: lines('let a = 1', '', 'let b = 2', 'model M {', '    Dense(1)', '', '    Dense(2)', '}', '', 'model N {', '}')
        });
    });

    it('keeps comments, re-indenting those on their own line', async () => {
        await expectFormatted({
            before: lines(
                '# header',
                'let a = 1   # after a constant',
                'model M { # after the brace',
                '# own line, not indented',
                '      LSTM(30)  # after a layer',
                '  Dense(1) # the head',
                '}'
            ),
            after: lines(
                '# header',
                'let a = 1   # after a constant',
                'model M { # after the brace',
                '    # own line, not indented',
                '    LSTM(30)  # after a layer',
                '    Dense(1) # the head',
                '}'
            )
        });
    });

    it('keeps calls the user broke over lines, with a continuation indent', async () => {
        await expectFormatted({
            before: lines(
                'model M {',
                '  Dense(',
                '     units=3,',
                '  activation="relu",',
                '       )',
                '  compile(optimizer="adam", loss="mse",',
                '              metrics=["mae"])',
                '  fit(callbacks=[',
                '  EarlyStopping(patience=3),',
                '  ])',
                '}'
            ),
            after: lines(
                'model M {',
                '    Dense(',
                '        units=3,',
                '        activation="relu",',
                '    )',
                '    compile(optimizer="adam", loss="mse",',
                '        metrics=["mae"])',
                '    fit(callbacks=[',
                '        EarlyStopping(patience=3),',
                '    ])',
                '}'
            )
        });
    });

    it('never joins a line onto a comment', async () => {
        const before = lines(
            'model M {',
            '    Conv1D(filters=3,      # the new columns',
            '           kernel_size=2,  # the lookback',
            '           input_shape=(21, 9))  # the first layer',
            '    LSTM(  # units next',
            '        30)',
            '}'
        );
        await expectFormatted({
            before,
            after: lines(
                'model M {',
                '    Conv1D(filters=3,      # the new columns',
                '        kernel_size=2,  # the lookback',
                '        input_shape=(21, 9))  # the first layer',
                '    LSTM(  # units next',
                '        30)',
                '}'
            )
        });
    });

    it('changes only whitespace in the course notebook, and formats its own output to itself', async () => {
        const once = await format(theory);
        expect(withoutWhitespace(once)).toBe(withoutWhitespace(theory));
        expect(once.split('\n').filter(line => line.trim() === '').length).toBe(theory.split('\n').filter(line => line.trim() === '').length);
        expect(await format(once)).toBe(once);
        // The only change: the Conv1D arguments aligned under the parenthesis get the continuation indent.
        expect(once.split('\n').filter((line, i) => line !== theory.split('\n')[i])).toEqual([
            '        kernel_size=2,  # the size of the modified lookback (you get to pick this!)',
            '        input_shape=(n_steps, n_features))  # the input shape goes in the first layer'
        ]);
    });

    it('indents with tabs when asked', async () => {
        expect(await format('model M {\nDense(1)\n}', { tabSize: 4, insertSpaces: false })).toBe('model M {\n\tDense(1)\n}');
    });

    it('leaves a document with syntax errors alone', async () => {
        expect(await format('model   M {\n LSTM(30,\n')).toBe('model   M {\n LSTM(30,\n');
    });
});

describe('range formatting', () => {
    it('formats the lines asked for, and leaves the rest', async () => {
        const text = 'model  A{Dense( 1 )}\nmodel  B{Dense( 2 )}';
        const document = await parseHelper(services)(text);
        const edits = await services.lsp.Formatter!.formatDocumentRange(document, {
            textDocument: { uri: document.uri.toString() },
            options: { tabSize: 4, insertSpaces: true },
            range: { start: { line: 1, character: 0 }, end: { line: 1, character: 20 } }
        });
        expect(TextDocument.applyEdits(document.textDocument, edits)).toBe('model  A{Dense( 1 )}\nmodel B {\n    Dense(2)\n}');
    });
});
