/**
 * The pieces of the one statement walk (language/src/python/walk-program.ts) that the door and
 * `rnn-lens import` both read calls with: Sequential(...)'s layer list and name, and the
 * keywords Keras gives compile(...)/fit(...)'s arguments.
 */
import { describe, expect, it } from 'vitest';
import { parsePythonExpression } from '../../language/src/keras/python-parse.js';
import { sequentialLayers, sequentialName, statementArguments, type PyCallExpr } from '../../language/src/python/walk-program.js';

function call(code: string): PyCallExpr {
    const expr = parsePythonExpression(code);
    if (expr.type !== 'call') throw new Error(`not a call: ${code}`);
    return expr;
}

describe('walk-program', () => {
    it('finds the layer list of Sequential([...]), (...) and layers=[...], and nothing in other arguments', () => {
        const texts = (code: string, i: number) => sequentialLayers(call(code), i)?.map(e => e.text);
        expect(texts('Sequential([LSTM(4), Dense(1)], name="m")', 0)).toEqual(['LSTM(4)', 'Dense(1)']);
        expect(texts('Sequential((Dense(1),))', 0)).toEqual(['Dense(1)']);
        expect(texts('Sequential(name="m", layers=[Dense(1)])', 1)).toEqual(['Dense(1)']);
        expect(texts('Sequential([Dense(1)], name="m")', 1)).toBeUndefined();
        expect(texts('Sequential(stack)', 0)).toBeUndefined();
        expect(texts('Sequential(*parts)', 0)).toBeUndefined();
    });

    it('takes Sequential(name=...) only when it is an identifier', () => {
        expect(sequentialName(call('Sequential([], name="tiny")'))).toBe('tiny');
        expect(sequentialName(call('Sequential([], name="my model")'))).toBeUndefined();
        expect(sequentialName(call('Sequential([], name=title)'))).toBeUndefined();
    });

    it("names fit(...)'s positional arguments by Keras's order and tells the data from the settings", () => {
        const args = statementArguments('fit', call('model.fit(X, Y, 16, 20, validation_data=(a, b), callbacks=[es], **extra)'));
        expect(args.map(a => [a.keyword, a.data])).toEqual([
            ['x', true], ['y', true], ['batch_size', false], ['epochs', false], ['validation_data', true], ['callbacks', false], [undefined, false]
        ]);
        expect(statementArguments('compile', call('m.compile("adam", "mse")')).map(a => a.keyword)).toEqual(['optimizer', 'loss']);
    });
});
