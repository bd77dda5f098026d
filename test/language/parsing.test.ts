/**
 * Parsing and lowering: constants evaluated with Python's semantics, values of every kind,
 * calls bound to Keras's signatures with Keras's defaults, the model's input, and recovery
 * from broken text. Expected values are Python's and Keras's, worked out by hand.
 */
import { describe, expect, it } from 'vitest';
import { describeText } from '../../language/src/describe.js';
import { analyzeText } from '../../language/src/analyze-text.js';
import type { DocumentDescription, ModelDescription } from '../../language/src/model/description.js';
import type { DocumentAnalysis } from '../../language/src/analysis/types.js';
import type { Value } from '../../language/src/model/values.js';

const tuple = (...items: Value[]): Value => ({ kind: 'tuple', items });
const list = (...items: Value[]): Value => ({ kind: 'list', items });

function constants(text: string): Record<string, Value | undefined> {
    const description = describeText(text);
    expect(description.diagnostics).toEqual([]);
    return Object.fromEntries(description.constants.map(c => [c.name, c.value]));
}

/** The value of `let x = EXPR`. */
function value(expression: string): Value | undefined {
    return constants(`let x = ${expression}`).x;
}

function model(description: DocumentDescription, name: string): ModelDescription {
    const found = description.models.find(m => m.name === name);
    if (!found) throw new Error(`no model ${name}`);
    return found;
}

/** Per model: the output shapes and parameter counts of its layers. */
function shapes(analysis: DocumentAnalysis) {
    return Object.fromEntries(analysis.models.map(m => [m.name, {
        layers: m.layers.map(l => [l.name, l.output ?? '?', l.params ? l.params.trainable + l.params.nonTrainable : '?']),
        total: m.totals.total
    }]));
}

describe('constant arithmetic, as Python evaluates it', () => {
    it.each([
        ['7 // 2', 3],
        ['-7 // 2', -4],           // floor, not truncation toward zero
        ['7 // -2', -4],
        ['7.5 // 2', 3],
        ['-7 % 3', 2],             // the sign of the divisor
        ['7 % -3', -2],
        ['-7.5 % 2', 0.5],
        ['7 % 7', 0],
        ['7 / 2', 3.5],            // true division
        ['1 / 4', 0.25],
        ['2 + 3 * 4', 14],         // precedence
        ['(2 + 3) * 4', 20],
        ['10 - 2 - 3', 5],         // left associative
        ['64 // 4 // 2', 8],
        ['2 * 3 % 4', 2],          // * and % bind alike, left to right: (2 * 3) % 4
        ['2 + 7 % 3', 3],
        ['-2 * -3', 6],            // unary minus
        ['-(2 + 3)', -5],
        ['- - 4', 4],
        ['+4', 4],
        ['21 // 2 - 1', 9],
        ['((((1))))', 1]
    ])('%s = %s', (expression, expected) => {
        expect(value(expression)).toBe(expected);
    });

    it('uses constants defined before, and joins strings, tuples and lists with +', () => {
        const c = constants([
            'let n_steps = 21',
            'let n_features = 9',
            'let half = n_steps // 2',
            'let shape = (n_steps, n_features)',
            'let longer = shape + (1,)',
            'let name = "lst" + \'m\'',
            'let units = [1, 2] + [3]'
        ].join('\n'));
        expect(c.half).toBe(10);
        expect(c.shape).toEqual(tuple(21, 9));
        expect(c.longer).toEqual(tuple(21, 9, 1));
        expect(c.name).toBe('lstm');
        expect(c.units).toEqual(list(1, 2, 3));
    });

    it('reports division by zero and mixing types, instead of giving Infinity or NaN', () => {
        for (const expression of ['1 / 0', '5 // 0', '5 % 0', '"a" * 2', '(1, 2) + 3', '-"a"']) {
            const description = describeText(`let x = ${expression}`);
            expect(description.constants[0].value, expression).toBeUndefined();
            expect(description.diagnostics.map(d => d.code), expression).toEqual(['invalid-argument']);
            expect(description.diagnostics[0].range.start.line).toBe(0);
        }
    });
});

describe('literals', () => {
    it('reads numbers with underscores, exponents and a leading dot', () => {
        expect(value('1_000')).toBe(1000);
        expect(value('1_000_000')).toBe(1_000_000);
        expect(value('1e-3')).toBe(0.001);
        expect(value('2E3')).toBe(2000);
        expect(value('.5')).toBe(0.5);
        expect(value('0.1')).toBe(0.1);
        expect(value('1.')).toBe(1);
        expect(value('1.5e+2')).toBe(150);
    });

    it('reads strings in both quotes', () => {
        expect(value('"relu"')).toBe('relu');
        expect(value("'relu'")).toBe('relu');
        expect(value('"it\'s"')).toBe("it's");
        expect(value('\'say "hi"\'')).toBe('say "hi"');
        expect(value('""')).toBe('');
    });

    it('reads True/False/None in both spellings', () => {
        expect(value('True')).toBe(true);
        expect(value('true')).toBe(true);
        expect(value('False')).toBe(false);
        expect(value('false')).toBe(false);
        expect(value('None')).toBeNull();
        expect(value('none')).toBeNull();
    });

    it('tells a one-item tuple (a,) from a parenthesised (a)', () => {
        expect(value('(5,)')).toEqual(tuple(5));
        expect(value('(5)')).toBe(5);
        expect(value('(5, 3)')).toEqual(tuple(5, 3));
        expect(value('(5, 3,)')).toEqual(tuple(5, 3));
        expect(value('()')).toEqual(tuple());
        expect(value('(None, 9)')).toEqual(tuple(null, 9));
        expect(value('((1, 2), (3,))')).toEqual(tuple(tuple(1, 2), tuple(3)));
    });

    it('reads lists, with and without a trailing comma', () => {
        expect(value('[]')).toEqual(list());
        expect(value('["mae"]')).toEqual(list('mae'));
        expect(value('["mae", "mse",]')).toEqual(list('mae', 'mse'));
        expect(value('[1, (2,), [3]]')).toEqual(list(1, tuple(2), list(3)));
    });

    it('ignores comments and newlines, wherever they stand', () => {
        const text = [
            '# a comment on its own line',
            'let a = 1  # after a statement',
            'let b = (a,   # inside a tuple',
            '         2)',
            'model M {  # after the brace',
            '    Dense(  # inside a call',
            '        3,',
            '        input_shape=(4,),  # a trailing comma',
            '    )',
            '}  # at the end'
        ].join('\n');
        const analysis = analyzeText(text);
        expect(analysis.diagnostics).toEqual([]);
        expect(analysis.description.constants.map(c => c.value)).toEqual([1, tuple(1, 2)]);
        expect(shapes(analysis)).toEqual({ M: { layers: [['dense', [null, 3], 15]], total: 15 } });
    });

    it('does not read a # inside a string as a comment', () => {
        expect(value('"a # b"')).toBe('a # b');
    });
});

describe('binding calls to Keras signatures', () => {
    it('binds positional arguments in Keras order and fills in the defaults', () => {
        const m = model(describeText('model M { LSTM(30, input_shape=(21, 9)) }'), 'M');
        const lstm = m.layers[0];
        expect(lstm.kind).toBe('LSTM');
        expect(lstm.valid).toBe(true);
        expect(lstm.given).toEqual(['units', 'input_shape']);
        expect(lstm.args.units).toBe(30);
        expect(lstm.args.return_sequences).toBe(false);
        expect(lstm.args.activation).toBe('tanh');
        expect(lstm.args.recurrent_activation).toBe('sigmoid');
        expect(lstm.args.use_bias).toBe(true);
        expect(lstm.args.unit_forget_bias).toBe(true);
        expect(lstm.args.dropout).toBe(0);
        expect(lstm.args.recurrent_dropout).toBe(0);
    });

    it('gives GRU reset_after=True by default, as Keras 2+ does', () => {
        const m = model(describeText('model M { GRU(8, input_shape=(None, 4)) }'), 'M');
        expect(m.layers[0].args.reset_after).toBe(true);
        // 3 × [h(h + i) + 2h] = 3 × [8 × 12 + 16] = 336
        expect(shapes(analyzeText('model M { GRU(8, input_shape=(None, 4)) }')).M.total).toBe(336);
        // reset_after=False: one bias, 3 × [8 × 12 + 8] = 312
        expect(shapes(analyzeText('model M { GRU(8, reset_after=False, input_shape=(None, 4)) }')).M.total).toBe(312);
    });

    it('binds two positional arguments: Conv1D(filters, kernel_size), Embedding(input_dim, output_dim)', () => {
        const d = describeText([
            'model C { Conv1D(3, 2, input_shape=(21, 9)) }',
            'model E { Embedding(1000, 64, input_length=10) }'
        ].join('\n'));
        const conv = model(d, 'C').layers[0];
        expect([conv.args.filters, conv.args.kernel_size, conv.args.strides, conv.args.padding]).toEqual([3, 2, 1, 'valid']);
        const embedding = model(d, 'E').layers[0];
        expect([embedding.args.input_dim, embedding.args.output_dim]).toEqual([1000, 64]);
    });

    it('gives MaxPooling1D strides=None (the pool size) and Dropout its rate', () => {
        const d = describeText('model M { MaxPooling1D(2, input_shape=(20, 3)) Dropout(0.25) }');
        const [pool, dropout] = model(d, 'M').layers;
        expect(pool.args.pool_size).toBe(2);
        expect(pool.args.strides).toBeNull();
        expect(dropout.args.rate).toBe(0.25);
    });

    it('takes keyword arguments in any order, with values from constants', () => {
        const d = describeText([
            'let units = 16',
            'model M { LSTM(return_sequences=True, units=units * 2, activation="relu", input_shape=(5, 3)) }'
        ].join('\n'));
        const lstm = model(d, 'M').layers[0];
        expect(lstm.args.units).toBe(32);
        expect(lstm.args.return_sequences).toBe(true);
        expect(lstm.args.activation).toBe('relu');
        expect(lstm.given).toEqual(['return_sequences', 'units', 'activation', 'input_shape']);
    });

    it('lowers a wrapped layer to the wrapper\'s inner description', () => {
        const d = describeText('model M { Bidirectional(LSTM(30, return_sequences=True), input_shape=(21, 9)) }');
        const bi = model(d, 'M').layers[0];
        expect(bi.kind).toBe('Bidirectional');
        expect(bi.args.merge_mode).toBe('concat');
        expect(bi.inner?.kind).toBe('LSTM');
        expect(bi.inner?.args.units).toBe(30);
        expect(bi.inner?.args.return_sequences).toBe(true);
        expect(bi.inner?.args.activation).toBe('tanh');
        // The inner call's ranges point into the text: `LSTM` starts at character 24.
        expect(bi.inner?.nameRange).toEqual({ start: { line: 0, character: 24 }, end: { line: 0, character: 28 } });
    });

    it('keeps optimizer and callback calls as call values', () => {
        const d = describeText([
            'model M {',
            '    Dense(1, input_shape=(3,))',
            '    compile(optimizer=Adam(learning_rate=1e-3), loss="mse", metrics=["mae"])',
            '    fit(epochs=5, callbacks=[EarlyStopping(monitor="val_loss", patience=2)])',
            '}'
        ].join('\n'));
        expect(d.diagnostics).toEqual([]);
        const m = model(d, 'M');
        expect(m.compile?.args.optimizer).toEqual({ kind: 'call', callee: 'Adam', positional: [], keywords: { learning_rate: 0.001 } });
        expect(m.compile?.args.metrics).toEqual(list('mae'));
        expect(m.fit?.args.epochs).toBe(5);
        expect(m.fit?.args.batch_size).toBeNull();
        expect(m.fit?.args.callbacks).toEqual(list({ kind: 'call', callee: 'EarlyStopping', positional: [], keywords: { monitor: 'val_loss', patience: 2 } }));
    });

    it('records where each argument stands, for quick fixes', () => {
        const text = 'model M { Dense(4, activation="relu", input_shape=(3,),) }';
        const dense = model(describeText(text), 'M').layers[0];
        expect(dense.argRanges.activation).toEqual({ start: { line: 0, character: 19 }, end: { line: 0, character: 36 } });
        expect(dense.valueRanges.activation).toEqual({ start: { line: 0, character: 30 }, end: { line: 0, character: 36 } });
        expect(dense.syntax).toEqual({ closeParen: { line: 0, character: 55 }, argumentCount: 3, trailingComma: true });
        expect(text[55]).toBe(')');
    });
});

describe('the model\'s input', () => {
    it('comes from Input(shape=...) first', () => {
        const text = 'model M {\n    Input(shape=(None, 4))\n    GRU(8)\n}';
        const m = model(describeText(text), 'M');
        expect(m.input).toMatchObject({ shape: [null, 4], batchSize: null, source: 'Input' });
        expect(m.layers.map(l => l.kind)).toEqual(['GRU']); // Input is not a layer of the stack
        expect(analyzeText(text).models[0].input).toEqual([null, null, 4]);
    });

    it('comes from input_shape on the first layer', () => {
        const m = model(describeText('model M { Conv1D(3, 2, input_shape=(21, 9)) }'), 'M');
        expect(m.input).toMatchObject({ shape: [21, 9], batchSize: null, source: 'input_shape' });
        expect(m.input?.valueRange).toEqual({ start: { line: 0, character: 35 }, end: { line: 0, character: 42 } });
    });

    it('comes from batch_input_shape (Keras 2), whose first item is the batch size', () => {
        const m = model(describeText('model M { LSTM(16, batch_input_shape=(32, 10, 2)) }'), 'M');
        expect(m.input).toMatchObject({ shape: [10, 2], batchSize: 32, source: 'batch_input_shape' });
        expect(shapes(analyzeText('model M { LSTM(16, batch_input_shape=(32, 10, 2)) }', { keras: 2 })).M.total).toBe(4 * (16 * (16 + 2) + 16));
    });

    it('comes from Input(batch_shape=...)', () => {
        const m = model(describeText('model M { Input(batch_shape=(16, 7, 3)) SimpleRNN(2) }'), 'M');
        expect(m.input).toMatchObject({ shape: [7, 3], batchSize: 16 });
    });

    it('comes from input_dim for a first Dense', () => {
        const analysis = analyzeText('model M { Dense(5, input_dim=3) }');
        expect(analysis.models[0].input).toEqual([null, 3]);
        expect(shapes(analysis).M.total).toBe(3 * 5 + 5);
    });

    it('comes from Embedding input_length under Keras 2 (Embedding\'s own input_dim is its vocabulary, not the input)', () => {
        const text = 'model M { Embedding(1000, 64, input_length=10) LSTM(8) }';
        const m = model(describeText(text), 'M');
        expect(m.input).toMatchObject({ shape: [10], source: 'input_length' });
        const analysis = analyzeText(text, { keras: 2 });
        // Embedding: 1000 × 64; LSTM: 4 × [8 × (8 + 64) + 8] = 2,336
        expect(shapes(analysis).M).toEqual({
            layers: [['embedding', [null, 10, 64], 64000], ['lstm', [null, 8], 2336]],
            total: 66336
        });
        expect(analysis.diagnostics.map(d => d.code)).not.toContain('missing-input-shape');
    });

    it('takes a variable length: Input(shape=(None,)) before Embedding', () => {
        const analysis = analyzeText('model M { Input(shape=(None,)) Embedding(100, 8) GRU(4) }');
        // No diagnostic: that tfjs has no GRU(reset_after=True) of its own is the layer's training note.
        expect(analysis.diagnostics).toEqual([]);
        expect(analysis.models[0].layers[1].training).toContain('reset_after=True');
        // GRU: 3 × [4 × (4 + 8) + 2 × 4] = 168
        expect(shapes(analysis).M).toEqual({
            layers: [['embedding', [null, null, 8], 800], ['gru', [null, 4], 168]],
            total: 968
        });
    });

    it('goes on the wrapper: Bidirectional(LSTM(30), input_shape=...)', () => {
        const analysis = analyzeText('model M { Bidirectional(LSTM(30), input_shape=(21, 9)) Dense(1) }');
        expect(analysis.diagnostics).toEqual([]);
        // 2 × 4 × [30 × (30 + 9) + 30] = 9,600; Dense(1) on 60: 61
        expect(shapes(analysis).M).toEqual({ layers: [['bidirectional', [null, 60], 9600], ['dense', [null, 1], 61]], total: 9661 });
    });
});

describe('several models and constants in one file', () => {
    const text = [
        'let n_features = 9',
        'let n_steps = 21',
        '',
        'model First {',
        '    Conv1D(filters=3, kernel_size=2, input_shape=(n_steps, n_features))',
        '    MaxPooling1D(2, padding="same")',
        '    SimpleRNN(30)',
        '    Dense(1)',
        '}',
        '',
        'let n_steps_2 = n_steps * 2',
        '',
        'model Second {',
        '    Input(shape=(n_steps_2, n_features))',
        '    LSTM(10, return_sequences=True)',
        '    LSTM(5)',
        '    Dense(1)',
        '}'
    ].join('\n');

    it('analyses each model on its own, numbering layers within the model', () => {
        const analysis = analyzeText(text);
        expect(analysis.diagnostics).toEqual([]);
        expect(analysis.models.map(m => m.name)).toEqual(['First', 'Second']);
        expect(shapes(analysis)).toEqual({
            First: {
                // conv: 9 × 2 × 3 + 3 = 57, 21 − 2 + 1 = 20 steps; same pooling: ⌈20 / 2⌉ = 10;
                // SimpleRNN: 30 × (30 + 3) + 30 = 1,020; Dense: 31
                layers: [['conv1d', [null, 20, 3], 57], ['max_pooling1d', [null, 10, 3], 0], ['simple_rnn', [null, 30], 1020], ['dense', [null, 1], 31]],
                total: 1108
            },
            Second: {
                // 4 × [10 × (10 + 9) + 10] = 800; 4 × [5 × (5 + 10) + 5] = 320; Dense 6
                layers: [['lstm', [null, 42, 10], 800], ['lstm_1', [null, 5], 320], ['dense', [null, 1], 6]],
                total: 1126
            }
        });
    });

    it('records each model\'s name range', () => {
        const d = describeText(text);
        expect(model(d, 'Second').nameRange).toEqual({ start: { line: 12, character: 6 }, end: { line: 12, character: 12 } });
    });
});

describe('recovery from broken text', () => {
    const good = 'model Good { GRU(4, input_shape=(10, 2)) Dense(1) }';
    // GRU: 3 × [4 × (4 + 2) + 2 × 4] = 96; Dense: 5
    const goodShapes = { layers: [['gru', [null, 4], 96], ['dense', [null, 1], 5]], total: 101 };

    function syntaxErrors(analysis: DocumentAnalysis) {
        return analysis.diagnostics.filter(d => d.code === 'syntax');
    }

    it('a missing ) : the error is where the ) belongs, and both models keep their shapes', () => {
        const text = ['model A {', '    LSTM(8, input_shape=(5, 3)', '    Dense(1)', '}', good].join('\n');
        const analysis = analyzeText(text);
        const errors = syntaxErrors(analysis);
        expect(errors).toHaveLength(1);
        expect(errors[0].severity).toBe('error');
        // Right after `(5, 3)` on line 1, not on the next line where the parser noticed.
        expect(errors[0].range).toEqual({ start: { line: 1, character: 30 }, end: { line: 1, character: 30 } });
        expect(errors[0].message).toContain('expected )');
        expect(shapes(analysis).Good).toEqual(goodShapes);
        // LSTM: 4 × [8 × (8 + 3) + 8] = 384; Dense: 9
        expect(shapes(analysis).A).toEqual({ layers: [['lstm', [null, 8], 384], ['dense', [null, 1], 9]], total: 393 });
    });

    it('a missing ) in the middle of a line: the error is on the token found instead', () => {
        const analysis = analyzeText(`model A { LSTM(8, input_shape=(5, 3) Dense(1) }\n${good}`);
        const errors = syntaxErrors(analysis);
        expect(errors).toHaveLength(1);
        expect(errors[0].range).toEqual({ start: { line: 0, character: 37 }, end: { line: 0, character: 42 } });
        expect(errors[0].message).toBe('Syntax error: expected ) but found "Dense".');
        expect(shapes(analysis).Good).toEqual(goodShapes);
    });

    it('a stray character', () => {
        const text = ['model A {', '    LSTM(8, input_shape=(5, 3)) $', '    Dense(1)', '}', good].join('\n');
        const analysis = analyzeText(text);
        const errors = syntaxErrors(analysis);
        expect(errors).toHaveLength(1);
        expect(errors[0].range).toEqual({ start: { line: 1, character: 32 }, end: { line: 1, character: 33 } });
        expect(errors[0].message).toContain('"$"');
        expect(shapes(analysis)).toEqual({
            A: { layers: [['lstm', [null, 8], 384], ['dense', [null, 1], 9]], total: 393 },
            Good: goodShapes
        });
    });

    it('a half-typed call in the middle of a model', () => {
        const text = ['model A {', '    LSTM(8, input_shape=(5, 3))', '    Dense(', '}', good].join('\n');
        const analysis = analyzeText(text);
        const errors = syntaxErrors(analysis);
        expect(errors).toHaveLength(1);
        expect(errors[0].range.start.line).toBe(2);
        expect(shapes(analysis).Good).toEqual(goodShapes);
        expect(shapes(analysis).A.layers[0]).toEqual(['lstm', [null, 8], 384]);
    });

    it('a half-typed call at the end of the file', () => {
        const text = [good, 'model B {', '    SimpleRNN(3, input_shape=(4, 2))', '    Den'].join('\n');
        const analysis = analyzeText(text);
        const errors = syntaxErrors(analysis);
        expect(errors).toHaveLength(1);
        expect(errors[0].range.start.line).toBe(3);
        expect(shapes(analysis).Good).toEqual(goodShapes);
        // SimpleRNN: 3 × (3 + 2) + 3 = 18
        expect(shapes(analysis).B.layers[0]).toEqual(['simple_rnn', [null, 3], 18]);
        expect(analysis.diagnostics.find(d => d.code === 'unknown-layer')?.range).toEqual({ start: { line: 3, character: 4 }, end: { line: 3, character: 7 } });
    });

    it('an unterminated string: the error covers the rest of the line', () => {
        const text = ['model A {', '    Dense(1, activation="relu, input_shape=(3,))', '}', good].join('\n');
        const analysis = analyzeText(text);
        const errors = syntaxErrors(analysis);
        expect(errors.length).toBeGreaterThanOrEqual(1);
        expect(errors[0].range).toEqual({ start: { line: 1, character: 24 }, end: { line: 1, character: 48 } });
        expect(errors[0].message).toContain('not closed');
        expect(shapes(analysis).Good).toEqual(goodShapes);
    });

    it('a missing } before the next model', () => {
        const text = ['model A {', '    LSTM(8, input_shape=(5, 3))', '    Dense(1)', good].join('\n');
        const analysis = analyzeText(text);
        const errors = syntaxErrors(analysis);
        expect(errors).toHaveLength(1);
        // Right after `Dense(1)`, where the } belongs.
        expect(errors[0].range).toEqual({ start: { line: 2, character: 12 }, end: { line: 2, character: 12 } });
        expect(errors[0].message).toContain('expected }');
        expect(shapes(analysis)).toEqual({
            A: { layers: [['lstm', [null, 8], 384], ['dense', [null, 1], 9]], total: 393 },
            Good: goodShapes
        });
    });

    it('a missing } at the end of the file', () => {
        const analysis = analyzeText(`${good}\nmodel B {\n    Dense(2, input_shape=(3,))\n`);
        const errors = syntaxErrors(analysis);
        expect(errors).toHaveLength(1);
        expect(errors[0].range.start).toEqual({ line: 2, character: 30 });
        expect(errors[0].message).toContain('end of the file');
        expect(shapes(analysis).B).toEqual({ layers: [['dense', [null, 2], 8]], total: 8 });
    });

    it('a broken constant does not stop the models', () => {
        const analysis = analyzeText(`let x = 3 +\n${good}`);
        expect(syntaxErrors(analysis)).toHaveLength(1);
        expect(syntaxErrors(analysis)[0].range.start.line).toBe(1);
        expect(shapes(analysis).Good).toEqual(goodShapes);
    });

    it('never throws, whatever the text', () => {
        const texts = ['', '(', ')', 'model', 'model {', 'let', 'let x', 'let x =', 'model A { LSTM(,) }', 'model A { (1) }',
            'model A { LSTM(8, =3) }', '"', "'", '}}}', 'model A { Bidirectional() }', 'model A { Bidirectional(5) }',
            'let a = b\nlet b = a', 'model A { LSTM(x=) }', '\u00e9', 'model A { Dense(1e999, input_shape=(3,)) }'];
        for (const text of texts) {
            expect(() => analyzeText(text), JSON.stringify(text)).not.toThrow();
        }
    });
});
