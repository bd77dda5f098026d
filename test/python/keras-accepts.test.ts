/**
 * Code that real Keras accepts gets no error from the Python door (the false positives Keras's own
 * test files showed, test/fixtures/keras-tests/); what Keras refuses still gets one. What Keras
 * 3.15.1 did with each form is in the comments beside it.
 */
import { describe, expect, it } from 'vitest';
import { analyzePython } from '../../language/src/python/index.js';
import { analyzeText } from '../../language/src/analyze-text.js';

const HEAD = 'import keras\nfrom keras import layers\n';

function loud(code: string): string[] {
    return analyzePython(HEAD + code).analysis.diagnostics.filter(d => d.severity === 'error' || d.severity === 'warning').map(d => `${d.severity} ${d.code}`);
}

function shapes(code: string) {
    return analyzePython(HEAD + code).analysis.models.map(m => m.layers.map(l => l.output ?? null));
}

describe('a model without an input shape', () => {
    // Keras builds it at its first call; model.summary() before then shows "?" and "0 (unbuilt)".
    const code = 'model = keras.Sequential([layers.Dense(4), layers.Dense(1)])\nmodel.compile(optimizer="adam", loss="mse")\nmodel.fit(x, y)\n';

    it('gets an information note with the fix, not an error', () => {
        const d = analyzePython(HEAD + code).analysis.diagnostics;
        expect(d.map(x => `${x.severity} ${x.code}`)).toEqual(['information missing-input-shape']);
        expect(d[0].message).toMatch(/Keras builds it when it is first called on data/);
        expect(d[0].fixes?.[0].title).toMatch(/Add input_shape=/);
    });

    it('is still an error in a .rnn file, where no code ever calls the model', () => {
        const analysis = analyzeText('model A {\n    Dense(4)\n    Dense(1)\n}\n');
        expect(analysis.diagnostics.map(x => `${x.severity} ${x.code}`)).toEqual(['error missing-input-shape']);
    });
});

describe('layers and models kept in variables', () => {
    it('a Keras layer outside the catalog (SpectralNormalization) is not followed, not unknown-layer', () => {
        expect(loud('sn = layers.SpectralNormalization(layers.Conv2D(3, (2, 2)))\nmodel = keras.Sequential([keras.Input(shape=(8, 8, 3)), sn])\n')).toEqual([]);
    });

    it('a functional Model as a layer is not followed, not unknown-layer', () => {
        expect(loud('inputs = keras.Input(shape=(3,))\nf = keras.Model(inputs=inputs, outputs=layers.Dense(2)(inputs))\nmodel = keras.Sequential([f, layers.Dense(1)])\n')).toEqual([]);
    });

    it('a misspelt layer in a variable is still reported, with the catalog layer meant', () => {
        const d = analyzePython(`${HEAD}l = layers.LSTMM(4)\nmodel = keras.Sequential([keras.Input(shape=(3, 2)), l])\n`).analysis.diagnostics;
        expect(d.map(x => `${x.severity} ${x.code}`)).toEqual(['error unknown-layer']);
        expect(d[0].message).toMatch(/Did you mean "LSTM"/);
    });

    it('a catalog layer in a variable is followed', () => {
        expect(shapes('l = layers.LSTM(4)\nmodel = keras.Sequential([keras.Input(shape=(3, 2)), l])\n')).toEqual([[[null, 4]]]);
    });
});

describe('build() after an Input', () => {
    // Keras keeps the Input (and refuses a build((3, 4)) that disagrees: "already been configured").
    it('keeps the Input: no misplaced-Input warning, the Input\'s batch size in the shapes', () => {
        const code = 'model = keras.Sequential()\nmodel.add(keras.Input(shape=(2,), batch_size=3))\nmodel.add(layers.Dense(2))\nmodel.build((3, 2))\n';
        expect(loud(code)).toEqual([]);
        expect(shapes(code)).toEqual([[[3, 2]]]);
    });

    it('a build() of a model with no input still gives it its input', () => {
        expect(shapes('model = keras.Sequential()\nmodel.add(layers.Dense(2))\nmodel.build((None, 7))\n')).toEqual([[[null, 2]]]);
    });
});

describe('compile and fit with what Keras has and RNN Lens does not train with', () => {
    const model = 'model = keras.Sequential([keras.Input(shape=(3, 2)), layers.LSTM(4), layers.Dense(1)])\n';

    it.each([
        ['optimizer=keras.optimizers.Muon(...)', 'model.compile(optimizer=keras.optimizers.Muon(learning_rate=1e-3), loss="mse")'],
        ['an optimizer kept in a variable', 'opt = keras.optimizers.ScheduleFreeAdamW(learning_rate=0.01)\nmodel.compile(optimizer=opt, loss="mse")'],
        ['loss="crossentropy" (compile reads it itself)', 'model.compile(optimizer="adam", loss="crossentropy")'],
        ['callbacks=[RemoteMonitor(...)]', 'model.fit(x, y, callbacks=[keras.callbacks.RemoteMonitor(path="/x")])']
    ])('%s: no error', (_title, code) => {
        expect(loud(model + code + '\n')).toEqual([]);
    });

    it('keeps the callbacks RNN Lens trains with beside one it does not (EarlyStopping beside RemoteMonitor)', () => {
        const code = `${HEAD}${model}model.fit(x, y, epochs=4, callbacks=[keras.callbacks.RemoteMonitor(), keras.callbacks.EarlyStopping(patience=2)])\n`;
        const { description, analysis } = analyzePython(code);
        expect(analysis.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
        const fit = description.models[0].fit!;
        expect(fit.args.epochs).toBe(4);
        expect(JSON.stringify(fit.args.callbacks)).toContain('EarlyStopping');
        expect(JSON.stringify(fit.args.callbacks)).not.toContain('RemoteMonitor');
    });

    it('names Keras does not have either are still reported', () => {
        expect(loud(`${model}model.compile(optimizer="adamm", loss=keras.losses.Hubber())\n`)).toEqual(['error invalid-argument', 'error invalid-argument']);
    });

    it('what RNN Lens trains with is still read for the panel', () => {
        const described = analyzePython(`${HEAD}${model}model.compile(optimizer="sgd", loss="mae")\n`).description.models[0];
        expect(described.compile?.args.optimizer).toBe('sgd');
        expect(described.compile?.args.loss).toBe('mae');
    });
});
