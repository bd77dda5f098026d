/**
 * Each known Keras 3 / Keras 2 difference under both targets: what Keras 3 did with it
 * (test/fixtures/keras-versions/keras3-differences.txt, real Keras 3.15: its error, or the shapes
 * and counts of its summary), and what tf-keras's source says Keras 2 does (keras2-source.md).
 * The target refusing the code gives an error quoting Keras; the other version's behaviour is a
 * `keras-version-difference` note; quick fixes give code both versions build alike.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import type { DocumentAnalysis } from '../../language/src/analysis/types.js';
import { formatShape } from '../../language/src/catalog/shape.js';
import { formatOutputs } from '../../language/src/analysis/several-outputs.js';
import { formatCount } from '../../language/src/catalog/numbers.js';
import { applyEdits } from '../helpers/apply-edits.js';
import { ROOT } from '../helpers/ensure-built.js';

const FIXTURES = join(ROOT, 'test', 'fixtures', 'keras-versions');

interface Outcome { readonly error?: string; readonly warnings: string[]; readonly rows: Array<[string, string]> }

/** The fixture's sections: `=== title`, then `ERROR: ...`, `WARNING: ...` or a summary table (shape and params per layer). */
function keras3Outcomes(): Map<string, Outcome> {
    const outcomes = new Map<string, Outcome>();
    let current: { error?: string; warnings: string[]; rows: Array<[string, string]> } | undefined;
    for (const line of readFileSync(join(FIXTURES, 'keras3-differences.txt'), 'utf8').split('\n')) {
        if (line.startsWith('=== ')) {
            current = { warnings: [], rows: [] };
            outcomes.set(line.slice(4), current);
        } else if (line.startsWith('ERROR: ')) {
            current!.error = line.replace(/^ERROR: \w+: /, '');
        } else if (line.startsWith('WARNING: ')) {
            current!.warnings.push(line.slice(9));
        } else if (line.startsWith('│')) {
            const [name, shape, params] = line.split('│').slice(1, 4).map(c => c.trim());
            if (name) current!.rows.push([shape, params]);
            else current!.rows[current!.rows.length - 1][0] += ` ${shape}`;
        }
    }
    return outcomes;
}

const KERAS3 = keras3Outcomes();

function analyse(text: string, keras: 2 | 3): DocumentAnalysis {
    return analyzeText(text, { keras });
}

/** The diagnostics, as `severity code`. */
function codes(analysis: DocumentAnalysis): string[] {
    return analysis.diagnostics.map(d => `${d.severity} ${d.code}`);
}

/** The summary's Output Shape and Param # cells, as Keras 3 prints them. */
function rows(analysis: DocumentAnalysis): Array<[string, string]> {
    const model = analysis.models[0];
    return model.layers.map(l => [
        l.outputs ? formatOutputs(l.outputs) : l.output ? formatShape(l.output) : '?',
        model.input ? formatCount(l.params!.trainable + l.params!.nonTrainable) : '0 (unbuilt)'
    ]);
}

function preferredFixResult(text: string, analysis: DocumentAnalysis, code: string): string {
    const found = analysis.diagnostics.find(d => d.code === code)!;
    const fix = found.fixes!.find(f => f.preferred) ?? found.fixes![0];
    return applyEdits(text, fix.edits);
}

describe('AveragePooling1D() without pool_size', () => {
    const text = 'model P {\n    Input(shape=(10, 3))\n    AveragePooling1D()\n}';

    it('is refused by Keras 3 with its own words, on the layer', () => {
        const analysis = analyse(text, 3);
        expect(codes(analysis)).toEqual(['error missing-argument']);
        expect(analysis.diagnostics[0].message).toContain(KERAS3.get('AveragePooling1D()')!.error);
        expect(analysis.models[0].complete).toBe(false);
    });

    it('pools 2 steps in Keras 2, saying Keras 3 would refuse it', () => {
        const analysis = analyse(text, 2);
        expect(codes(analysis)).toEqual(['information keras-version-difference']);
        expect(analysis.models[0].layers[0].output).toEqual([null, 5, 3]);
    });

    it('is fixed with pool_size=2, which both build as Keras 3 builds MaxPooling1D()', () => {
        const fixed = preferredFixResult(text, analyse(text, 3), 'missing-argument');
        expect(fixed).toContain('AveragePooling1D(pool_size=2)');
        for (const keras of [2, 3] as const) expect(codes(analyse(fixed, keras))).toEqual([]);
        expect(rows(analyse(fixed, 3))).toEqual(KERAS3.get('MaxPooling1D()')!.rows);
    });
});

describe('Bidirectional around a layer with go_backwards=True', () => {
    const text = 'model B {\n    Input(shape=(10, 3))\n    Bidirectional(GRU(4, go_backwards=True))\n}';

    it('is refused by Keras 3, on the argument, with its message', () => {
        const analysis = analyse(text, 3);
        expect(codes(analysis)).toEqual(['error invalid-argument']);
        const message = analysis.diagnostics[0].message;
        expect(message).toContain(KERAS3.get('Bidirectional go_backwards')!.error);
        expect(analysis.diagnostics[0].range.start).toEqual({ line: 2, character: 38 });
    });

    it('builds in Keras 2 with the same shapes and counts as without the flag', () => {
        const analysis = analyse(text, 2);
        expect(codes(analysis)).toEqual(['information keras-version-difference']);
        const plain = analyse(text.replace(', go_backwards=True', ''), 2);
        expect(rows(analysis)).toEqual(rows(plain));
    });

    it('is fixed by removing go_backwards', () => {
        expect(preferredFixResult(text, analyse(text, 3), 'invalid-argument')).toContain('Bidirectional(GRU(4))');
    });
});

describe('batch_input_shape on a layer', () => {
    const text = 'model B {\n    LSTM(4, batch_input_shape=(8, 7, 5))\n    Dense(1)\n}';
    /** What real Keras 3 said of the differential test's stacks that give a layer batch_input_shape. */
    const refusals = (() => {
        const truth = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/keras-differential/keras3.json'), 'utf8')) as
            { results: Record<string, { built: boolean; error?: string }> };
        return Object.values(truth.results).map(r => r.error ?? '').filter(e => e.includes("'batch_input_shape'"));
    })();

    it('is refused by Keras 3 with its words, on the argument', () => {
        expect(refusals.length).toBeGreaterThan(0);
        const analysis = analyse(text, 3);
        expect(codes(analysis)).toEqual(['error unknown-argument']);
        const keras = refusals.find(e => e.includes('passed to LSTM'))!;
        expect(analysis.diagnostics[0].message).toContain(keras.replace(/^ValueError: /, '').replace(/\(\d+, \d+, \d+\)/, '(8, 7, 5)'));
        expect(analysis.diagnostics[0].range.start).toEqual({ line: 1, character: 12 });
        expect(analysis.models[0].output).toBeUndefined();
    });

    it('is the model\'s input in Keras 2, with a note', () => {
        const analysis = analyse(text, 2);
        expect(codes(analysis)).toEqual(['information keras-version-difference']);
        expect(analysis.models[0].output).toEqual([8, 1]);
    });

    it('moves to Input(shape=..., batch_size=...) first, which both versions build alike', () => {
        const fixed = preferredFixResult(text, analyse(text, 3), 'unknown-argument');
        expect(fixed).toBe('model B {\n    Input(shape=(7, 5), batch_size=8)\n    LSTM(4)\n    Dense(1)\n}');
        for (const keras of [2, 3] as const) {
            expect(codes(analyse(fixed, keras))).toEqual([]);
            expect(rows(analyse(fixed, keras))).toEqual(rows(analyse(text, 2)));
        }
    });

    it('is only removed where it is not the first layer\'s', () => {
        const later = 'model B {\n    Input(shape=(7, 5))\n    LSTM(4, batch_input_shape=(None, 7, 5))\n}';
        const fixed = preferredFixResult(later, analyse(later, 3), 'unknown-argument');
        expect(fixed).toBe('model B {\n    Input(shape=(7, 5))\n    LSTM(4)\n}');
    });
});

describe('SpatialDropout1D with a base-layer keyword', () => {
    const text = 'model S {\n    SpatialDropout1D(0.1, input_shape=(10, 3))\n    LSTM(4)\n}';

    it('is refused by Keras 3 ("unexpected keyword argument"), on the argument', () => {
        const analysis = analyse(text, 3);
        expect(codes(analysis)).toEqual(['error unknown-argument']);
        expect(analysis.diagnostics[0].message).toContain(KERAS3.get('SpatialDropout1D input_shape')!.error);
        expect(analysis.diagnostics[0].range.start).toEqual({ line: 1, character: 26 });
        expect(codes(analyse('model S {\n    Input(shape=(10, 3))\n    SpatialDropout1D(0.1, trainable=False)\n}', 3)))
            .toEqual(['error unknown-argument']);
        expect(KERAS3.get('SpatialDropout1D trainable')!.error).toContain("'trainable'");
    });

    it('is the model\'s input in Keras 2, with a note', () => {
        const analysis = analyse(text, 2);
        expect(codes(analysis)).toEqual(['information keras-version-difference']);
        expect(analysis.models[0].output).toEqual([null, 4]);
    });

    it('moves to Input(shape=...) before the layer, which both versions build', () => {
        const fixed = preferredFixResult(text, analyse(text, 3), 'unknown-argument');
        expect(fixed).toBe('model S {\n    Input(shape=(10, 3))\n    SpatialDropout1D(0.1)\n    LSTM(4)\n}');
        for (const keras of [2, 3] as const) expect(codes(analyse(fixed, keras))).toEqual([]);
    });
});

describe('Embedding(..., input_length=n) as the only input shape', () => {
    const text = 'model E {\n    Embedding(100, 8, input_length=10)\n    LSTM(4)\n    Dense(1)\n}';

    it('leaves the model unbuilt in Keras 3, as its summary shows, and says why', () => {
        const analysis = analyse(text, 3);
        expect(codes(analysis)).toEqual(['error missing-input-shape']);
        expect(analysis.diagnostics[0].message).toContain(KERAS3.get('Embedding input_length')!.warnings[0]);
        expect(rows(analysis)).toEqual(KERAS3.get('Embedding input_length')!.rows);
        expect(analysis.models[0].totals.total).toBe(0);
    });

    it('builds (None, 10, 8) in Keras 2, without the deprecation warning', () => {
        const analysis = analyse(text, 2);
        expect(codes(analysis)).toEqual(['information keras-version-difference']);
        expect(analysis.models[0].layers.map(l => l.output)).toEqual([[null, 10, 8], [null, 4], [null, 1]]);
    });

    it('is fixed with Input(shape=(10,)) first, which both build alike', () => {
        const fixed = preferredFixResult(text, analyse(text, 3), 'missing-input-shape');
        expect(fixed).toBe('model E {\n    Input(shape=(10,))\n    Embedding(100, 8)\n    LSTM(4)\n    Dense(1)\n}');
        expect(rows(analyse(fixed, 3))).toEqual(rows(analyse(text, 2)));
    });
});

describe('input_shape on the layer inside a wrapper', () => {
    it('is said to leave the model unbuilt in Keras (both versions), as Keras 3\'s summary shows', () => {
        for (const [title, text] of [
            ['Bidirectional inner input_shape', 'model W {\n    Bidirectional(LSTM(4, input_shape=(10, 3)))\n    Dense(1)\n}'],
            ['TimeDistributed inner input_shape', 'model W {\n    TimeDistributed(Dense(4, input_shape=(10, 3)))\n    Dense(1)\n}']
        ]) {
            expect(KERAS3.get(title)!.rows.every(([shape, params]) => shape === '?' && params === '0 (unbuilt)')).toBe(true);
            for (const keras of [2, 3] as const) {
                const found = analyse(text, keras).diagnostics.filter(d => d.code === 'input-shape-misplaced');
                expect(found, `${title} keras ${keras}`).toHaveLength(1);
                expect(found[0].message).toContain('This model has not yet been built');
            }
        }
    });
});

describe('a last layer with several outputs', () => {
    const cases: Array<[string, string]> = [
        ['merge_mode None last', 'Bidirectional(LSTM(4), merge_mode=None)'],
        ['return_state last', 'LSTM(4, return_state=True)'],
        ['return_state GRU seq last', 'GRU(4, return_state=True, return_sequences=True)'],
        ['bidir return_state last', 'Bidirectional(LSTM(4, return_state=True))']
    ];
    for (const [title, layer] of cases) {
        const text = `model M {\n    Input(shape=(10, 3))\n    ${layer}\n}`;
        it(`${layer}: built by Keras 3 with its list of shapes, refused by Keras 2`, () => {
            const keras3 = analyse(text, 3);
            expect(codes(keras3)).toEqual(['information keras-version-difference']);
            expect(rows(keras3)).toEqual(KERAS3.get(title)!.rows);
            expect(keras3.models[0].complete).toBe(true);
            const keras2 = analyse(text, 2);
            expect(codes(keras2).sort()).toEqual(['error invalid-argument', 'information keras-version-difference']);
            expect(keras2.diagnostics.find(d => d.code === 'keras-version-difference')!.message).toContain('single output tensor');
        });
    }

    it('is refused by both when a layer follows', () => {
        for (const [title, layer] of [['merge_mode None then Dense', 'Bidirectional(LSTM(4), merge_mode=None)'], ['return_state then Dense', 'LSTM(4, return_state=True)']]) {
            expect(KERAS3.get(title)!.error).toContain('expects 1 input(s)');
            for (const keras of [2, 3] as const) {
                expect(codes(analyse(`model M {\n    Input(shape=(10, 3))\n    ${layer}\n    Dense(1)\n}`, keras))).toEqual(['error invalid-argument']);
            }
        }
    });
});

describe('arguments that came with Keras 3', () => {
    it('are refused under Keras 2 with its words, on the argument, inside a wrapper too, and removed by the fix', () => {
        const text = 'model L {\n    Input(shape=(10, 3))\n    Bidirectional(LSTM(4, seed=1))\n    Dense(1, lora_rank=2)\n}';
        const keras2 = analyse(text, 2);
        expect(codes(keras2)).toEqual(['error unknown-argument']);
        expect(keras2.diagnostics[0].message).toContain('("Keyword argument not understood:", "seed")');
        expect(keras2.diagnostics[0].range.start).toEqual({ line: 2, character: 26 });
        expect(preferredFixResult(text, keras2, 'unknown-argument')).toContain('Bidirectional(LSTM(4))');
        expect(codes(analyse(text, 3))).toEqual([]);
    });
});

describe('the keras statement', () => {
    it('sets the version for the whole file, wherever it stands, over the caller\'s default', () => {
        const text = 'model P {\n    Input(shape=(10, 3))\n    AveragePooling1D()\n}\nkeras 2\n';
        const analysis = analyse(text, 3);
        expect(analysis.keras).toBe(2);
        expect(codes(analysis)).toEqual(['information keras-version-difference']);
    });

    it('takes 2 or 3 only, offering both, and one statement per file', () => {
        const wrong = analyse('keras 4\nmodel A { Dense(1, input_shape=(3,)) }', 3);
        expect(codes(wrong)).toEqual(['error invalid-argument']);
        expect(wrong.diagnostics[0].fixes!.map(f => f.title)).toEqual(['Target Keras 3', 'Target Keras 2']);
        expect(wrong.keras).toBe(3);
        const twice = analyse('keras 2\nkeras 3\nmodel A { Dense(1, input_shape=(3,)) }', 3);
        expect(codes(twice)).toEqual(['error statement-order']);
        expect(twice.keras).toBe(2);
        expect(codes(analyse('keras\nmodel A { Dense(1, input_shape=(3,)) }', 3))).toContain('error syntax');
    });
});
