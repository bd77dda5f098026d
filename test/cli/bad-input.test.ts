/**
 * The command line on bad input, as a child process: a bad CSV cell is a `data-bad-cell` error of
 * `check` (exit 1) naming file, row and column; `train --json` ends with one `{"done": false,
 * "error": {...}}` object naming the failure and its place, whatever failed; `check` honours
 * `--diagnostic CODE=LEVEL` and the file's own `# rnn-lens: allow(...)` comments.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliSuite, runCli } from '../helpers/cli-run.js';

const suite = cliSuite('rnn-lens-bad-input-');
const example = 'examples/advanced_rnn_theory.rnn';

/** A CSV of 60 rows (a, b, y) with `cell` in column b of spreadsheet row `row` (header = row 1). */
function csv(name: string, row: number, cell: string): string {
    const rows = ['a,b,y', ...Array.from({ length: 60 }, (_, i) => `${i},${i % 7},${i * 2}`)];
    rows[row - 1] = `${row},${cell},${row * 2}`;
    mkdirSync(dirname(suite.path(name)), { recursive: true });
    return suite.file(name, rows.join('\n') + '\n');
}

const model = (path: string, extra = '') =>
    `model M {\n    Input(shape=(5, 2))\n    LSTM(4${extra})\n    Dense(1)\n    compile(optimizer="adam", loss="mse")\n    data("${path}", features=["a", "b"], target="y", lookback=5)\n}\n`;

/** Every stdout line of `--json` is JSON; the last one is returned. */
function lastJson(stdout: string): any {
    const lines = stdout.trim().split('\n');
    for (const line of lines) expect(() => JSON.parse(line), line).not.toThrow();
    return JSON.parse(lines.at(-1)!);
}

describe('rnn-lens check: bad cells of a data(...) file', () => {
    it('reports an empty feature cell on the data(...) call, naming file, row and column (exit 1)', () => {
        csv('data/empty.csv', 32, '');
        const path = suite.file('empty.rnn', model('data/empty.csv'));
        const { status, stdout } = runCli('check', path);
        expect(status).toBe(1);
        // Line 6, on the feature "b" inside data(...).
        const column = model('data/empty.csv').split('\n')[5].indexOf('"b"') + 1;
        expect(stdout.trim()).toBe(`${path}:6:${column} error data-bad-cell data/empty.csv, row 32, column "b": the cell is empty, but a feature column needs a number in every row. Fill it in or remove the row.`);
    });

    it('reports a cell that is not a number, in --json too', () => {
        csv('data/text.csv', 17, 'oops');
        const path = suite.file('text.rnn', model('data/text.csv'));
        const { status, stdout } = runCli('check', path, '--json');
        expect(status).toBe(1);
        const [d] = JSON.parse(stdout).diagnostics;
        expect(d).toMatchObject({ code: 'data-bad-cell', severity: 'error' });
        expect(d.message).toContain('data/text.csv, row 17, column "b": the cell "oops" is not a number');
    });
});

describe('rnn-lens train --json: one last object for every failure', () => {
    it('a bad cell: exit 1, the message on stderr, and {done: false, error} with file, row and column on stdout', () => {
        csv('data/train-empty.csv', 40, '');
        const path = suite.file('train-empty.rnn', model('data/train-empty.csv'));
        const { status, stdout, stderr } = runCli('train', path, '--json', '--epochs', '1');
        expect(status).toBe(1);
        expect(stderr).toContain('row 40, column "b": the cell is empty');
        expect(lastJson(stdout)).toEqual({
            done: false,
            error: { kind: 'data', message: expect.stringContaining('the cell is empty'), file: 'data/train-empty.csv', row: 40, column: 'b' }
        });
    });

    it('errors in the model: their codes and places in the .rnn file (exit 1)', () => {
        const path = suite.file('broken.rnn', 'model M {\n    LSTM(30, input_shape=(10, 2))\n    LSTM(5)\n    Dense(1)\n}\n');
        const { status, stdout } = runCli('train', path, '--json');
        expect(status).toBe(1);
        const { error } = lastJson(stdout);
        // As `rnn-lens check` places it: on the second LSTM (line 3, column 5).
        expect(error).toMatchObject({ kind: 'model', file: path, line: 3, character: 5, code: 'missing-return-sequences' });
        expect(runCli('check', path).stdout).toContain(`${path}:3:5 error missing-return-sequences`);
        expect(error.errors.map((e: { code: string }) => e.code)).toEqual(['missing-return-sequences']);
    });

    it('a model tfjs cannot train: the layer\'s place (exit 1)', () => {
        csv('data/fine.csv', 10, '3');
        // A fixed batch size makes stateful=True a model Keras builds (without one both Keras versions refuse it).
        const path = suite.file('stateful.rnn', model('data/fine.csv', ', stateful=True').replace('Input(shape=(5, 2))', 'Input(shape=(5, 2), batch_size=4)'));
        const { status, stdout } = runCli('train', path, '--json');
        expect(status).toBe(1);
        expect(lastJson(stdout).error).toMatchObject({ kind: 'training', file: path, line: 3, character: 5, message: expect.stringContaining('stateful') });
    });

    it('a missing file, a bad option, an unknown model: usage errors (exit 2), still one object', () => {
        const missing = runCli('train', suite.path('nowhere.rnn'), '--json');
        expect(missing.status).toBe(2);
        expect(lastJson(missing.stdout).error).toMatchObject({ kind: 'usage', file: suite.path('nowhere.rnn'), message: expect.stringContaining('no such file') });
        const option = runCli('train', example, '--json', '--epochs', '0');
        expect(option.status).toBe(2);
        expect(lastJson(option.stdout)).toMatchObject({ done: false, error: { kind: 'usage', message: expect.stringContaining('--epochs') } });
        const unknown = runCli('train', example, '--json', '--frobnicate');
        expect(unknown.status).toBe(2);
        expect(lastJson(unknown.stdout).error.kind).toBe('usage');
        const model = runCli('train', example, '--json', '--model', 'Nope');
        expect(model.status).toBe(2);
        expect(lastJson(model.stdout).error).toMatchObject({ kind: 'usage', file: example, message: expect.stringContaining('Nope') });
    });

    it('without --json, stdout stays free of JSON', () => {
        const { status, stdout } = runCli('train', example, '--epochs', '0');
        expect(status).toBe(2);
        expect(stdout).toBe('');
    });
});

describe('rnn-lens check: levels', () => {
    it('shows only the pooling remainders of the course example by default', () => {
        const { status, stdout } = runCli('check', example);
        expect(status).toBe(0);
        expect(stdout.trim().split('\n').map(l => l.split(' ')[2])).toEqual(['pooling-drops-steps', 'pooling-drops-steps', 'pooling-drops-steps']);
    });

    it('--diagnostic turns a code on, off, or into an error (exit 1)', () => {
        const on = runCli('check', example, '--diagnostic', 'slow-recurrent-kernel=warning', '--diagnostic', 'pooling-drops-steps=off');
        expect(on.status).toBe(0);
        const lines = on.stdout.trim().split('\n');
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) expect(line).toMatch(/ warning slow-recurrent-kernel /);
        const denied = runCli('check', example, '--diagnostic', 'pooling-drops-steps=error');
        expect(denied.status).toBe(1);
        expect(denied.stdout).toContain(' error pooling-drops-steps ');
    });

    it('rejects an unknown code or level (exit 2), suggesting the code', () => {
        const code = runCli('check', example, '--diagnostic', 'slow-recurent-kernel=off');
        expect(code.status).toBe(2);
        expect(code.stderr).toContain('Did you mean "slow-recurrent-kernel"?');
        expect(runCli('check', example, '--diagnostic', 'pooling-drops-steps=loud').status).toBe(2);
        expect(runCli('check', example, '--diagnostic', 'pooling-drops-steps').status).toBe(2);
    });

    it('honours the file\'s own allow comment, over --diagnostic', () => {
        const path = suite.file('allowed.rnn', '# rnn-lens: allow(pooling-drops-steps)\nmodel B {\n    MaxPooling1D(2, input_shape=(21, 9))\n}\n');
        expect(runCli('check', path, '--diagnostic', 'pooling-drops-steps=error')).toMatchObject({ status: 0, stdout: '' });
    });
});
