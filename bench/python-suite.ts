/**
 * What bench/python.bench.mjs times: the Python door (describe + analyse) on a generated Python
 * file of 2,000 lines holding 50 models and on a notebook of 100 cells, cold and per edit (one
 * argument of one layer changed, the chunk cache of the document kept, as the server keeps it).
 */
import { analyzeDescription } from '../language/src/index.js';
import { ChunkParseCache, analyzeNotebook, analyzePython, describeNotebook, describePython, type PythonCell } from '../language/src/parse.js';
import { mulberry32 } from '../training/src/index.js';

export { analyzeDescription, analyzeNotebook, analyzePython, ChunkParseCache, describeNotebook, describePython };

/** One model in the course's style: 40 lines with its constants, adds, compile, fit and summary. */
function modelLines(m: number, random: () => number): string[] {
    const int = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
    const lines = [
        `# Model ${m}: convolution, pooling and stacked recurrent layers`,
        `steps_${m} = ${int(40, 120)}`,
        `features_${m} = ${int(2, 30)}`,
        `units_${m} = features_${m} * 2 + ${int(4, 16)}`,
        '',
        'model = Sequential()',
        `model.add(Conv1D(filters=${int(4, 32)}, kernel_size=2, padding="same", input_shape=(steps_${m}, features_${m})))`,
        'model.add(MaxPooling1D(2, padding="same"))'
    ];
    while (lines.length < 30) {
        const which = int(0, 3);
        lines.push(which === 0 ? `model.add(LSTM(units_${m}, return_sequences=True, recurrent_dropout=0.1))`
            : which === 1 ? `model.add(Bidirectional(GRU(${int(4, 32)}, return_sequences=True)))`
            : which === 2 ? 'model.add(Dropout(0.1))'
            : `model.add(Conv1D(${int(4, 32)}, 3,\n                 padding="same", activation="relu"))`);
    }
    lines.push(`model.add(LSTM(${int(4, 32)}))`, 'model.add(Dense(1))', 'model.compile(optimizer="adam", loss="mse", metrics=["mae"])');
    lines.push(`history = model.fit(X_train, y_train, epochs=${int(5, 50)}, batch_size=32, validation_split=0.2,`, '                    callbacks=[EarlyStopping(patience=3)])', 'model.summary()');
    while (lines.join('\n').split('\n').length < 40) lines.push('');
    return lines;
}

const HEADER = ['import numpy as np', 'from tensorflow.keras.models import Sequential', 'from tensorflow.keras.layers import Conv1D, MaxPooling1D, LSTM, GRU, Bidirectional, Dropout, Dense', 'from tensorflow.keras.callbacks import EarlyStopping', ''];

/** A Python file of `models` models, 40 lines each (50 → 2,000 lines). */
export function generatePython(models = 50, seed = 7): string {
    const random = mulberry32(seed);
    return [...HEADER, ...Array.from({ length: models }, (_, m) => modelLines(m, random)).flat()].join('\n');
}

/** A notebook of `count` cells: imports, then for each model a markdown cell, its constants, its model and its summary. */
export function generateNotebook(count = 100, seed = 11): PythonCell[] {
    const random = mulberry32(seed);
    const cells: PythonCell[] = [{ text: HEADER.join('\n') }];
    for (let m = 0; cells.length < count; m++) {
        const lines = modelLines(m, random);
        cells.push({ text: `## Model ${m}`, kind: 'markdown' }, { text: lines.slice(1, 4).join('\n') }, { text: lines.slice(5, -1).join('\n').trimEnd() }, { text: 'model.summary()' });
    }
    return cells.slice(0, count);
}

/** The text with the `n`-th `LSTM(` layer's first argument changed to `value` (an edit inside one model). */
export function editLayer(text: string, n: number, value: number): string {
    let seen = -1;
    return text.replace(/model\.add\(LSTM\(([^,)]+)/g, (all, _arg) => (++seen === n ? `model.add(LSTM(${value}` : all));
}
