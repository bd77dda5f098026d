/**
 * `rnn-lens import`'s reading of Keras code, style by style: how the model is made, how layers
 * are named, where the input shape comes from, constants, compile and fit, model names, and what
 * it refuses (kept as a comment, with a warning naming the line). Broken Python is an error with its line.
 */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { PythonSyntaxError } from '../../language/src/keras/python-ast.js';
import { expectNoErrors, importPython } from './keras-helpers.js';

/** The body of the only model of an import, one call per line. */
function body(code: string): string[] {
    const result = importPython(code);
    expect(result.warnings).toEqual([]);
    expectNoErrors(result.text);
    const match = /model \w+ \{\n([\s\S]*?)\n\}/.exec(result.text);
    return match![1].split('\n').map(l => l.trim());
}

const LSTM_MODEL = ['Input(shape=(21, 9))', 'LSTM(30, return_sequences=True)', 'GRU(10)', 'Dense(1)'];

describe('the ways a Sequential model is written', () => {
    it.each([
        ['Sequential() then model.add', 'from tensorflow.keras.models import Sequential\nfrom tensorflow.keras.layers import Input, LSTM, GRU, Dense\nmodel = Sequential()\nmodel.add(Input(shape=(21, 9)))\nmodel.add(LSTM(30, return_sequences=True))\nmodel.add(GRU(10))\nmodel.add(Dense(1))'],
        ['Sequential([...])', 'from keras import Sequential\nfrom keras.layers import Input, LSTM, GRU, Dense\nm = Sequential([Input(shape=(21, 9)), LSTM(30, return_sequences=True), GRU(10), Dense(1)])'],
        ['keras.Sequential with layers.X', 'import keras\nfrom keras import layers\nm = keras.Sequential([\n    keras.Input(shape=(21, 9)),\n    layers.LSTM(30, return_sequences=True),\n    layers.GRU(10),\n    layers.Dense(1),\n])'],
        ['tf.keras.Sequential with tf.keras.layers.X', 'import tensorflow as tf\nm = tf.keras.Sequential([tf.keras.Input(shape=(21, 9)), tf.keras.layers.LSTM(30, return_sequences=True), tf.keras.layers.GRU(10), tf.keras.layers.Dense(1)])'],
        ['keras.layers.X with layers=', 'import keras\nm = keras.models.Sequential(layers=[keras.layers.Input(shape=(21, 9)), keras.layers.LSTM(30, return_sequences=True), keras.layers.GRU(10), keras.layers.Dense(1)])'],
        ['an aliased layers module', 'from tensorflow.keras import layers as L, Sequential\nm = Sequential()\nm.add(L.InputLayer(input_shape=(21, 9)))\nm.add(L.LSTM(30, return_sequences=True))\nm.add(L.GRU(10))\nm.add(L.Dense(1))'],
        ['a with block', 'import tensorflow as tf\nwith tf.device("/GPU:0"):\n    m = tf.keras.Sequential([tf.keras.Input(shape=(21, 9)), tf.keras.layers.LSTM(30, return_sequences=True)])\n    m.add(tf.keras.layers.GRU(10))\nm.add(tf.keras.layers.Dense(1))']
    ])('%s', (_, code) => {
        expect(body(code)).toEqual(LSTM_MODEL);
    });

    it('takes input_shape= on the first layer, and on the wrapper for Bidirectional', () => {
        expect(body('m = Sequential()\nm.add(Bidirectional(LSTM(8), input_shape=(5, 2)))\nm.add(Dense(1))'))
            .toEqual(['Bidirectional(LSTM(8), input_shape=(5, 2))', 'Dense(1)']);
        expect(body('m = Sequential([Conv1D(4, 2, input_shape=(10, 3), padding="causal"), MaxPool1D(), GlobalAvgPool1D()])'))
            .toEqual(['Conv1D(4, 2, input_shape=(10, 3), padding="causal")', 'MaxPooling1D()', 'GlobalAveragePooling1D()']);
    });

    it('reads model.build((None, steps, features)) as the input', () => {
        expect(body('m = Sequential([LSTM(8), Dense(1)])\nm.build((None, 12, 3))')).toEqual(['Input(batch_shape=(None, 12, 3))', 'LSTM(8)', 'Dense(1)']);
    });
});

describe('constants', () => {
    it('become lets, with their arithmetic and their names in the arguments', () => {
        const { text } = importPython('n_steps = 7 * 3\nn_features = 9\nunits = (n_steps + 9) // 2\nrate = 1e-1\nm = Sequential([LSTM(units, input_shape=(n_steps, n_features)), Dropout(rate), Dense(1)])');
        expect(text).toContain('let n_steps = 7 * 3\nlet n_features = 9\nlet units = (n_steps + 9) // 2\nlet rate = 1e-1\n');
        expect(text).toContain('LSTM(units, input_shape=(n_steps, n_features))');
        expect(analyzeText(text).models[0].layers[0].output).toEqual([null, 15]);
    });

    it('follow reassignment: n += 1 and a value used again keep to the let of that value', () => {
        const { text } = importPython('n = 4\nm1 = Sequential([Dense(n, input_shape=(3,))])\nn += 1\nm2 = Sequential([Dense(n, input_shape=(3,))])\nn = 4\nm3 = Sequential([Dense(n, input_shape=(3,))])');
        expect(text).toContain('let n = 4\n');
        expect(text).toContain('let n_2 = n + 1\n');
        expect(text.match(/Dense\(\w+/g)).toEqual(['Dense(n', 'Dense(n_2', 'Dense(n']);
    });

    it('are read as Python reads literals: quotes, prefixes, joined strings, hex and underscores', () => {
        const { text } = importPython('a = \'relu\'\nb = "x" \'y\'\nc = r\'\\d\'\nd = \'\'\'tanh\'\'\'\ne = 0x10\nf = 1_000\ng = True\nh = None\ni = -2.5e-3\nj = u"\\u00e9"');
        expect(text).toContain('let a = "relu"\nlet b = "xy"\nlet c = "\\\\d"\nlet d = "tanh"\nlet e = 16\nlet f = 1_000\nlet g = True\nlet h = None\nlet i = -2.5e-3\nlet j = "é"\n');
        expect(Object.fromEntries(analyzeText(text).description.constants.map(c => [c.name, c.value])))
            .toEqual({ a: 'relu', b: 'xy', c: '\\d', d: 'tanh', e: 16, f: 1000, g: true, h: null, i: -0.0025, j: 'é' });
    });

    it('a constant that a loop or branch may reassign is no longer a constant after it', () => {
        const result = importPython('units = 8\nsteps = 5\nfor units in [16, 32]:\n    print(units, steps)\nm = Sequential([LSTM(units, input_shape=(steps, 2))])');
        expect(result.warnings[0]).toEqual({ where: 'line 5', message: expect.stringContaining('units is left out of LSTM(...): units is not a constant of the code') });
        expect(result.text).toContain('LSTM(input_shape=(steps, 2))');
    });

    it('a constant assigned after the model is created is written before the model that uses it', () => {
        const { text } = importPython('m = Sequential()\nunits = 16\nm.add(LSTM(units, input_shape=(4, 2)))');
        expect(text.indexOf('let units = 16')).toBeLessThan(text.indexOf('model m {'));
        expectNoErrors(text);
    });
});

describe('compile and fit', () => {
    it('keep the optimizer, loss, metrics and the EarlyStopping of a variable, without x and y', () => {
        const result = importPython([
            'from tensorflow.keras.callbacks import EarlyStopping',
            'from tensorflow.keras.optimizers import Adam',
            'EPOCHS = 50',
            'es = EarlyStopping(monitor="val_loss", patience=5, restore_best_weights=True)',
            'model = Sequential([LSTM(8, input_shape=(5, 2)), Dense(1)])',
            'model.compile(optimizer=Adam(learning_rate=0.001), loss="mse", metrics=["mae"])',
            'history = model.fit(X_train, y_train, 16, EPOCHS, validation_data=(X_val, y_val), callbacks=[es], verbose=0)'
        ].join('\n'));
        expect(result.warnings).toEqual([]);
        expect(result.text).toContain('    compile(optimizer=Adam(learning_rate=0.001), loss="mse", metrics=["mae"])\n');
        expect(result.text).toContain('    # fit(X_train, y_train, validation_data=(X_val, y_val), ...): in RNN Lens the data comes from data(...).\n');
        expect(result.text).toContain('    fit(batch_size=16, epochs=EPOCHS, callbacks=[EarlyStopping(monitor="val_loss", patience=5, restore_best_weights=True)], verbose=0)\n');
        const fit = analyzeText(result.text).models[0].description.fit!;
        expect(fit.args.epochs).toBe(50);
        expect(fit.args.batch_size).toBe(16);
    });

    it('qualified optimizers and callbacks become their class names', () => {
        const { text } = importPython('import tensorflow as tf\nm = tf.keras.Sequential([tf.keras.layers.Dense(1, input_shape=(3,))])\nm.compile(optimizer=tf.keras.optimizers.SGD(0.01), loss=tf.keras.losses.MeanSquaredError())\nm.fit(x, y, callbacks=[tf.keras.callbacks.EarlyStopping(patience=2)])');
        expect(text).toContain('compile(optimizer=SGD(0.01), loss=MeanSquaredError())');
        expect(text).toContain('fit(callbacks=[EarlyStopping(patience=2)])');
        expectNoErrors(text);
    });
});

describe('model names', () => {
    it('are the variable, numbered when it repeats or is a .rnn keyword, or Sequential(name=...)', () => {
        const one = importPython('model = Sequential([Dense(1, input_shape=(2,))])');
        expect(one.models).toEqual(['model_1']);
        const several = importPython('a = Sequential([Dense(1, input_shape=(2,))])\nb = Sequential([Dense(2, input_shape=(2,))])\na = Sequential([Dense(3, input_shape=(2,))])\nc = Sequential([Dense(4, input_shape=(2,))], name="Forecaster")');
        expect(several.models).toEqual(['a_1', 'b', 'a_2', 'Forecaster']);
        expect(analyzeText(several.text).models.map(m => m.layers[0].output)).toEqual([[null, 1], [null, 2], [null, 3], [null, 4]]);
    });
});

describe('what cannot be translated is kept as a comment, with a warning naming the line', () => {
    it('the functional API', () => {
        const result = importPython('import keras\ninputs = keras.Input(shape=(10, 2))\nx = keras.layers.LSTM(4)(inputs)\nmodel = keras.Model(inputs, x)');
        expect(result.models).toEqual([]);
        expect(result.warnings.map(w => w.where)).toEqual(['line 2', 'line 3', 'line 4', 'test.py']);
        expect(result.warnings[1].message).toContain('functional-API');
        expect(result.text).toContain('# line 3: functional-API code');
        expect(result.text).toContain('#     x = keras.layers.LSTM(4)(inputs)');
    });

    it('a custom layer, in its place in the model', () => {
        const result = importPython('from mylayers import Attention\nm = Sequential()\nm.add(LSTM(8, input_shape=(5, 2), return_sequences=True))\nm.add(Attention(8))\nm.add(Dense(1))');
        expect(result.warnings).toEqual([{ where: 'line 4', message: expect.stringContaining('Attention is not a layer RNN Lens knows') }]);
        const lines = result.text.split('\n');
        const comment = lines.findIndex(l => l.includes('# line 4: Attention'));
        expect(lines[comment - 1].trim()).toBe('LSTM(8, input_shape=(5, 2), return_sequences=True)');
        expect(lines[comment + 1].trim()).toBe('#     Attention(8)');
        expect(lines[comment + 2].trim()).toBe('Dense(1)');
    });

    it('a computed argument: left out, the positional ones after it given by keyword', () => {
        const result = importPython('m = Sequential()\nm.add(Conv1D(X.shape[2] * 2, 3, input_shape=(X.shape[1], X.shape[2])))');
        expect(result.warnings.slice(0, 2).map(w => [w.where, w.message.split(':')[0]])).toEqual([
            ['line 2', 'X.shape[2] * 2 is left out of Conv1D(...)'],
            ['line 2', 'input_shape=(X.shape[1], X.shape[2]) is left out of Conv1D(...)']
        ]);
        expect(result.text).toContain('    Conv1D(kernel_size=3)\n');
        // The .rnn result says what is now missing, on the line of the Conv1D.
        const conv = result.text.split('\n').findIndex(l => l.trim() === 'Conv1D(kernel_size=3)') + 1;
        expect(result.warnings[2]).toMatchObject({ where: `the .rnn result, line ${conv}`, message: expect.stringContaining('missing-argument: Conv1D needs "filters"') });
    });

    it('a model built in a function, and a layer added to something that is not a model', () => {
        const result = importPython('def build(units):\n    model = Sequential()\n    model.add(LSTM(units))\n    return model\n\nother.add(Dense(3))');
        expect(result.warnings.map(w => w.where)).toEqual(['line 1', 'line 6', 'test.py']);
        expect(result.text).toContain('#     def build(units):\n#         model = Sequential()\n');
    });

    it('a model trained in a loop', () => {
        const result = importPython('m = Sequential([Dense(1, input_shape=(2,))])\nfor fold in range(3):\n    m.fit(X[fold], y[fold], epochs=5)\n');
        expect(result.warnings).toEqual([{ where: 'line 2', message: expect.stringContaining('this for block builds or changes a Keras model') }]);
        expect(result.text).toContain('#     for fold in range(3):\n#         m.fit(X[fold], y[fold], epochs=5)\n');
    });

    it('but code that does not touch a model is passed over in silence', () => {
        const result = importPython('import pandas as pd\ndf = pd.read_csv("x.csv")\nfor i in range(3):\n    print(i)\nm = Sequential([Dense(1, input_shape=(2,))])\nm.summary()\nm.evaluate(x, y)');
        expect(result.warnings).toEqual([]);
        expect(result.text).not.toContain('#     ');
    });
});

describe('broken Python', () => {
    it.each([
        ['an unclosed bracket', 'import keras\nm = keras.Sequential()\nm.add(keras.layers.LSTM(30,\nm.add(keras.layers.Dense(1))\n', 3, '\'(\' was never closed'],
        ['a stray token', 'n = 21\nm = Sequential()\nm.add(Dense(1)))\n', 3, 'invalid syntax'],
        ['a bad assignment', 'x = = 3\n', 1, 'invalid syntax near "="'],
        ['an unexpected indent', 'x = 1\n    y = 2\n', 2, 'unexpected indent'],
        ['an unexpected indent in a block', 'def f():\n    a = 1\n    if a:\n        b = 2\n          c = 3\n', 5, 'unexpected indent'],
        ['a missing block', 'if x:\ny = 2\n', 2, 'invalid syntax']
    ])('%s is an error naming its line', (_, code, line, words) => {
        let error: unknown;
        try {
            importPython(code);
        } catch (e) {
            error = e;
        }
        expect(error).toBeInstanceOf(PythonSyntaxError);
        expect((error as PythonSyntaxError).line).toBe(line);
        expect((error as Error).message).toMatch(new RegExp(`^line ${line}, column \\d+: .*${words.replace(/[()[\]]/g, '\\$&')}`));
    });
});
