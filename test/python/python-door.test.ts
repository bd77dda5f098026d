/**
 * The Python door (language/src/python): Keras code in every form the importer reads gives the
 * same models as its `.rnn` import (summary --json equal), diagnostics stand on the Python call
 * they are about, quick fixes edit Python that python3 still parses, and code the door cannot
 * follow gets at most one information note, never an error.
 */
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { documentSummaryJson } from '../../language/src/format/summary-json.js';
import { analyzeNotebook, analyzePython } from '../../language/src/python/index.js';
import { applyEdits } from '../helpers/apply-edits.js';
import { importPython, pythonSyntaxErrors } from '../keras/keras-helpers.js';

/** The `.rnn` import's summary JSON beside the door's, for the same code. */
function bothWays(code: string) {
    const imported = importPython(code);
    const viaImport = documentSummaryJson(analyzeText(imported.text));
    const viaDoor = documentSummaryJson(analyzePython(code).analysis);
    return { viaImport, viaDoor, warnings: imported.warnings };
}

const FORMS: Array<[string, string]> = [
    ['Sequential() then model.add', 'from tensorflow.keras.models import Sequential\nfrom tensorflow.keras.layers import Input, LSTM, GRU, Dense\nmodel = Sequential()\nmodel.add(Input(shape=(21, 9)))\nmodel.add(LSTM(30, return_sequences=True))\nmodel.add(GRU(10))\nmodel.add(Dense(1))'],
    ['Sequential([...])', 'from keras import Sequential\nfrom keras.layers import Input, LSTM, GRU, Dense\nm = Sequential([Input(shape=(21, 9)), LSTM(30, return_sequences=True), GRU(10), Dense(1)])'],
    ['keras.Sequential with layers.X', 'import keras\nfrom keras import layers\nm = keras.Sequential([\n    keras.Input(shape=(21, 9)),\n    layers.LSTM(30, return_sequences=True),\n    layers.GRU(10),\n    layers.Dense(1),\n])'],
    ['tf.keras.layers.X', 'import tensorflow as tf\nm = tf.keras.Sequential([tf.keras.Input(shape=(21, 9)), tf.keras.layers.LSTM(30, return_sequences=True), tf.keras.layers.GRU(10), tf.keras.layers.Dense(1)])'],
    ['layers= keyword', 'import keras\nm = keras.models.Sequential(layers=[keras.layers.Input(shape=(21, 9)), keras.layers.LSTM(30, return_sequences=True), keras.layers.GRU(10), keras.layers.Dense(1)])'],
    ['aliased module and InputLayer', 'from tensorflow.keras import layers as L, Sequential\nm = Sequential()\nm.add(L.InputLayer(input_shape=(21, 9)))\nm.add(L.LSTM(30, return_sequences=True))\nm.add(L.GRU(10))\nm.add(L.Dense(1))'],
    ['aliased layer names', 'from keras.layers import LSTM as Lstm, Dense as D\nfrom keras.models import Sequential\nm = Sequential([Lstm(12, input_shape=(5, 2)), D(3)])'],
    ['bare names without imports', 'm = Sequential()\nm.add(LSTM(30, return_sequences=True, input_shape=(21, 9)))\nm.add(GRU(10))\nm.add(Dense(1))'],
    ['a with block', 'import tensorflow as tf\nwith tf.device("/GPU:0"):\n    m = tf.keras.Sequential([tf.keras.Input(shape=(21, 9)), tf.keras.layers.LSTM(30, return_sequences=True)])\n    m.add(tf.keras.layers.GRU(10))\nm.add(tf.keras.layers.Dense(1))'],
    ['model.build', 'm = Sequential([LSTM(8), Dense(1)])\nm.build((None, 12, 3))'],
    ['constants and arithmetic', 'n_steps = 7 * 3\nn_features = 9\nunits = (n_steps + 9) // 2\nrate = 1e-1\nm = Sequential([LSTM(units, input_shape=(n_steps, n_features)), Dropout(rate), Dense(1)])'],
    ['reassigned constants', 'n = 4\nm1 = Sequential([Dense(n, input_shape=(3,))])\nn += 1\nm2 = Sequential([Dense(n, input_shape=(3,))])'],
    ['wrappers and a layer variable', 'from keras import layers\ninner = layers.LSTM(8)\nm = Sequential([layers.Bidirectional(inner, input_shape=(5, 2)), layers.Dense(1)])'],
    ['convolutions and pooling aliases', 'm = Sequential([Conv1D(4, 2, input_shape=(10, 3), padding="causal"), MaxPool1D(), GlobalAvgPool1D()])'],
    ['compile and fit', 'from keras.callbacks import EarlyStopping\nes = EarlyStopping(patience=3, restore_best_weights=True)\nm = Sequential([LSTM(8, input_shape=(5, 2)), Dense(1)])\nm.compile(optimizer=keras.optimizers.Adam(1e-3), loss="mse", metrics=["mae"])\nm.fit(X, y, epochs=20, batch_size=16, validation_split=0.2, callbacks=[es])'],
    ['a model re-bound to a new one', 'model = Sequential([LSTM(4, input_shape=(3, 2))])\nmodel = Sequential([GRU(6, input_shape=(3, 2)), Dense(1)])'],
    ['Sequential(name=...)', 'm = Sequential([Dense(2, input_shape=(4,))], name="tiny")']
];

describe('every form the importer reads gives the same summary --json as the import', () => {
    it.each(FORMS)('%s', (_, code) => {
        const { viaImport, viaDoor, warnings } = bothWays(code);
        expect(warnings).toEqual([]);
        expect(viaDoor.models.length).toBeGreaterThan(0);
        expect(viaDoor).toEqual(viaImport);
    });

    it('reads compile and fit into the model, the data arguments left out', () => {
        const model = analyzePython(FORMS.find(f => f[0] === 'compile and fit')![1]).description.models[0];
        expect(model.compile?.args.loss).toBe('mse');
        expect(model.fit?.args.epochs).toBe(20);
        expect(model.fit?.args.batch_size).toBe(16);
        expect(model.fit?.given).not.toContain('x');
        expect(JSON.stringify(model.fit?.args.callbacks)).toContain('EarlyStopping');
    });
});

describe('diagnostics stand on the Python call', () => {
    const code = 'from keras import layers, Sequential\n\nmodel = Sequential()\nmodel.add(layers.LSTM(30, input_shape=(21, 9)))\nmodel.add(layers.LSTM(20))\nmodel.add(layers.Dense(1))\n';

    it('missing-return-sequences on the second LSTM, with a fix that adds the argument to the first call only', () => {
        const { analysis } = analyzePython(code);
        const found = analysis.diagnostics.find(d => d.code === 'missing-return-sequences')!;
        expect(found.severity).toBe('error');
        expect(found.range.start).toEqual({ line: 4, character: 17 });
        expect(code.split('\n')[4].slice(found.range.start.character, found.range.end.character)).toBe('LSTM');
        const fixed = applyEdits(code, found.fixes![0].edits);
        expect(fixed).toBe(code.replace('input_shape=(21, 9))', 'input_shape=(21, 9), return_sequences=True)'));
        expect(pythonSyntaxErrors([fixed])).toEqual(['']);
        expect(analyzePython(fixed).analysis.diagnostics).toEqual([]);
    });

    it('the fixes for a missing input shape, a misspelt layer and argument, and a long kernel keep the Python valid', () => {
        const cases = [
            'model = Sequential()\nmodel.add(LSTM(30))\nmodel.add(Dense(1))\n',
            'import keras\nmodel = keras.Sequential([keras.layers.LTSM(30, input_shape=(21, 9)), keras.layers.Dense(1)])\n',
            'model = Sequential()\nmodel.add(LSTM(30, input_shape=(21, 9), return_sequence=True))\nmodel.add(LSTM(1))\n',
            'model = Sequential()\nmodel.add(MaxPooling1D(2, input_shape=(5, 2)))\nmodel.add(Flatten())\n'
        ];
        const fixedTexts: string[] = [];
        for (const text of cases) {
            // Every diagnostic with a fix: the missing input shape is an information note in Python (Keras builds the model at its first call).
            const errors = analyzePython(text).analysis.diagnostics.filter(d => d.fixes?.length);
            expect(errors.length, text).toBeGreaterThan(0);
            for (const d of errors) {
                const fixed = applyEdits(text, d.fixes![0].edits);
                fixedTexts.push(fixed);
                // Only the fixed call changes: every other line stays byte-identical.
                const before = text.split('\n');
                const after = fixed.split('\n');
                expect(after.filter(l => !before.includes(l)).length, fixed).toBeLessThanOrEqual(2);
            }
        }
        expect(fixedTexts.some(t => t.includes('keras.layers.LSTM(30'))).toBe(true);
        expect(fixedTexts.some(t => t.includes('return_sequences=True'))).toBe(true);
        expect(fixedTexts.some(t => t.includes('padding="same"'))).toBe(true);
        expect(fixedTexts.some(t => /LSTM\(30, input_shape=\(None, \d+\)\)|input_shape=/.test(t))).toBe(true);
        expect(pythonSyntaxErrors(fixedTexts)).toEqual(fixedTexts.map(() => ''));
    });

    it('puts Input(...) first as model.add(Input(...)) where a fix inserts a layer', () => {
        const text = 'model = Sequential()\nmodel.add(Embedding(100, 8, input_length=12))\nmodel.add(LSTM(4))\n';
        const d = analyzePython(text).analysis.diagnostics.find(x => x.code === 'missing-input-shape')!;
        const fixed = applyEdits(text, d.fixes![0].edits);
        expect(fixed).toBe('model = Sequential()\nmodel.add(Input(shape=(12,)))\nmodel.add(Embedding(100, 8))\nmodel.add(LSTM(4))\n');
        const list = 'model = keras.Sequential([\n    layers.Embedding(100, 8, input_length=12),\n    layers.LSTM(4),\n])\n';
        const inList = analyzePython(list).analysis.diagnostics.find(x => x.code === 'missing-input-shape')!;
        const fixedList = applyEdits(list, inList.fixes![0].edits);
        expect(fixedList).toBe('model = keras.Sequential([\n    layers.Input(shape=(12,)),\n    layers.Embedding(100, 8),\n    layers.LSTM(4),\n])\n');
        expect(pythonSyntaxErrors([fixed, fixedList])).toEqual(['', '']);
    });
});

describe('quiet where it cannot follow', () => {
    const quiet = (code: string) => analyzePython(code).analysis.diagnostics;

    it('says nothing about Python without a Sequential model, nor about the functional API or subclassing', () => {
        expect(analyzePython('import os\nx = 1\nfor i in range(3):\n    print(i)\n').description.models).toEqual([]);
        expect(quiet('import keras\ninputs = keras.Input(shape=(3,))\nx = keras.layers.Dense(4)(inputs)\nmodel = keras.Model(inputs, x)\n')).toEqual([]);
        expect(quiet('import keras\nclass M(keras.Model):\n    def __init__(self):\n        super().__init__()\n        self.d = keras.layers.Dense(3)\n    def call(self, x):\n        return self.d(x)\nmodel = M()\n')).toEqual([]);
    });

    it.each([
        ['a layer added in a loop', 'model = Sequential([LSTM(8, return_sequences=True, input_shape=(5, 2))])\nfor _ in range(3):\n    model.add(LSTM(8, return_sequences=True))\nmodel.add(LSTM(4))\nmodel.add(Dense(1))\n', 'a for block'],
        ['a layer added by a function of the code', 'def add_block(m):\n    m.add(Dense(4))\nmodel = Sequential([Dense(8, input_shape=(3,))])\nadd_block(model)\nmodel.add(Dense(1))\n', 'add_block'],
        ['a custom layer', 'class MyLayer(keras.layers.Layer):\n    pass\nmodel = Sequential([LSTM(8, input_shape=(5, 2)), MyLayer(), Dense(1)])\n', 'MyLayer'],
        ['an argument computed at run time', 'import sys\nunits = int(sys.argv[1])\nmodel = Sequential([LSTM(units, input_shape=(X.shape[1], 2)), Dense(1)])\n', 'computed when the code runs'],
        ['a real Keras layer outside the catalog', 'model = Sequential([Conv2D(8, 3, input_shape=(28, 28, 1)), Flatten(), Dense(1)])\n', 'Conv2D']
    ])('%s: one information note on the model line, no error', (_, code, why) => {
        const diagnostics = quiet(code);
        expect(diagnostics.map(d => d.code)).toEqual(['not-followed']);
        expect(diagnostics[0].severity).toBe('information');
        expect(diagnostics[0].message).toContain(why);
        const line = code.split('\n')[diagnostics[0].range.start.line];
        expect(line.slice(diagnostics[0].range.start.character)).toMatch(/^model = /);
    });

    it('reads the models around a syntax error, and half-typed code', () => {
        const code = 'a = Sequential([Dense(2, input_shape=(3,))])\nb = Sequential([Dense(3, input_shape=(\nc = Sequential([Dense(4, input_shape=(3,))])\ndef broken(:\n    pass\nd = Sequential([Dense(5, input_shape=(3,))])\n';
        const { analysis, pyNames } = analyzePython(code);
        expect(pyNames).toEqual(['a', 'c', 'd']);
        expect(analysis.models.map(m => m.totals.total)).toEqual([8, 16, 20]);
        expect(analysis.diagnostics).toEqual([]);
    });
});

describe('Keras version from the code', () => {
    const version = (code: string, keras?: 2 | 3) => analyzePython(`${code}\nm = Sequential([Dense(1, input_shape=(2,))])\n`, { keras }).analysis.keras;
    it('is 3 by default, 2 with tf_keras or TF_USE_LEGACY_KERAS set before the imports, and the setting wins', () => {
        expect(version('import keras')).toBe(3);
        expect(version('import tf_keras as keras')).toBe(2);
        expect(version('import os\nos.environ["TF_USE_LEGACY_KERAS"] = "1"\nimport tensorflow as tf')).toBe(2);
        expect(version('import tensorflow as tf\nimport os\nos.environ["TF_USE_LEGACY_KERAS"] = "1"')).toBe(3);
        expect(version('import tf_keras', 3)).toBe(3);
        expect(version('import keras', 2)).toBe(2);
    });

    it('reads tf_keras.layers names as Keras', () => {
        const { description } = analyzePython('import tf_keras as keras\nm = keras.Sequential([keras.layers.LSTM(4, input_shape=(3, 2))])\n');
        expect(description.models[0].layers[0].kind).toBe('LSTM');
    });
});

describe('notebooks', () => {
    const cells = [
        { text: '# A title', kind: 'markdown' },
        { text: '!pip install keras\n%matplotlib inline\nSTEPS = 21\nFEATURES = 9' },
        { text: '%%bash\necho model = Sequential()' },
        { text: 'model = Sequential()\nmodel.add(LSTM(30, input_shape=(STEPS, FEATURES)))\nmodel.add(LSTM(1))' },
        { text: 'model = Sequential()\nmodel.add(GRU(4, input_shape=(STEPS, FEATURES)))' }
    ];

    it('reads constants of earlier cells, a variable re-bound in a later cell, and maps ranges to cells', () => {
        const { analysis, map, pyNames } = analyzeNotebook(cells);
        expect(pyNames).toEqual(['model', 'model']);
        expect(analysis.models[0].totals.total).toBe(4 * (30 * (9 + 30) + 30));
        expect(analysis.models[1].totals).toEqual(analyzeText('model A {\n    GRU(4, input_shape=(21, 9))\n}').models[0].totals);
        const d = analysis.diagnostics.find(x => x.code === 'missing-return-sequences')!;
        const at = map.toCellRange(d.range);
        expect(at.cell).toBe(3);
        expect(at.range.start).toEqual({ line: 2, character: 10 });
        const edit = d.fixes![0].edits[0];
        expect(map.toCellRange(edit.range)).toEqual({ cell: 3, range: { start: { line: 1, character: 48 }, end: { line: 1, character: 48 } } });
        expect(map.fromCell(3, { line: 2, character: 10 })).toEqual(d.range.start);
    });
});
