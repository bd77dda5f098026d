/**
 * Every diagnostic code: a small text that triggers it, with its severity, its exact range, the
 * numbers its message must name, and, where the spec promises a quick fix, that applying the
 * fix's edits gives a text whose analysis no longer reports that code.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { analyzePython } from '../../language/src/python/index.js';
import { CsvDataSource } from '../../language/src/node/csv-data-source.js';
import { DIAGNOSTIC_CODES, DIAGNOSTIC_SEVERITIES, type DiagnosticCode, type RnnDiagnostic } from '../../language/src/model/diagnostic.js';
import type { SourceRange } from '../../language/src/model/source.js';
import type { DocumentAnalysis } from '../../language/src/analysis/types.js';
import { applyEdits } from '../helpers/apply-edits.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const fixtures = join(here, '..', 'fixtures');
// slow-recurrent-kernel is off by default: the cases see every code, at its severity once on.
const options = { data: new CsvDataSource(fixtures), levels: { 'slow-recurrent-kernel': 'info' } } as const;

/** Cases of the Python door's own code (not-followed) are Python, told by `name = Sequential(`, which no `.rnn` text has. */
function analyze(text: string): DocumentAnalysis {
    return /^\w+ = Sequential\(/m.test(text) ? analyzePython(text, options).analysis : analyzeText(text, options);
}

/** The range of the `occurrence`-th (0-based) `needle` in `text`: an independent way to name the expected place. */
function at(text: string, needle: string, occurrence = 0): SourceRange {
    let offset = -1;
    for (let i = 0; i <= occurrence; i++) {
        offset = text.indexOf(needle, offset + 1);
        if (offset < 0) throw new Error(`"${needle}" (occurrence ${occurrence}) is not in the text`);
    }
    const before = text.slice(0, offset).split('\n');
    const line = before.length - 1;
    const character = before[line].length;
    return { start: { line, character }, end: { line, character: character + needle.length } };
}

/** An empty range right after the `occurrence`-th `needle`: where an inserted argument goes. */
function after(text: string, needle: string, occurrence = 0): SourceRange {
    const { end } = at(text, needle, occurrence);
    return { start: end, end };
}

interface Case {
    readonly title: string;
    readonly text: string;
    /** Where the diagnostic must be (computed from the text with `at`). */
    readonly range: (text: string) => SourceRange;
    /** What the message must contain: numbers, names, Keras's words. */
    readonly mentions: readonly string[];
    /** For codes with a quick fix: the text after the preferred fix, or true to only check the code goes away. */
    readonly fixed?: string | true;
    /** Codes that must still be absent after the fix (besides this one). */
    readonly fixLeavesNo?: readonly DiagnosticCode[];
}

/** The 1-based line of bad-cells.csv holding `needle`: the row a spreadsheet shows. */
const fixtureRow = (needle: string) => readFileSync(join(fixtures, 'bad-cells.csv'), 'utf8').split('\n').findIndex(l => l.includes(needle)) + 1;

const weather = (features: string, target: string, lookback: number, path = 'weather.csv') =>
    `data("${path}", features=${features}, target="${target}", lookback=${lookback})`;

const CASES: Partial<Record<DiagnosticCode, readonly Case[]>> = {
    'syntax': [{
        title: 'a stray character',
        text: 'model A { Dense(1, input_shape=(3,)) ? }',
        range: t => at(t, '?'),
        mentions: ['"?"']
    }, {
        title: 'a missing ) at the end of a line',
        text: 'model A {\n    Dense(1, input_shape=(3,)\n}',
        range: t => after(t, '(3,)'),
        mentions: ['expected )', '"}"']
    }],
    'unknown-layer': [{
        title: 'LTSM → LSTM',
        text: 'model A { LTSM(8, input_shape=(5, 3)) }',
        range: t => at(t, 'LTSM'),
        mentions: ['"LTSM"', 'Did you mean "LSTM"?'],
        fixed: 'model A { LSTM(8, input_shape=(5, 3)) }'
    }, {
        title: 'a misspelt wrapped layer',
        text: 'model A { Bidirectional(GUR(8), input_shape=(5, 3)) }',
        range: t => at(t, 'GUR'),
        mentions: ['"GUR"', '"GRU"'],
        fixed: 'model A { Bidirectional(GRU(8), input_shape=(5, 3)) }'
    }, {
        title: 'a misspelt statement',
        text: 'model A { Dense(1, input_shape=(3,)) compil(loss="mse") }',
        range: t => at(t, 'compil'),
        mentions: ['"compile"'],
        fixed: 'model A { Dense(1, input_shape=(3,)) compile(loss="mse") }'
    }],
    'unknown-argument': [{
        title: 'kernal_size → kernel_size',
        text: 'model A { Conv1D(4, kernal_size=2, input_shape=(5, 3)) }',
        range: t => at(t, 'kernal_size'),
        mentions: ['"kernal_size"', 'Did you mean "kernel_size"?'],
        fixed: 'model A { Conv1D(4, kernel_size=2, input_shape=(5, 3)) }',
        fixLeavesNo: ['missing-argument']
    }],
    'missing-argument': [{
        title: 'LSTM() with other arguments: a placeholder after them',
        text: 'model A { LSTM(input_shape=(5, 3)) }',
        range: t => at(t, 'LSTM'),
        mentions: ['"units"', "missing 1 required positional argument: 'units'"],
        fixed: 'model A { LSTM(input_shape=(5, 3), units=32) }'
    }, {
        title: 'LSTM() with no arguments',
        text: 'model A {\n    Input(shape=(5, 3))\n    LSTM()\n}',
        range: t => at(t, 'LSTM'),
        mentions: ['"units"'],
        fixed: 'model A {\n    Input(shape=(5, 3))\n    LSTM(units=32)\n}'
    }, {
        title: 'Conv1D without kernel_size, after a trailing comma',
        text: 'model A { Conv1D(4, input_shape=(5, 3),) }',
        range: t => at(t, 'Conv1D'),
        mentions: ['"kernel_size"'],
        fixLeavesNo: ['syntax', 'invalid-argument']
    }],
    'duplicate-argument': [{
        title: 'by position and by keyword',
        text: 'model A { Dense(4, units=3, input_shape=(5,)) }',
        range: t => at(t, 'units=3'),
        mentions: ['"units"', 'once by position, once by keyword', "got multiple values for argument 'units'"]
    }, {
        title: 'the same keyword twice',
        text: 'model A { Dense(units=4, units=3, input_shape=(5,)) }',
        range: t => at(t, 'units=3'),
        mentions: ['"units"', 'keyword argument repeated']
    }],
    'positional-after-keyword': [{
        title: 'a positional argument after a keyword',
        text: 'model A { Dense(activation="relu", 4, input_shape=(5,)) }',
        range: t => at(t, '4'),
        mentions: ['positional argument follows keyword argument']
    }],
    'invalid-argument': [{
        title: 'units below 1: the nearest is 1',
        text: 'model A { Dense(0, input_shape=(5,)) }',
        range: t => at(t, '0'),
        mentions: ['"units"', '≥ 1', 'is 0', 'nearest valid value is 1'],
        fixed: 'model A { Dense(1, input_shape=(5,)) }'
    }, {
        title: 'a float where Keras needs an integer: the nearest integer',
        text: 'model A { LSTM(7 / 2, input_shape=(5, 3)) }',
        range: t => at(t, '7 / 2'),
        mentions: ['an integer', '3.5', 'nearest valid value is 4'],
        fixed: 'model A { LSTM(4, input_shape=(5, 3)) }'
    }, {
        title: 'an activation not in the enumeration: the nearest name',
        text: 'model A { Dense(4, activation="rellu", input_shape=(5,)) }',
        range: t => at(t, '"rellu"'),
        mentions: ['"activation"', '"rellu"', 'nearest valid value is "relu"'],
        fixed: 'model A { Dense(4, activation="relu", input_shape=(5,)) }'
    }, {
        title: 'a rate above 1 has no nearest valid value (1 is valid, but drops everything)',
        text: 'model A { Dropout(1.5, input_shape=(5,)) }',
        range: t => at(t, '1.5'),
        mentions: ['"rate"', '1.5', '≤ 1']
    }, {
        title: 'a padding not in the enumeration',
        text: 'model A { Conv1D(2, 3, padding="casual", input_shape=(5, 3)) }',
        range: t => at(t, '"casual"'),
        mentions: ['"casual"', 'nearest valid value is "causal"'],
        fixed: 'model A { Conv1D(2, 3, padding="causal", input_shape=(5, 3)) }'
    }, {
        title: 'Bidirectional around a layer that is not recurrent',
        text: 'model A { Bidirectional(Dense(3), input_shape=(5, 3)) }',
        range: t => at(t, 'Dense'),
        mentions: ['recurrent', 'Dense']
    }, {
        title: 'too many positional arguments',
        text: 'model A { Dropout(0.1, None, 7, 8, input_shape=(5,)) }',
        range: t => at(t, '8'),
        mentions: ['at most 3 positional arguments']
    }],
    'undefined-constant': [{
        title: 'a misspelt constant: did you mean',
        text: 'let units = 4\nmodel A { Dense(unit, input_shape=(5,)) }',
        range: t => at(t, 'unit', 1),
        mentions: ['"unit"', 'Did you mean "units"?'],
        fixed: 'let units = 4\nmodel A { Dense(units, input_shape=(5,)) }'
    }, {
        title: 'a constant defined later',
        text: 'let a = b + 1\nlet b = 2',
        range: t => at(t, 'b'),
        mentions: ['"b"', 'line 2']
    }],
    'duplicate-name': [{
        title: 'two constants',
        text: 'let a = 1\nlet a = 2',
        range: t => at(t, 'a', 1),
        mentions: ['"a"', 'line 1']
    }, {
        title: 'two models',
        text: 'model M { Dense(1, input_shape=(3,)) }\n\nmodel M { Dense(2, input_shape=(3,)) }',
        range: t => at(t, 'M', 1),
        mentions: ['"M"', 'line 1']
    }],
    'missing-input-shape': [{
        title: 'no input: a placeholder input_shape',
        text: 'model A {\n    LSTM(8)\n    Dense(1)\n}',
        range: t => at(t, 'LSTM'),
        mentions: ['"A"', 'This model has not yet been built'],
        fixed: 'model A {\n    LSTM(8, input_shape=(None, 1))\n    Dense(1)\n}'
    }, {
        title: 'no input, but data gives the numbers',
        text: `model A {\n    LSTM(8)\n    Dense(1)\n    ${weather('["temp_min", "wind"]', 'temp_max', 5)}\n}`,
        range: t => at(t, 'LSTM'),
        mentions: ['input_shape=(steps, features)'],
        fixed: `model A {\n    LSTM(8, input_shape=(5, 2))\n    Dense(1)\n    ${weather('["temp_min", "wind"]', 'temp_max', 5)}\n}`,
        fixLeavesNo: ['data-feature-mismatch']
    }],
    'missing-return-sequences': [{
        title: 'LSTM into LSTM',
        text: 'model A {\n    LSTM(30, input_shape=(21, 9))\n    LSTM(10)\n}',
        range: t => at(t, 'LSTM', 1),
        mentions: ['(None, 30)', '"lstm_1"', 'expected ndim=3, found ndim=2', 'return_sequences=True'],
        fixed: 'model A {\n    LSTM(30, input_shape=(21, 9), return_sequences=True)\n    LSTM(10)\n}',
        fixLeavesNo: ['incompatible-rank']
    }, {
        title: 'Bidirectional into GRU: the fix goes on the wrapped LSTM',
        text: 'model A {\n    Bidirectional(LSTM(30), input_shape=(21, 9))\n    GRU(10)\n}',
        range: t => at(t, 'GRU'),
        mentions: ['(None, 60)', '"gru"'],
        fixed: 'model A {\n    Bidirectional(LSTM(30, return_sequences=True), input_shape=(21, 9))\n    GRU(10)\n}',
        fixLeavesNo: ['incompatible-rank']
    }],
    'incompatible-rank': [{
        title: 'Conv1D after Flatten',
        text: 'model A {\n    Flatten(input_shape=(21, 9))\n    Conv1D(3, 2)\n}',
        range: t => at(t, 'Conv1D'),
        // Keras 2 and 3 both: Conv1D's InputSpec is min_ndim=3 (checked).
        mentions: ['(None, 189)', '"conv1d"', 'expected min_ndim=3, found ndim=2']
    }, {
        title: 'LSTM after a Dense that is not recurrent',
        text: 'model A { Dense(4, input_shape=(5,)) LSTM(3) }',
        range: t => at(t, 'LSTM'),
        mentions: ['(None, 4)', 'expected ndim=3']
    }],
    'non-positive-length': [{
        title: 'a kernel longer than the sequence',
        text: 'model A { Conv1D(3, 30, input_shape=(21, 9)) }',
        range: t => at(t, 'Conv1D'),
        mentions: ['21', '30', '21 − 30 + 1']
    }, {
        title: 'a pool larger than the sequence',
        text: 'model A { MaxPooling1D(4, input_shape=(3, 9)) }',
        range: t => at(t, 'MaxPooling1D'),
        mentions: ['0 time steps', '⌊3 / 4⌋ = 0']
    }],
    'input-shape-misplaced': [{
        title: 'input_shape on a later layer, when the first has one: remove it',
        text: 'model A {\n    Dense(4, input_shape=(21, 9))\n    LSTM(8, input_shape=(21, 4))\n}',
        range: t => at(t, 'input_shape=(21, 4)'),
        mentions: ['input_shape', 'first layer'],
        fixed: 'model A {\n    Dense(4, input_shape=(21, 9))\n    LSTM(8)\n}'
    }, {
        title: 'input_shape on a later layer only: move it to the first',
        text: 'model A {\n    LSTM(8)\n    Dense(1, input_shape=(21, 9))\n}',
        range: t => at(t, 'input_shape=(21, 9)'),
        mentions: ['layer 2'],
        fixed: 'model A {\n    LSTM(8, input_shape=(21, 9))\n    Dense(1)\n}',
        fixLeavesNo: ['missing-input-shape']
    }, {
        title: 'input_shape on the layer inside Bidirectional: move it to the wrapper',
        text: 'model A {\n    Bidirectional(LSTM(8, input_shape=(21, 9)))\n    Dense(1)\n}',
        range: t => at(t, 'input_shape=(21, 9)'),
        mentions: ['Bidirectional', 'LSTM'],
        fixed: 'model A {\n    Bidirectional(LSTM(8), input_shape=(21, 9))\n    Dense(1)\n}'
    }, {
        title: 'Input(...) after a layer',
        text: 'model A { Dense(1, input_shape=(3,)) Input(shape=(3,)) }',
        range: t => at(t, 'Input'),
        mentions: ['first statement']
    }],
    'pooling-drops-steps': [{
        title: '21 steps, pool 2 → 10, 1 step dropped',
        text: 'model A { MaxPooling1D(2, input_shape=(21, 9)) }',
        range: t => at(t, 'MaxPooling1D'),
        mentions: ['21 steps', '⌊21 / 2⌋ = 10', 'the last 1 step is dropped', 'padding="same"'],
        fixed: 'model A { MaxPooling1D(2, input_shape=(21, 9), padding="same") }'
    }, {
        title: 'padding="valid" written out: the fix replaces it',
        text: 'model A { AveragePooling1D(2, padding="valid", input_shape=(21, 9)) }',
        range: t => at(t, 'AveragePooling1D'),
        mentions: ['21'],
        fixed: 'model A { AveragePooling1D(2, padding="same", input_shape=(21, 9)) }'
    }, {
        title: 'a strided convolution: ⌊(20 − 3) / 2⌋ + 1 = 9 windows cover steps 0..18, step 19 is cut',
        text: 'model A { Conv1D(2, 3, strides=2, input_shape=(20, 9)) }',
        range: t => at(t, 'Conv1D'),
        mentions: ['⌊(20 − 3) / 2⌋ + 1 = 9', 'the last 1 step is dropped'],
        fixed: 'model A { Conv1D(2, 3, strides=2, input_shape=(20, 9), padding="same") }'
    }],
    'dense-on-sequence': [{
        title: 'the last LSTM keeps return_sequences=True',
        text: 'model A {\n    LSTM(8, return_sequences=True, input_shape=(21, 9))\n    Dense(1)\n}',
        range: t => at(t, 'Dense'),
        mentions: ['(None, 21, 8)', '21 steps', '(None, 21, 1)', 'lstm'],
        fixed: 'model A {\n    LSTM(8, input_shape=(21, 9))\n    Dense(1)\n}'
    }],
    'output-target-mismatch': [{
        title: 'Dense(3) for a numeric target',
        text: `model A {\n    LSTM(8, input_shape=(5, 2))\n    Dense(3)\n    ${weather('["temp_min", "wind"]', 'temp_max', 5)}\n}`,
        range: t => at(t, 'Dense'),
        mentions: ['"temp_max"', '(None, 3)', 'Dense(1)']
    }, {
        title: 'a sequence output for one target per window',
        text: `model A {\n    LSTM(8, input_shape=(5, 2), return_sequences=True)\n    Dense(1)\n    ${weather('["temp_min", "wind"]', 'temp_max', 5)}\n}`,
        range: t => at(t, 'Dense'),
        mentions: ['(None, 5, 1)']
    }, {
        title: 'softmax units ≠ number of classes',
        text: `model A {\n    LSTM(8, input_shape=(5, 2))\n    Dense(3, activation="softmax")\n    compile(loss="sparse_categorical_crossentropy")\n    ${weather('["temp_min", "wind"]', 'weather', 5)}\n}`,
        range: t => at(t, 'Dense'),
        mentions: ['5 classes', 'drizzle, rain, sun, snow, fog', 'outputs 3', 'Dense(5, activation="softmax")']
    }, {
        title: 'sigmoid with a multi-class target',
        text: `model A {\n    LSTM(8, input_shape=(5, 2))\n    Dense(1, activation="sigmoid")\n    compile(loss="binary_crossentropy")\n    ${weather('["temp_min", "wind"]', 'weather', 5)}\n}`,
        range: t => at(t, 'Dense'),
        mentions: ['5 classes', 'sigmoid']
    }],
    'data-file-not-found': [{
        title: 'a file that is not there',
        text: `model A {\n    LSTM(8, input_shape=(5, 2))\n    Dense(1)\n    ${weather('["temp_min", "wind"]', 'temp_max', 5, 'no-such-file.csv')}\n}`,
        range: t => at(t, '"no-such-file.csv"'),
        mentions: ['"no-such-file.csv"', 'relative to the .rnn file']
    }],
    'data-column-not-found': [{
        title: 'a misspelt feature',
        text: `model A {\n    LSTM(8, input_shape=(5, 2))\n    Dense(1)\n    ${weather('["temp_mn", "wind"]', 'temp_max', 5)}\n}`,
        range: t => at(t, '"temp_mn"'),
        mentions: ['"temp_mn"', 'Did you mean "temp_min"', '"date", "precipitation", "temp_max", "temp_min", "wind", "weather"'],
        fixed: `model A {\n    LSTM(8, input_shape=(5, 2))\n    Dense(1)\n    ${weather('["temp_min", "wind"]', 'temp_max', 5)}\n}`
    }, {
        title: 'a misspelt target',
        text: `model A {\n    LSTM(8, input_shape=(5, 2))\n    Dense(1)\n    ${weather('["temp_min", "wind"]', 'Wind', 5)}\n}`,
        range: t => at(t, '"Wind"'),
        mentions: ['"Wind"', '"wind"'],
        fixed: `model A {\n    LSTM(8, input_shape=(5, 2))\n    Dense(1)\n    ${weather('["temp_min", "wind"]', 'wind', 5)}\n}`
    }],
    'data-feature-mismatch': [{
        title: 'both the features and the lookback differ from the input',
        text: `model A {\n    LSTM(8, input_shape=(7, 3))\n    Dense(1)\n    ${weather('["temp_min", "wind"]', 'temp_max', 5)}\n}`,
        range: t => at(t, '(7, 3)'),
        mentions: ['(None, 7, 3)', '2 features', 'last dimension is 3', 'lookback=5', '7 time steps', 'Use (5, 2)'],
        fixed: `model A {\n    LSTM(8, input_shape=(5, 2))\n    Dense(1)\n    ${weather('["temp_min", "wind"]', 'temp_max', 5)}\n}`
    }, {
        title: 'from Input(shape=...)',
        text: `model A {\n    Input(shape=(5, 4))\n    LSTM(8)\n    Dense(1)\n    ${weather('["temp_min", "wind"]', 'temp_max', 5)}\n}`,
        range: t => at(t, '(5, 4)'),
        mentions: ['2 features', 'last dimension is 4'],
        fixed: `model A {\n    Input(shape=(5, 2))\n    LSTM(8)\n    Dense(1)\n    ${weather('["temp_min", "wind"]', 'temp_max', 5)}\n}`
    }],
    'data-too-short': [{
        // 6 rows − 4 − 1 + 1 = 2 windows; 0.7 × 2 → 1, 0.15 × 2 → 0 and 0.
        title: 'two windows cannot be split three ways',
        text: 'model A {\n    LSTM(8, input_shape=(4, 2))\n    Dense(1)\n    data("short.csv", features=["a", "b"], target="b", lookback=4)\n}',
        range: t => at(t, '4', 1),
        mentions: ['6 rows', '6 − 4 (lookback) − 1 (horizon) + 1 = 2 windows', '1 / 0 / 0', 'validation and test parts get none']
    }],
    'data-bad-cell': [{
        // The spreadsheet row of the empty cell, counted as training counts it (header = 1, blank lines too).
        title: 'an empty feature cell, named by file, row and column',
        text: 'model A {\n    LSTM(8, input_shape=(4, 2))\n    Dense(1)\n    data("bad-cells.csv", features=["a", "b"], target="a", lookback=4)\n}',
        range: t => at(t, '"b"'),
        mentions: [`bad-cells.csv, row ${fixtureRow(',,')}, column "b": the cell is empty`]
    }, {
        title: 'a cell that is not a number',
        text: 'model A {\n    LSTM(8, input_shape=(4, 2))\n    Dense(1)\n    data("bad-cells.csv", features=["a", "c"], target="a", lookback=4)\n}',
        range: t => at(t, '"c"'),
        mentions: [`bad-cells.csv, row ${fixtureRow('n/a')}, column "c": the cell "n/a" is not a number`]
    }],
    'statement-order': [{
        title: 'a layer after compile',
        text: 'model A {\n    Dense(1, input_shape=(21, 9))\n    compile(loss="mse")\n    LSTM(3)\n}',
        range: t => at(t, 'LSTM'),
        mentions: ['LSTM', 'compile']
    }, {
        title: 'compile twice',
        text: 'model A {\n    Dense(1, input_shape=(3,))\n    compile(loss="mse")\n    compile(loss="mae")\n}',
        range: t => at(t, 'compile', 1),
        mentions: ['compile(...) appears twice', '"A"']
    }],
    'slow-recurrent-kernel': [{
        title: 'relu and recurrent dropout: on the first reason',
        text: 'model A { LSTM(8, activation="relu", recurrent_dropout=0.2, input_shape=(21, 9)) }',
        range: t => at(t, '"relu"'),
        mentions: ['LSTM', 'activation="relu"', 'recurrent_dropout=0.2', 'cuDNN']
    }, {
        title: 'GRU with reset_after=False',
        text: 'model A { GRU(8, reset_after=False, input_shape=(21, 9)) }',
        range: t => at(t, 'False'),
        mentions: ['reset_after=False']
    }],
    'large-model': [{
        // Dense(4000) on 3,000 inputs: 3,000 × 4,000 + 4,000 = 12,004,000; × 16 bytes = 192 MB.
        title: 'twelve million parameters',
        text: 'model Big {\n    Dense(4000, input_shape=(3000,))\n}',
        range: t => at(t, 'Big'),
        mentions: ['"Big"', '12,004,000', '192 MB']
    }],
    'keras-version-difference': [{
        // The file says keras 2: Keras 2 pools 2 steps by default, Keras 3 would refuse the call.
        title: 'AveragePooling1D() without pool_size in a keras 2 file',
        text: 'keras 2\nmodel A {\n    Input(shape=(10, 3))\n    AveragePooling1D()\n}',
        range: t => at(t, 'AveragePooling1D'),
        mentions: ['Keras 2 averages 2 steps', 'Keras 3 refuses', "missing 1 required positional argument: 'pool_size'", 'pool_size=2']
    }, {
        title: 'a last LSTM with return_state=True: Keras 3 builds it, Keras 2 would not',
        text: 'model S {\n    Input(shape=(10, 3))\n    LSTM(4, return_state=True)\n}',
        range: t => at(t, 'True'),
        mentions: ['[(None, 4), (None, 4), (None, 4)]', 'single output tensor', 'cannot train']
    }],
    'unknown-output-shape': [{
        title: 'a Lambda without output_shape: nothing after it is known, nor checked',
        text: 'model A {\n    Input(shape=(10, 3))\n    Lambda("lambda x: x[:, -1, :]")\n    LSTM(4)\n}',
        range: t => at(t, '"lambda x: x[:, -1, :]"'),
        mentions: ['cannot run', 'output_shape=(...)', 'without the batch dimension']
    }],
    'invalid-directive': [{
        title: 'a misspelt code in an allow directive',
        text: '# rnn-lens: allow(pooling-drop-steps)\nmodel A { Dense(1, input_shape=(3,)) }',
        range: t => at(t, 'pooling-drop-steps'),
        mentions: ['"pooling-drop-steps"', 'Did you mean "pooling-drops-steps"?'],
        fixed: '# rnn-lens: allow(pooling-drops-steps)\nmodel A { Dense(1, input_shape=(3,)) }'
    }, {
        title: 'a level that is not one',
        text: 'model A { Dense(1, input_shape=(3,)) }  # rnn-lens: alow(large-model)',
        range: t => at(t, 'alow'),
        mentions: ['"alow"', 'Did you mean "allow"?', 'allow, hint, info, warn, deny'],
        fixed: true
    }],
    'not-followed': [{
        title: 'a layer added in a loop (Python)',
        text: 'model = Sequential([LSTM(8, return_sequences=True, input_shape=(5, 2))])\nfor _ in range(3):\n    model.add(LSTM(8, return_sequences=True))\nmodel.add(Dense(1))\n',
        range: t => at(t, 'model'),
        mentions: ['"model"', 'line 2', 'a for block changes it']
    }, {
        title: 'an input shape computed at run time (Python): no missing-input-shape',
        text: 'model = Sequential([LSTM(8, input_shape=(X.shape[1], 2)), Dense(1)])\n',
        range: t => at(t, 'model'),
        mentions: ['X.shape[1]', 'computed when the code runs']
    }]
};

/** Codes that nothing produces yet; each needs a case above once it is produced. */
const NOT_YET_PRODUCED: readonly DiagnosticCode[] = [];

/** The codes for which the spec promises a quick fix. */
const CODES_WITH_FIXES: readonly DiagnosticCode[] = [
    'unknown-layer', 'unknown-argument', 'missing-argument', 'invalid-argument', 'undefined-constant', 'missing-input-shape',
    'missing-return-sequences', 'input-shape-misplaced', 'pooling-drops-steps', 'dense-on-sequence', 'data-column-not-found',
    'data-feature-mismatch'
];

function find(analysis: DocumentAnalysis, code: DiagnosticCode): RnnDiagnostic[] {
    return analysis.diagnostics.filter(d => d.code === code);
}

describe('every diagnostic code has a case', () => {
    it('covers each code but those not yet produced', () => {
        const covered = Object.keys(CASES).sort();
        const expected = DIAGNOSTIC_CODES.filter(code => !NOT_YET_PRODUCED.includes(code)).sort();
        expect(covered).toEqual(expected);
    });

    it('lists no code as not produced yet', () => {
        expect(NOT_YET_PRODUCED).toEqual([]);
    });

    it('has no source that produces a code listed as not yet produced', () => {
        const sources: string[] = [];
        const walk = (dir: string) => {
            for (const name of readdirSync(dir)) {
                const path = join(dir, name);
                if (statSync(path).isDirectory()) walk(path);
                else if (/\.ts$/.test(name)) sources.push(path);
            }
        };
        for (const dir of ['language/src', 'training/src', 'server/src', 'cli/src']) {
            try { walk(join(root, dir)); } catch { /* not there yet */ }
        }
        const producers = sources.filter(path => !path.endsWith(join('model', 'diagnostic.ts'))
            && NOT_YET_PRODUCED.some(code => readFileSync(path, 'utf8').includes(`'${code}'`)));
        expect(producers).toEqual([]);
    });

    it('has a quick-fix case for each code whose spec row names a fix', () => {
        for (const code of CODES_WITH_FIXES) {
            expect(CASES[code]?.some(c => c.fixed !== undefined), code).toBe(true);
        }
    });
});

for (const [code, cases] of Object.entries(CASES) as Array<[DiagnosticCode, readonly Case[]]>) {
    describe(code, () => {
        for (const c of cases) {
            it(c.title, () => {
                const analysis = analyze(c.text);
                const found = find(analysis, code);
                expect(found, JSON.stringify(analysis.diagnostics.map(d => [d.code, d.message]), null, 1)).toHaveLength(1);
                const d = found[0];
                expect(d.severity).toBe(DIAGNOSTIC_SEVERITIES[code]);
                expect(d.range).toEqual(c.range(c.text));
                for (const mention of c.mentions) expect(d.message).toContain(mention);

                if (c.fixed === undefined) return;
                expect(d.fixes?.length, 'a quick fix').toBeGreaterThan(0);
                const fix = d.fixes!.find(f => f.preferred) ?? d.fixes![0];
                const text = applyEdits(c.text, fix.edits);
                if (typeof c.fixed === 'string') expect(text).toBe(c.fixed);
                const again = analyze(text);
                for (const gone of [code, ...(c.fixLeavesNo ?? [])]) {
                    expect(find(again, gone), `${gone} after "${fix.title}"`).toEqual([]);
                }
            });
        }
    });
}

describe('quick fixes, beyond the preferred one', () => {
    it('offers every close name for a misspelt feature, each of which fixes it', () => {
        const text = `model A {\n    LSTM(8, input_shape=(5, 2))\n    Dense(1)\n    ${weather('["temp_mn", "wind"]', 'temp_max', 5)}\n}`;
        const [d] = find(analyze(text), 'data-column-not-found');
        expect(d.fixes?.map(f => f.title)).toEqual(['Change to "temp_min"', 'Change to "temp_max"']);
        for (const fix of d.fixes!) expect(find(analyze(applyEdits(text, fix.edits)), 'data-column-not-found')).toEqual([]);
    });

    it('every fix of every case removes its own diagnostic', () => {
        for (const [code, cases] of Object.entries(CASES) as Array<[DiagnosticCode, readonly Case[]]>) {
            for (const c of cases) {
                for (const d of find(analyze(c.text), code)) {
                    for (const fix of d.fixes ?? []) {
                        const text = applyEdits(c.text, fix.edits);
                        expect(find(analyze(text), code), `${code} / ${c.title} / ${fix.title}`).toEqual([]);
                    }
                }
            }
        }
    });
});

describe('diagnostics stay narrow and in document order', () => {
    it('sorts the diagnostics of a file by position', () => {
        const text = 'model A {\n    LTSM(8)\n    Dense(-1, input_shape=(3,))\n}\nlet a = 1\nlet a = 2';
        const analysis = analyze(text);
        const starts = analysis.diagnostics.map(d => [d.range.start.line, d.range.start.character]);
        const sorted = [...starts].sort((a, b) => a[0] - b[0] || a[1] - b[1]);
        expect(starts).toEqual(sorted);
        expect(analysis.diagnostics.map(d => d.code)).toEqual(['unknown-layer', 'invalid-argument', 'duplicate-name']);
    });

    it('reports a rank error once, as missing-return-sequences, not also as incompatible-rank', () => {
        const analysis = analyze('model A {\n    LSTM(30, input_shape=(21, 9))\n    LSTM(10)\n}');
        expect(analysis.diagnostics.map(d => d.code)).toEqual(['missing-return-sequences']);
    });

    it('gives no missing-input-shape when a model has no layers', () => {
        expect(analyze('model Empty { }').diagnostics).toEqual([]);
    });
});

describe('examples/advanced_rnn_theory.rnn', () => {
    const text = readFileSync(join(root, 'examples', 'advanced_rnn_theory.rnn'), 'utf8');
    const analysis = analyzeText(text, { data: new CsvDataSource(join(root, 'examples')) });

    it('has no errors', () => {
        expect(analysis.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    });

    it('has the notebook\'s seven models with Keras\'s totals', () => {
        // SingleSimpleRNN: conv 9·2·3+3 = 57, SimpleRNN 30(30+3)+30 = 1,020, Dense 31.
        // SingleLSTM: conv 19, LSTM 4[30(30+1)+30] = 3,840, Dense 31.
        // StackedLSTM: 19 + 3,840 + 11,360 + 18,200 + 26,640 + 61.
        // Monster1: 2,624 + 16,512 + 12,352 + 22,200 + 121.
        // SingleBidirectional: 2·4[30(30+9)+30] = 9,600 + 61.
        // StackedBidirectional: 9,600 + 2·4[10(10+60)+10] = 5,680 + 21.
        // Monster2: 2,020 + 410 + 9,840 + 58,080 + GRU 3[40(40+120)+80] = 19,440 + 4,080 + 21.
        expect(analysis.models.map(m => [m.name, m.totals.total, m.totals.nonTrainable, m.complete])).toEqual([
            ['SingleSimpleRNN', 1108, 0, true],
            ['SingleLSTM', 3890, 0, true],
            ['StackedLSTM', 60120, 0, true],
            ['Monster1', 53809, 0, true],
            ['SingleBidirectional', 9661, 0, true],
            ['StackedBidirectional', 15301, 0, true],
            ['Monster2', 93891, 0, true]
        ]);
    });

    it('counts StackedLSTM layer by layer', () => {
        const stacked = analysis.models.find(m => m.name === 'StackedLSTM')!;
        expect(stacked.layers.map(l => [l.name, l.output, l.params?.trainable])).toEqual([
            ['conv1d', [null, 20, 1], 19],
            ['max_pooling1d', [null, 10, 1], 0],
            ['lstm', [null, 10, 30], 3840],
            ['lstm_1', [null, 10, 40], 11360],
            ['lstm_2', [null, 10, 50], 18200],
            ['lstm_3', [null, 60], 26640],
            ['dropout', [null, 60], 0],
            ['dense', [null, 1], 61]
        ]);
    });

    it('warns where pooling drops a step: Monster1 (49 → 24, 23 → 11) and Monster2 (9 → 4)', () => {
        const lines = analysis.diagnostics.filter(d => d.code === 'pooling-drops-steps').map(d => text.split('\n')[d.range.start.line].trim());
        expect(lines).toEqual(['MaxPooling1D(2)', 'MaxPooling1D(2)', 'MaxPooling1D(2)']);
        const messages = analysis.diagnostics.filter(d => d.code === 'pooling-drops-steps').map(d => d.message);
        expect(messages[0]).toContain('49');
        expect(messages[1]).toContain('23');
        expect(messages[2]).toContain('⌊9 / 2⌋ = 4');
    });

    it('shows only real problems: exactly the windows that leave steps behind, nothing on a correct recurrent layer', () => {
        // Derived from the shapes (checked against Keras above): a valid window of size k moving by s
        // over n steps leaves (n − k) mod s steps behind. Each such layer, and nothing else, is a problem.
        const scalar = (v: unknown) => (Array.isArray((v as { items?: unknown[] })?.items) ? (v as { items: number[] }).items[0] : v as number);
        const expected = analysis.models.flatMap(m => m.layers).filter(l => {
            const window = scalar(l.description.args.pool_size ?? l.description.args.kernel_size);
            if (typeof window !== 'number' || l.description.args.padding === 'same' || !l.input) return false;
            const stride = scalar(l.description.args.strides) ?? (l.description.args.pool_size !== undefined ? window : 1);
            return ((l.input[1] as number) - window) % stride !== 0;
        }).map(l => ['pooling-drops-steps', l.description.nameRange.start.line]);
        expect(expected).toHaveLength(3);
        expect(analysis.diagnostics.map(d => [d.code, d.range.start.line])).toEqual(expected);
    });

    it('tells how RNN Lens trains the layers where stock tfjs is not Keras, in the analysis, not as a problem', () => {
        const layers = analysis.models.flatMap(m => m.layers);
        const gru = layers.find(l => l.kind === 'GRU')!;
        expect(gru.training).toContain('reset_after=True');
        const dropped = layers.filter(l => typeof l.description.args.recurrent_dropout === 'number' && (l.description.args.recurrent_dropout as number) > 0);
        expect(dropped.length).toBeGreaterThan(0);
        for (const l of dropped) expect(l.training, l.name).toContain('dropout masks');
        expect(layers.find(l => l.kind === 'Dense')!.training).toBeUndefined();
    });
});

describe('levels: settings and the file\'s own directives', () => {
    const relu = 'model A {\n    LSTM(8, activation="relu", input_shape=(21, 9))\n    Dense(1)\n}';
    const pooled = 'model P {\n    MaxPooling1D(2, input_shape=(21, 9))\n    Flatten()\n    Dense(1)\n}';
    const codes = (text: string, levels = {}) => analyzeText(text, { levels }).diagnostics.map(d => [d.code, d.severity]);

    it('keeps slow-recurrent-kernel off by default, and shows it when a setting turns it on', () => {
        expect(codes(relu)).toEqual([]);
        expect(codes(relu, { 'slow-recurrent-kernel': 'warning' })).toEqual([['slow-recurrent-kernel', 'warning']]);
        expect(codes(relu, { 'slow-recurrent-kernel': 'hint' })).toEqual([['slow-recurrent-kernel', 'hint']]);
        expect(codes(relu, { 'slow-recurrent-kernel': 'default' })).toEqual([]);
    });

    it('silences any code by setting, or makes it louder', () => {
        expect(codes(pooled)).toEqual([['pooling-drops-steps', 'warning']]);
        expect(codes(pooled, { 'pooling-drops-steps': 'off' })).toEqual([]);
        expect(codes(pooled, { 'pooling-drops-steps': 'error' })).toEqual([['pooling-drops-steps', 'error']]);
        expect(codes(pooled, { 'pooling-drops-steps': 'info' })).toEqual([['pooling-drops-steps', 'information']]);
    });

    it('silences a code for the file with a comment, which wins over the setting', () => {
        const allowed = `# rnn-lens: allow(pooling-drops-steps)\n${pooled}`;
        expect(codes(allowed)).toEqual([]);
        expect(codes(allowed, { 'pooling-drops-steps': 'error' })).toEqual([]);
        // Anywhere in the file, after code too; several levels in one comment.
        expect(codes(`${relu}  # rnn-lens: warn(slow-recurrent-kernel) deny(large-model)`)).toEqual([['slow-recurrent-kernel', 'warning']]);
        expect(codes(`# rnn-lens: hint(slow-recurrent-kernel)\n${relu}`, { 'slow-recurrent-kernel': 'off' })).toEqual([['slow-recurrent-kernel', 'hint']]);
    });

    it('reads a directive only in a comment, not in a string', () => {
        const text = 'model P {\n    MaxPooling1D(2, input_shape=(21, 9), name="a # rnn-lens: allow(pooling-drops-steps)")\n    Flatten()\n    Dense(1)\n}';
        expect(codes(text).map(c => c[0])).toContain('pooling-drops-steps');
    });

    it('leaves a comment that is no directive alone', () => {
        expect(codes(`# rnn-lens summary prints the notebook's summaries\n# rnn-lens: see the docs\n${relu}`).map(c => c[0])).toEqual(['invalid-directive']);
        expect(codes(`# rnn-lens summary prints it\n${relu}`)).toEqual([]);
    });
});
