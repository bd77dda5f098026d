/**
 * The TextMate grammar of `.rnn` files (syntaxes/rnn.tmLanguage.json), which colours a file
 * before the language server is up and wherever semantic tokens are off. The patterns are
 * written here by hand; the layer and statement names come from the catalog, so a layer added
 * there is coloured without touching the grammar. `npm run generate:grammar` writes the JSON;
 * test/extension/grammar.test.ts fails when the committed file is out of date.
 *
 * Flat patterns only (no begin/end around a model): a half-typed model, with its `}` still
 * missing, is coloured the same as a finished one.
 */
import { layerKindNames, STATEMENT_KINDS } from '../../../language/src/index.js';

export const GRAMMAR_PATH = 'syntaxes/rnn.tmLanguage.json';

/** A name of the language, as the Langium grammar's ID terminal spells it. */
const ID = '[A-Za-z_][A-Za-z0-9_]*';

/** The NUMBER terminal of the Langium grammar: `30`, `0.2`, `.5`, `1_000`, `1e-3`. */
const NUMBER = '(?:[0-9](?:_?[0-9])*(?:\\.(?:[0-9](?:_?[0-9])*)?)?|\\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9]+)?';

function alternation(names: readonly string[]): string {
    // Longest first, so that `Conv1DTranspose` is not cut at `Conv1D` (\b guards too, but be explicit).
    return [...names].sort((a, b) => b.length - a.length || a.localeCompare(b)).join('|');
}

function quotedString(quote: '"' | "'", kind: 'double' | 'single') {
    return {
        name: `string.quoted.${kind}.rnn`,
        begin: quote,
        beginCaptures: { 0: { name: 'punctuation.definition.string.begin.rnn' } },
        // A string ends at its quote, or (unterminated, as while typing) at the end of the line.
        end: `(${quote})|$`,
        endCaptures: { 1: { name: 'punctuation.definition.string.end.rnn' } },
        patterns: [{ name: 'constant.character.escape.rnn', match: '\\\\.' }]
    };
}

export function rnnTextMateGrammar() {
    const layers = alternation(layerKindNames());
    const statements = alternation(STATEMENT_KINDS.map(kind => kind.name));
    return {
        $schema: 'https://raw.githubusercontent.com/martinring/tmlanguage/master/tmlanguage.json',
        name: 'RNN Lens',
        scopeName: 'source.rnn',
        fileTypes: ['rnn'],
        patterns: [
            { include: '#comment' },
            { include: '#declaration' },
            { include: '#string' },
            { include: '#layer' },
            { include: '#statement' },
            { include: '#call' },
            { include: '#argument-name' },
            { include: '#constant' },
            { include: '#number' },
            { include: '#operator' },
            { include: '#punctuation' }
        ],
        repository: {
            comment: {
                name: 'comment.line.number-sign.rnn',
                match: '(#).*$',
                captures: { 1: { name: 'punctuation.definition.comment.rnn' } }
            },
            declaration: {
                patterns: [
                    {
                        // `let n_steps = 21`: the keyword and the constant it defines.
                        match: `\\b(let)\\s+(${ID})`,
                        captures: { 1: { name: 'keyword.other.let.rnn' }, 2: { name: 'variable.other.constant.rnn' } }
                    },
                    {
                        // `model StackedLSTM {`: the keyword and the model's name.
                        match: `\\b(model)\\s+(${ID})`,
                        captures: { 1: { name: 'keyword.other.model.rnn' }, 2: { name: 'entity.name.type.model.rnn' } }
                    },
                    {
                        // `keras 2`: the file's Keras version, a statement of its own line.
                        match: '^\\s*(keras)\\b',
                        captures: { 1: { name: 'keyword.other.keras.rnn' } }
                    },
                    {
                        // The keywords alone, while the name is still being typed.
                        match: '\\b(let|model)\\b',
                        name: 'keyword.other.$1.rnn'
                    }
                ]
            },
            string: { patterns: [quotedString('"', 'double'), quotedString("'", 'single')] },
            layer: {
                // The catalog's layers, called or not yet (`LSTM` before its `(` is typed).
                match: `\\b(?:${layers})\\b`,
                name: 'support.class.layer.rnn'
            },
            statement: {
                match: `\\b(?:${statements})\\b(?=\\s*\\()`,
                name: 'support.function.statement.rnn'
            },
            call: {
                // Anything else called: optimizers, losses, callbacks (`Adam(...)`, `EarlyStopping(...)`).
                match: `\\b${ID}(?=\\s*\\()`,
                name: 'entity.name.function.call.rnn'
            },
            'argument-name': {
                // `return_sequences=True`: a name before a single `=` is a keyword argument.
                match: `\\b(${ID})\\s*(=)(?!=)`,
                captures: { 1: { name: 'variable.parameter.rnn' }, 2: { name: 'keyword.operator.assignment.rnn' } }
            },
            constant: {
                // Python's spelling, or lowercase.
                match: '\\b(?:True|False|None|true|false|none)\\b',
                name: 'constant.language.rnn'
            },
            number: {
                match: `(?<![A-Za-z0-9_.])${NUMBER}(?![A-Za-z0-9_])`,
                name: 'constant.numeric.rnn'
            },
            operator: {
                patterns: [
                    { match: '//|[-+*/%]', name: 'keyword.operator.arithmetic.rnn' },
                    { match: '=', name: 'keyword.operator.assignment.rnn' }
                ]
            },
            punctuation: {
                patterns: [
                    { match: '[{}]', name: 'punctuation.section.block.rnn' },
                    { match: '[()]', name: 'punctuation.section.parens.rnn' },
                    { match: '[\\[\\]]', name: 'punctuation.section.brackets.rnn' },
                    { match: ',', name: 'punctuation.separator.comma.rnn' }
                ]
            }
        }
    };
}

/** The file's text: what the generator writes and the test compares. */
export function rnnTextMateGrammarJson(): string {
    return `${JSON.stringify(rnnTextMateGrammar(), null, 2)}\n`;
}
