/**
 * Which Keras class a call makes (language/src/python/keras-callee.ts): the one reading that the
 * Python door's records and `rnn-lens import` share, so both take and refuse the same calls.
 */
import { describe, expect, it } from 'vitest';
import { KerasNames } from '../../language/src/keras/import-names.js';
import { parsePythonExpression } from '../../language/src/keras/python-parse.js';
import { kerasCallee } from '../../language/src/python/keras-callee.js';

function calleeOf(code: string, imports: Array<[string, string]> = []) {
    const names = new KerasNames();
    names.addImports(imports.map(([local, path]) => ({ local, path })));
    const call = parsePythonExpression(code);
    if (call.type !== 'call') throw new Error(`not a call: ${code}`);
    return kerasCallee(names, call.callee);
}

describe('kerasCallee', () => {
    it('names a catalog layer by its kind, through aliases and modules, with the keywords its alias renames', () => {
        expect(calleeOf('layers.MaxPool1D()', [['layers', 'keras.layers']])).toMatchObject({ kind: 'layer', name: 'MaxPooling1D', renames: {} });
        const input = calleeOf('L.InputLayer(input_shape=(3, 2))', [['L', 'tensorflow.keras.layers']]);
        expect(input).toMatchObject({ kind: 'layer', resolved: { name: 'InputLayer', keras: true } });
        expect(input.kind === 'layer' && input.renames).toMatchObject({ input_shape: 'shape' });
        expect(input.kind === 'layer' && input.layer.name).toBe(input.kind === 'layer' && input.name);
    });

    it('takes other Keras classes by name (optimizers, callbacks, layers beyond the catalog)', () => {
        expect(calleeOf('keras.optimizers.Adam(1e-3)', [['keras', 'keras']])).toEqual({ kind: 'class', resolved: { name: 'Adam', keras: true }, name: 'Adam' });
        expect(calleeOf('EarlyStopping(patience=3)')).toMatchObject({ kind: 'class', name: 'EarlyStopping' });
    });

    it('refuses a layer applied to a tensor, a class of the code or of another library, and a Keras function', () => {
        expect(calleeOf('Dense(3)(x)')).toEqual({ kind: 'functional' });
        expect(calleeOf('Dense(3)', [['Dense', 'mylib.Dense']])).toEqual({ kind: 'not-keras', resolved: { name: 'Dense', keras: false } });
        expect(calleeOf('items[0](3)')).toEqual({ kind: 'not-keras' });
        expect(calleeOf('keras.ops.sum(x)', [['keras', 'keras']])).toEqual({ kind: 'not-class', resolved: { name: 'sum', keras: true } });
    });
});
