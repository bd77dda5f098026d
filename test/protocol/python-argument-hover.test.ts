/**
 * Hovers on argument names over the real protocol: `return_sequences` or `recurrent_dropout` in
 * `LSTM(...)` of a .py file or a notebook cell gives the same hover as the `.rnn` front end gives
 * for the same model (one function makes both): what the argument does, its type, default and
 * value here; a positional argument, a value or an unknown keyword gives no argument hover.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/ensure-built.js';
import { LspClient } from '../helpers/lsp-client.js';

const PYTHON = [
    'import keras',
    'from keras import layers',
    '',
    'model = keras.Sequential()',
    'model.add(keras.Input(shape=(21, 9)))',
    'model.add(layers.LSTM(30, return_sequences=True, recurrent_dropout=0.2))',
    'model.add(layers.Bidirectional(layers.GRU(10, reset_after=False)))',
    'model.add(layers.Dense(1))',
    'model.compile(optimizer="adam", loss="mse")',
    ''
].join('\n');
const RNN = [
    'model M {',
    '    Input(shape=(21, 9))',
    '    LSTM(30, return_sequences=True, recurrent_dropout=0.2)',
    '    Bidirectional(GRU(10, reset_after=False))',
    '    Dense(1)',
    '    compile(optimizer="adam", loss="mse")',
    '}',
    ''
].join('\n');
const PY_URI = 'file:///argument-hover/model.py';
const RNN_URI = 'file:///argument-hover/model.rnn';
const NOTEBOOK = 'file:///argument-hover/course.ipynb';
const CELLS = [`${NOTEBOOK}#cell0`, `${NOTEBOOK}#cell1`];
let client: LspClient;

/** The position `offset` characters into the first `word` of `text`. */
function at(text: string, word: string, offset = 1): { line: number; character: number } {
    const lines = text.split('\n');
    const line = lines.findIndex(l => l.includes(word));
    if (line < 0) throw new Error(`${word} not in the text`);
    return { line, character: lines[line].indexOf(word) + offset };
}

async function hover(uri: string, position: { line: number; character: number }): Promise<any> {
    return client.request('textDocument/hover', { textDocument: { uri }, position });
}

beforeAll(async () => {
    ensureBuilt();
    client = new LspClient();
    await client.initialize();
    client.notify('textDocument/didOpen', { textDocument: { uri: PY_URI, languageId: 'python', version: 1, text: PYTHON } });
    client.notify('textDocument/didOpen', { textDocument: { uri: RNN_URI, languageId: 'rnn', version: 1, text: RNN } });
    const [head, ...rest] = PYTHON.split('\n\n');
    client.notify('notebookDocument/didOpen', {
        notebookDocument: { uri: NOTEBOOK, notebookType: 'jupyter-notebook', version: 1, cells: CELLS.map(document => ({ kind: 2, document })) },
        cellTextDocuments: [head, rest.join('\n\n')].map((text, i) => ({ uri: CELLS[i], languageId: 'python', version: 1, text }))
    });
}, 60_000);

afterAll(async () => {
    await client?.shutdown();
});

describe('hovering an argument name in Python', () => {
    it.each([
        ['return_sequences', 'LSTM(return_sequences=...)', '- here: `True`', '- default: `False`'],
        ['recurrent_dropout', 'LSTM(recurrent_dropout=...)', '- here: `0.2`', '- default: `0`'],
        ['reset_after', 'GRU(reset_after=...)', '- here: `False`', '- default: `True`'],
        ['optimizer', 'compile(optimizer=...)', '- here: `"adam"`', '- default: `"rmsprop"`']
    ])('%s: what it does, its type, default and value here, the same as in a .rnn file', async (word, title, here, byDefault) => {
        const python = await hover(PY_URI, at(PYTHON, word, 3));
        expect(python.contents.value).toContain(`**${title}**`);
        expect(python.contents.value).toContain(here);
        expect(python.contents.value).toContain(byDefault);
        expect(python.contents.value).toContain('- type: ');
        // The hover's range is the keyword, on its own line.
        const place = at(PYTHON, word, 0);
        expect(python.range.start).toEqual(place);
        const rnn = await hover(RNN_URI, at(RNN, word, 3));
        expect(python.contents.value).toBe(rnn.contents.value);
    });

    it('in a notebook cell: the same hover, in the cell\'s own coordinates', async () => {
        const cell = PYTHON.split('\n\n').slice(1).join('\n\n');
        const inCell = await hover(CELLS[1], at(cell, 'recurrent_dropout', 4));
        const inFile = await hover(PY_URI, at(PYTHON, 'recurrent_dropout', 4));
        expect(inCell.contents.value).toBe(inFile.contents.value);
        expect(inCell.range.start).toEqual(at(cell, 'recurrent_dropout', 0));
    });

    it('gives no argument hover on a value, a positional argument or outside the calls', async () => {
        for (const [word, offset] of [['True', 1], ['30,', 0], ['0.2', 1], ['import keras', 2]] as const) {
            const answer = await hover(PY_URI, at(PYTHON, word, offset));
            expect(answer?.contents?.value ?? '', word).not.toMatch(/=\.\.\.\)\*\*/);
        }
    });

    it('still gives the layer\'s own hover on its name', async () => {
        const layer = await hover(PY_URI, at(PYTHON, 'LSTM(30', 1));
        expect(layer.contents.value).toContain('4 × [30 × (30 + 9) + 30] = 4,800');
        expect(layer.contents.value).not.toMatch(/=\.\.\.\)\*\*/);
    });
});
