/**
 * The `rnn-lens` command end to end, as a child process: the summary table and its JSON, the
 * check lines and their JSON, and the exit codes (0 fine, 1 errors in the file, 2 could not run).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt } from '../helpers/ensure-built.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const example = 'examples/advanced_rnn_theory.rnn';
let dir: string;

interface Run { readonly status: number | null; readonly stdout: string; readonly stderr: string }

function cli(...args: string[]): Run {
    const result = spawnSync(process.execPath, [join(root, 'bin', 'rnn-lens.cjs'), ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });
    if (result.error) throw result.error;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, text: string): string {
    const path = join(dir, name);
    writeFileSync(path, text);
    return path;
}

beforeAll(() => {
    ensureBuilt();
    dir = mkdtempSync(join(tmpdir(), 'rnn-lens-cli-'));
}, 120_000);

afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('rnn-lens summary', () => {
    it('prints Keras 2\'s model.summary() table for each model with --keras 2, as the notebook shows', () => {
        const { status, stdout, stderr } = cli('summary', example, '--keras', '2');
        expect(status).toBe(0);
        expect(stderr).toBe('');
        const lines = stdout.split('\n');
        expect(lines[0]).toBe('Model: "SingleSimpleRNN"');
        expect(lines[1]).toBe('_'.repeat(65));
        // TensorFlow 2's header: columns at 45% and 85% of 65 characters (29 and 55).
        expect(lines[2].trimEnd()).toBe(' Layer (type)                Output Shape              Param #');
        expect(lines[2].indexOf('Output Shape')).toBe(29);
        expect(lines[2].indexOf('Param #')).toBe(55);
        expect(lines[3]).toBe('='.repeat(65));
        const conv = lines.find(l => l.startsWith(' conv1d (Conv1D)'))!;
        expect(conv.trimEnd()).toBe(' conv1d (Conv1D)             (None, 20, 3)             57');
        expect(conv.indexOf('(None, 20, 3)')).toBe(29);
        expect(conv.indexOf('57')).toBe(55);
        // The long layer name wraps as TensorFlow wraps it.
        expect(stdout).toContain(' max_pooling1d (MaxPooling1D  (None, 10, 3)');
        expect(stdout).toContain('Total params: 1,108\nTrainable params: 1,108\nNon-trainable params: 0\n');
        expect(stdout.match(/^Model: "/gm)).toHaveLength(7);
        expect(stdout).toContain('Total params: 93,891');
    });

    it('--model prints one model', () => {
        const { status, stdout } = cli('summary', example, '--model', 'StackedLSTM', '--keras', '2');
        expect(status).toBe(0);
        expect(stdout.match(/^Model: "/gm)).toEqual(['Model: "']);
        expect(stdout).toContain('Model: "StackedLSTM"');
        expect(stdout).toContain(' lstm_3 (LSTM)               (None, 60)                26640');
        expect(stdout).toContain('Total params: 60,120');
        expect(stdout).not.toContain('SingleSimpleRNN');
    });

    it('--json gives the models and the diagnostics', () => {
        const { status, stdout } = cli('summary', example, '--json');
        expect(status).toBe(0);
        const json = JSON.parse(stdout);
        expect(Object.keys(json).sort()).toEqual(['diagnostics', 'keras', 'models']);
        expect(json.keras).toBe(3);
        expect(json.models).toHaveLength(7);
        const first = json.models[0];
        expect(first).toMatchObject({ name: 'SingleSimpleRNN', totalParams: 1108, trainableParams: 1108, nonTrainableParams: 0 });
        expect(first.layers[0]).toEqual({
            name: 'conv1d', type: 'Conv1D', outputShape: [null, 20, 3], params: 57, trainable: 57, nonTrainable: 0
        });
        expect(first.layers.map((l: { name: string }) => l.name)).toEqual(['conv1d', 'max_pooling1d', 'simple_rnn', 'dropout', 'dense']);
        expect(first.layers.map((l: { outputShape: unknown }) => l.outputShape)).toEqual([[null, 20, 3], [null, 10, 3], [null, 30], [null, 30], [null, 1]]);
        expect(json.models.map((m: { totalParams: number }) => m.totalParams)).toEqual([1108, 3890, 60120, 53809, 9661, 15301, 93891]);
        expect(Array.isArray(json.diagnostics)).toBe(true);
        for (const d of json.diagnostics) {
            expect(Object.keys(d).sort()).toEqual(['code', 'message', 'range', 'severity']);
            expect(d.severity).not.toBe('error');
        }
    });

    it('--json with --model keeps only that model', () => {
        const json = JSON.parse(cli('summary', example, '--json', '--model', 'SingleBidirectional').stdout);
        expect(json.models.map((m: { name: string }) => m.name)).toEqual(['SingleBidirectional']);
        expect(json.models[0].layers[0]).toEqual({
            name: 'bidirectional', type: 'Bidirectional', outputShape: [null, 60], params: 9600, trainable: 9600, nonTrainable: 0
        });
    });

    it('shows non-trainable parameters (BatchNormalization\'s moving statistics)', () => {
        const path = file('bn.rnn', 'model BN {\n    Input(shape=(10, 4))\n    BatchNormalization()\n    LSTM(3)\n}\n');
        const json = JSON.parse(cli('summary', path, '--json').stdout);
        // BatchNormalization on 4 features: γ, β trainable (8), moving mean and variance not (8).
        // LSTM: 4 × [3 × (3 + 4) + 3] = 96.
        expect(json.models[0]).toMatchObject({ totalParams: 112, trainableParams: 104, nonTrainableParams: 8 });
        expect(json.models[0].layers[0]).toMatchObject({ params: 16, trainable: 8, nonTrainable: 8 });
        expect(cli('summary', path).stdout).toContain('Non-trainable params: 8');
    });

    it('marks unknown layers with ? and exits 1 on an error, naming it on stderr', () => {
        const path = file('broken.rnn', 'model A {\n    LSTM(30, input_shape=(21, 9))\n    LSTM(10)\n    Dense(1)\n}\n');
        const { status, stdout, stderr } = cli('summary', path, '--keras', '2');
        expect(status).toBe(1);
        expect(stdout).toContain(' lstm (LSTM)                 (None, 30)                4800');
        expect(stdout).toMatch(/ lstm_1 \(LSTM\) +\? +\?/);
        expect(stdout).toContain('Total params: 4,800 (layers marked ? are unknown: see the diagnostics)');
        expect(stderr).toContain(`${path}:3:5 error missing-return-sequences`);
        const json = JSON.parse(cli('summary', path, '--json').stdout);
        expect(json.models[0].layers[1]).toEqual({ name: 'lstm_1', type: 'LSTM', outputShape: null, params: null, trainable: null, nonTrainable: null });
        expect(json.models[0].complete).toBe(false);
    });
});

describe('rnn-lens check', () => {
    const text = [
        'let n = 21',                            // line 1
        'model A {',                             // line 2
        '    LTSM(8, input_shape=(n, 9))',       // line 3: unknown-layer at column 5
        '    MaxPooling1D(2)',                   // line 4
        '}',
        'model B {',
        '    MaxPooling1D(2, input_shape=(n, 9))', // line 7: pooling-drops-steps (warning) at column 5
        '}'
    ].join('\n');

    it('prints file:line:col severity code message, 1-based, in document order', () => {
        const path = file('check.rnn', text);
        const { status, stdout, stderr } = cli('check', path);
        expect(status).toBe(1);
        expect(stderr).toBe('');
        const lines = stdout.trimEnd().split('\n');
        expect(lines).toHaveLength(3);
        expect(lines[0]).toBe(`${path}:3:5 error unknown-layer "LTSM" is not a layer RNN Lens knows, nor compile, fit or data. Did you mean "LSTM"?`);
        expect(lines[1]).toMatch(new RegExp(`^${escape(path)}:4:5 error missing-input-shape `));
        expect(lines[2]).toMatch(new RegExp(`^${escape(path)}:7:5 warning pooling-drops-steps .*⌊21 / 2⌋ = 10`));
    });

    it('--json gives the diagnostics with 0-based LSP ranges', () => {
        const path = file('check-json.rnn', text);
        const { status, stdout } = cli('check', path, '--json');
        expect(status).toBe(1);
        const json = JSON.parse(stdout);
        expect(Object.keys(json)).toEqual(['diagnostics']);
        expect(json.diagnostics.map((d: { code: string }) => d.code)).toEqual(['unknown-layer', 'missing-input-shape', 'pooling-drops-steps']);
        expect(json.diagnostics[0]).toEqual({
            code: 'unknown-layer',
            severity: 'error',
            message: '"LTSM" is not a layer RNN Lens knows, nor compile, fit or data. Did you mean "LSTM"?',
            range: { start: { line: 2, character: 4 }, end: { line: 2, character: 8 } }
        });
        expect(json.diagnostics[2].range).toEqual({ start: { line: 6, character: 4 }, end: { line: 6, character: 16 } });
        expect(json.diagnostics[2].severity).toBe('warning');
    });

    it('exits 0 with warnings only', () => {
        const path = file('warnings.rnn', 'model B {\n    MaxPooling1D(2, input_shape=(21, 9))\n}\n');
        const { status, stdout } = cli('check', path);
        expect(status).toBe(0);
        expect(stdout).toContain('warning pooling-drops-steps');
        expect(cli('summary', path).status).toBe(0);
    });

    it('exits 0 and prints nothing for a clean file', () => {
        const path = file('clean.rnn', 'model A {\n    Input(shape=(21, 9))\n    LSTM(8)\n    Dense(1)\n}\n');
        const { status, stdout, stderr } = cli('check', path);
        expect([status, stdout, stderr]).toEqual([0, '', '']);
        expect(JSON.parse(cli('check', path, '--json').stdout)).toEqual({ diagnostics: [] });
    });

    it('exits 0 on the course example (its three pooling warnings only)', () => {
        const { status, stdout } = cli('check', example);
        expect(status).toBe(0);
        expect(stdout).not.toMatch(/ error /);
        expect(stdout).toContain(`${example}:56:5 warning pooling-drops-steps`);
    });

    it('reads data(...) files relative to the .rnn file, not the working directory', () => {
        const sub = join(dir, 'project');
        mkdirSync(sub, { recursive: true });
        copyFileSync(join(root, 'test', 'fixtures', 'weather.csv'), join(sub, 'weather.csv'));
        const model = (features: string) => `model A {\n    LSTM(8, input_shape=(5, 2))\n    Dense(1)\n    data("weather.csv", features=${features}, target="temp_max", lookback=5)\n}\n`;
        const good = join(sub, 'good.rnn');
        writeFileSync(good, model('["temp_min", "wind"]'));
        expect(cli('check', good)).toMatchObject({ status: 0, stdout: '' });
        const bad = join(sub, 'bad.rnn');
        writeFileSync(bad, model('["temp_mn", "wind"]'));
        const run = cli('check', bad);
        expect(run.status).toBe(1);
        expect(run.stdout).toContain(`${bad}:4:35 error data-column-not-found The CSV has no column "temp_mn".`);
        const missing = file('missing-data.rnn', model('["temp_min", "wind"]'));
        expect(cli('check', missing).stdout).toContain(`${missing}:4:10 error data-file-not-found`);
    });

    it('stops quietly when the reader of its output goes away', () => {
        const many = Array.from({ length: 400 }, (_, i) => `model M${i} { MaxPooling1D(2, input_shape=(21, 9)) }`).join('\n');
        const path = file('many.rnn', many);
        const result = spawnSync('bash', ['-c', `"${process.execPath}" bin/rnn-lens.cjs check "${path}" | head -n 1`], { cwd: root, encoding: 'utf8' });
        expect(result.stdout.split('\n')[0]).toContain('pooling-drops-steps');
        expect(result.stderr).toBe('');
    });
});

describe('exit code 2: the command could not run', () => {
    it('a missing file', () => {
        const { status, stdout, stderr } = cli('check', 'no/such/file.rnn');
        expect(status).toBe(2);
        expect(stdout).toBe('');
        expect(stderr.trim()).toBe('rnn-lens check: cannot read "no/such/file.rnn": no such file.');
        expect(cli('summary', 'no/such/file.rnn').stderr).toContain('cannot read "no/such/file.rnn": no such file.');
    });

    it('a directory instead of a file', () => {
        const { status, stderr } = cli('summary', dir);
        expect(status).toBe(2);
        expect(stderr).toContain('it is a directory');
    });

    it('an unknown --model, listing the models there are', () => {
        const { status, stdout, stderr } = cli('summary', example, '--model', 'Nope');
        expect(status).toBe(2);
        expect(stdout).toBe('');
        expect(stderr).toContain('no model named "Nope"');
        expect(stderr).toContain('SingleSimpleRNN, SingleLSTM, StackedLSTM, Monster1, SingleBidirectional, StackedBidirectional, Monster2');
    });

    it('an unknown option', () => {
        const { status, stderr } = cli('check', example, '--bogus');
        expect(status).toBe(2);
        expect(stderr).toContain('--bogus');
        expect(stderr).not.toContain('internal error');
    });

    it('--model without a value', () => {
        const { status, stderr } = cli('summary', example, '--model');
        expect(status).toBe(2);
        expect(stderr).toContain('--model');
    });

    it('--model on check, which has no models to choose', () => {
        expect(cli('check', example, '--model', 'StackedLSTM').status).toBe(2);
    });

    it('no file, or two files', () => {
        expect(cli('check')).toMatchObject({ status: 2, stderr: expect.stringContaining('give a .rnn file') });
        expect(cli('check', example, example)).toMatchObject({ status: 2, stderr: expect.stringContaining('give one .rnn file, not 2') });
    });

    it('an unknown command, or none', () => {
        const unknown = cli('sumary', example);
        expect(unknown.status).toBe(2);
        expect(unknown.stderr).toContain('unknown command "sumary"');
        expect(unknown.stderr).toContain('Usage:');
        expect(cli().status).toBe(2);
        expect(cli('--help')).toMatchObject({ status: 0, stdout: expect.stringContaining('Usage:') });
    });
});

function escape(text: string): string {
    return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
