/**
 * The target Keras version on the command line: Keras 3 by default, `--keras 2|3` for files that
 * do not say, and a file's own `keras N` line winning over the flag. The tables are held against
 * real Keras 3's printout (test/fixtures/keras-versions/) and the notebook's Keras 2 format.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliSuite, runCli } from '../helpers/cli-run.js';
import { ROOT } from '../helpers/ensure-built.js';

const { file } = cliSuite('rnn-lens-keras-');
const KERAS3_SIMPLE_RNN = readFileSync(join(ROOT, 'test', 'fixtures', 'keras-versions', 'keras3', 'advanced_rnn_theory.SingleSimpleRNN.txt'), 'utf8');
const POOLING = 'model P {\n    Input(shape=(10, 3))\n    AveragePooling1D()\n    LSTM(4)\n}\n';

describe('rnn-lens and the target Keras version', () => {
    it('prints Keras 3\'s table by default, byte for byte as Keras 3 prints it', () => {
        const { status, stdout } = runCli('summary', 'examples/advanced_rnn_theory.rnn', '--model', 'SingleSimpleRNN');
        expect(status).toBe(0);
        expect(stdout).toBe(KERAS3_SIMPLE_RNN);
        expect(runCli('summary', 'examples/advanced_rnn_theory.rnn', '--model', 'SingleSimpleRNN', '--keras', '3').stdout).toBe(KERAS3_SIMPLE_RNN);
    });

    it('prints Keras 2\'s table with --keras 2', () => {
        const { stdout } = runCli('summary', 'examples/advanced_rnn_theory.rnn', '--model', 'SingleSimpleRNN', '--keras', '2');
        expect(stdout).toContain('_'.repeat(65));
        expect(stdout).toContain('Total params: 1,108\nTrainable params: 1,108\n');
        expect(stdout).not.toContain('┏');
    });

    it('follows the file\'s own keras line over the flag', () => {
        const path = file('pool2.rnn', `keras 2\n${POOLING}`);
        const summary = runCli('summary', path, '--keras', '3', '--json');
        expect(summary.status).toBe(0);
        const json = JSON.parse(summary.stdout);
        expect(json.keras).toBe(2);
        expect(json.models[0].layers[0]).toMatchObject({ name: 'average_pooling1d', outputShape: [null, 5, 3] });
        expect(json.diagnostics.map((d: { code: string }) => d.code)).toEqual(['keras-version-difference']);
    });

    it('gives each version\'s verdict in check: Keras 3 refuses AveragePooling1D() (exit 1), Keras 2 builds it (exit 0)', () => {
        const path = file('pool.rnn', POOLING);
        const keras3 = runCli('check', path);
        expect(keras3.status).toBe(1);
        expect(keras3.stdout).toContain(`${path}:3:5 error missing-argument AveragePooling1D needs pool_size in Keras 3`);
        const keras2 = runCli('check', path, '--keras', '2');
        expect(keras2.status).toBe(0);
        expect(keras2.stdout).toContain(`${path}:3:5 information keras-version-difference Keras 2 averages 2 steps`);
    });

    it('names the version in the explanation', () => {
        expect(runCli('explain', 'examples/advanced_rnn_theory.rnn', '--model', 'SingleLSTM').stdout).toContain('follow Keras 3.');
        expect(runCli('explain', 'examples/advanced_rnn_theory.rnn', '--model', 'SingleLSTM', '--keras', '2').stdout)
            .toContain('What Keras 2 (tf-keras)\'s `model.summary()` prints for it:');
    });

    it('refuses a version it does not know, naming the ones it does (exit 2)', () => {
        for (const command of ['summary', 'check', 'explain', 'diagram', 'export', 'train']) {
            const { status, stderr } = runCli(command, 'examples/advanced_rnn_theory.rnn', '--keras', '4');
            expect(status, command).toBe(2);
            expect(stderr, command).toContain('--keras must be 3 (keras, TensorFlow 2.16 and later), 2 (tf-keras) or auto (what each file says), not "4".');
        }
    });

    it('takes --keras auto as each file\'s own version: Keras 2 for Python that imports tf_keras, Keras 3 for Python that does not', () => {
        const model = 'model = keras.Sequential([keras.Input(shape=(10, 3)), keras.layers.AveragePooling1D(), keras.layers.LSTM(4)])\n';
        const legacy = JSON.parse(runCli('summary', file('legacy.py', `import tf_keras as keras\n${model}`), '--keras', 'auto', '--json').stdout);
        expect(legacy.keras).toBe(2);
        expect(legacy.models[0].layers[0]).toMatchObject({ outputShape: [null, 5, 3] });
        const plain = runCli('check', file('plain.py', `import keras\n${model}`), '--keras', 'auto');
        expect(plain.status).toBe(1);
        expect(plain.stdout).toContain('error missing-argument AveragePooling1D needs pool_size in Keras 3');
    });
});
