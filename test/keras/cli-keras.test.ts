/**
 * `rnn-lens import` and `rnn-lens export` end to end, as child processes: what goes to stdout and
 * stderr, and the exit codes (0 fine, 1 a model with errors, 2 the command could not run).
 */
import { describe, expect, it } from 'vitest';
import { cliSuite, runCli as cli } from '../helpers/cli-run.js';
import { pythonSyntaxError } from './keras-helpers.js';

const { file, path } = cliSuite('rnn-lens-keras-');

describe('rnn-lens import', () => {
    it('prints the .rnn document of a .py file, which rnn-lens summary reads', () => {
        const py = file('m.py', 'from tensorflow.keras import Sequential\nfrom tensorflow.keras.layers import LSTM, Dense\nsteps = 21\nmodel = Sequential()\nmodel.add(LSTM(30, input_shape=(steps, 9)))\nmodel.add(Dense(1))\n');
        const { status, stdout, stderr } = cli('import', py);
        expect(stderr).toBe('');
        expect(status).toBe(0);
        expect(stdout).toContain('let steps = 21\n\nmodel model_1 {\n    LSTM(30, input_shape=(steps, 9))\n    Dense(1)\n}\n');
        const rnn = file('m.rnn', stdout);
        expect(cli('summary', rnn).stdout).toContain('Total params: 4,831');
    });

    it('reads a notebook\'s code cells and names the cell in its warnings', () => {
        const nb = file('m.ipynb', JSON.stringify({
            cells: [
                { cell_type: 'code', source: ['%matplotlib inline\n', 'import keras\n', 'm = keras.Sequential([keras.layers.Dense(1, input_shape=(3,))])'] },
                { cell_type: 'markdown', source: 'text' },
                { cell_type: 'code', source: ['m.add(MyLayer(3))'] }
            ],
            nbformat: 4
        }));
        const { status, stdout, stderr } = cli('import', nb);
        expect(status).toBe(0);
        expect(stderr).toBe(`${nb}: cell 3, line 1: warning: MyLayer is not a layer RNN Lens knows (a custom layer, or one outside its catalog); it is left out of model "m"\n`);
        expect(stdout).toContain('    # cell 3, line 1: MyLayer is not a layer RNN Lens knows');
    });

    it('stops with the line of broken Python, exit code 2', () => {
        const py = file('broken.py', 'import keras\nm = keras.Sequential()\nm.add(keras.layers.LSTM(30,\nm.add(keras.layers.Dense(1))\n');
        const { status, stdout, stderr } = cli('import', py);
        expect(status).toBe(2);
        expect(stdout).toBe('');
        expect(stderr).toBe(`rnn-lens import: ${py} is not valid Python: line 3, column 6: '(' was never closed in "m.add(keras.layers.LSTM(30,"\n`);
    });

    it('says what is wrong with a file that is not a notebook, or not there', () => {
        const bad = file('bad.ipynb', '{"cells": 3}');
        expect(cli('import', bad)).toMatchObject({ status: 2, stderr: expect.stringContaining('it has no "cells" list') });
        expect(cli('import', path('missing.py'))).toMatchObject({ status: 2, stderr: expect.stringContaining('no such file') });
        expect(cli('import')).toMatchObject({ status: 2, stderr: 'rnn-lens import: give a .py or .ipynb file.\n' });
    });
});

describe('rnn-lens export', () => {
    it('prints a Keras script that python3 parses, and that imports back to the same summary', () => {
        const { status, stdout, stderr } = cli('export', 'examples/advanced_rnn_theory.rnn', '--model', 'StackedBidirectional');
        expect(stderr).toBe('');
        expect(status).toBe(0);
        expect(pythonSyntaxError(stdout)).toBe('');
        const back = cli('import', file('sb.py', stdout));
        expect(back.stderr).toBe('');
        const expected = cli('summary', 'examples/advanced_rnn_theory.rnn', '--model', 'StackedBidirectional').stdout;
        expect(cli('summary', file('sb.rnn', back.stdout)).stdout).toBe(expected);
    });

    it('--to tfjs prints TypeScript; a file with one model needs no --model', () => {
        const one = file('one.rnn', 'model Small {\n    Input(shape=(5, 2))\n    SimpleRNN(4)\n    Dense(1)\n}\n');
        const { status, stdout } = cli('export', one, '--to', 'tfjs');
        expect(status).toBe(0);
        expect(stdout).toContain('export const model = tf.sequential({ name: "Small" });\nmodel.add(tf.layers.simpleRNN({');
    });

    it('refuses what it cannot do, with the exit code that says why', () => {
        expect(cli('export', 'examples/seattle_weather.rnn')).toMatchObject({
            status: 2, stderr: expect.stringContaining('has 2 models; choose one with --model NAME (its models: TempForecast, WeatherClassifier)')
        });
        expect(cli('export', 'examples/seattle_weather.rnn', '--model', 'Nope')).toMatchObject({ status: 2, stderr: expect.stringContaining('no model named "Nope"') });
        expect(cli('export', 'examples/seattle_weather.rnn', '--model', 'TempForecast', '--to', 'pytorch')).toMatchObject({ status: 2, stderr: 'rnn-lens export: --to must be keras or tfjs, not "pytorch".\n' });
        const broken = file('broken.rnn', 'model B {\n    LSTM(0, input_shape=(5, 2))\n}\n');
        const result = cli('export', broken);
        expect(result.status).toBe(1);
        expect(result.stdout).toBe('');
        expect(result.stderr).toContain(`${broken}:2:10 invalid-argument`);
        expect(result.stderr).toContain('model "B" cannot be exported until the errors above are fixed');
        const stateful = file('stateful.rnn', 'model S {\n    Input(batch_shape=(4, 5, 2))\n    LSTM(3, stateful=True)\n}\n');
        expect(cli('export', stateful, '--to', 'tfjs')).toMatchObject({ status: 1, stderr: expect.stringContaining('tfjs cannot build model "S":\nlstm (LSTM): LSTM(stateful=True)') });
        expect(cli('export', stateful).status).toBe(0);
    });

    it('is in the help', () => {
        const help = cli('--help').stdout;
        expect(help).toContain('rnn-lens import FILE.py|FILE.ipynb');
        expect(help).toContain('rnn-lens export FILE [--model NAME] [--to keras|tfjs]');
    });
});
