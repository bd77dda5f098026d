/**
 * `rnn-lens summary|check|explain|diagram FILE.py|FILE.ipynb` through the built CLI: the course
 * notebook of examples/ prints the summaries of examples/advanced_rnn_theory.rnn, `check` names
 * file, cell and line and exits 1 on an error, and a broken notebook is a message naming the file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../helpers/ensure-built.js';
import { cliSuite, runCli } from '../helpers/cli-run.js';

const NOTEBOOK = join(ROOT, 'examples', 'advanced_rnn_theory.ipynb');
const RNN = join(ROOT, 'examples', 'advanced_rnn_theory.rnn');

/** The JSON summaries without the model names (the notebook's are its variables', `model_1` ...). */
function unnamed(stdout: string) {
    const json = JSON.parse(stdout) as { models: Array<{ name: string }> };
    return json.models.map(({ name: _name, ...rest }) => rest);
}

function tables(stdout: string): string[] {
    return stdout.split(/\n(?=Model: ")/).map(t => t.split('\n').slice(1).join('\n').trim());
}

describe('examples/advanced_rnn_theory.ipynb', () => {
    const files = cliSuite('rnn-lens-pydoor-');

    it('is an nbformat-4 notebook that builds the seven models the course way', () => {
        const notebook = JSON.parse(readFileSync(NOTEBOOK, 'utf8')) as { nbformat: number; cells: Array<{ cell_type: string; source: string[]; outputs?: unknown[]; metadata: object }> };
        expect(notebook.nbformat).toBe(4);
        const code = notebook.cells.filter(c => c.cell_type === 'code').map(c => c.source.join(''));
        expect(code.filter(c => c.startsWith('model = Sequential()\nmodel.add('))).toHaveLength(7);
        expect(code.filter(c => c === 'model.summary()')).toHaveLength(7);
        for (const cell of notebook.cells) expect(cell.metadata).toBeDefined();
    });

    it.each([[[]], [['--keras', '2']]])('prints the summaries of the .rnn example (%j)', (extra: string[]) => {
        const fromNotebook = runCli('summary', '--json', ...extra, NOTEBOOK);
        const fromRnn = runCli('summary', '--json', ...extra, RNN);
        expect(fromNotebook.status).toBe(0);
        expect(unnamed(fromNotebook.stdout)).toHaveLength(7);
        expect(unnamed(fromNotebook.stdout)).toEqual(unnamed(fromRnn.stdout));
        expect(tables(runCli('summary', ...extra, NOTEBOOK).stdout)).toEqual(tables(runCli('summary', ...extra, RNN).stdout));
    });

    it('check: exit 1 on a missing return_sequences, naming the file, the cell and the line', () => {
        const notebook = JSON.parse(readFileSync(NOTEBOOK, 'utf8')) as { cells: Array<{ source: string[] }> };
        const index = notebook.cells.findIndex(c => c.source.join('').includes('LSTM(40,'));
        notebook.cells[index].source = notebook.cells[index].source.map(l => l.replace('LSTM(30, activation="relu", recurrent_dropout=0.1, return_sequences=True)', 'LSTM(30, activation="relu", recurrent_dropout=0.1)'));
        const course = files.file('course.ipynb', JSON.stringify(notebook));
        const result = runCli('check', course);
        expect(result.status).toBe(1);
        expect(result.stdout).toContain(`${course}:cell ${index + 1}:5:11 error missing-return-sequences`);
        expect(runCli('check', NOTEBOOK).status).toBe(0);
    });

    it('a broken notebook, or one without cells, is a clear message naming the file', () => {
        const broken = files.file('broken.ipynb', '{"cells": [ {"cell_type": "code", "source": ');
        const result = runCli('check', broken);
        expect(result.status).toBe(2);
        expect(result.stderr).toContain(`${broken} is not a notebook: its JSON does not parse`);
        const empty = files.file('empty.ipynb', '{"metadata": {}}');
        expect(runCli('summary', empty).stderr).toContain(`${empty} is not a notebook: it has no "cells" list`);
    });
});

describe('Python files', () => {
    const files = cliSuite('rnn-lens-pydoor-py-');

    it('summary names the models after their variables; explain and diagram work; bytes that are not UTF-8 do not stop it', () => {
        const code = '# caf\xe9\nimport keras\nencoder = keras.Sequential([keras.layers.LSTM(8, input_shape=(5, 2)), keras.layers.Dense(1)])\n';
        const path = files.file('m.py', code);
        // Latin-1 bytes: an invalid UTF-8 sequence in the comment.
        const latin = files.path('latin.py');
        writeFileSync(latin, Buffer.from(code, 'latin1'));
        for (const file of [path, latin]) {
            const summary = runCli('summary', '--json', file);
            expect(summary.status).toBe(0);
            expect(JSON.parse(summary.stdout).models.map((m: { name: string }) => m.name)).toEqual(['encoder']);
        }
        const explain = runCli('explain', path);
        expect(explain.status).toBe(0);
        expect(explain.stdout).toContain('LSTM');
        const diagram = runCli('diagram', path, '--out', files.path('d.svg'));
        expect(diagram.status, diagram.stderr).toBe(0);
    });

    it('train trains the model with the epochs, batch size and early stopping of its model.fit(...)', () => {
        const path = files.file('fit.py', 'import keras\nfrom keras import layers\nencoder = keras.Sequential([layers.LSTM(4, input_shape=(5, 2)), layers.Dense(1)])\nencoder.compile(optimizer="adam", loss="mse")\nencoder.fit(X, y, epochs=2, batch_size=64, callbacks=[keras.callbacks.EarlyStopping(patience=1)])\n');
        const result = runCli('train', path, '--backend', 'cpu');
        expect(result.status, result.stderr).toBe(0);
        expect(result.stdout).toContain('Training "encoder"');
        expect(result.stdout).toMatch(/for 2 of 2 epochs .*batch 64/);
    }, 120_000);

    it('check of Python without a Keras model says nothing and exits 0', () => {
        const plain = files.file('plain.py', 'import os\nprint(os.getcwd())\n');
        const result = runCli('check', plain);
        expect(result.status).toBe(0);
        expect(result.stdout).toBe('');
    });
});
