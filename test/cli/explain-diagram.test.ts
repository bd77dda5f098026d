/**
 * `rnn-lens explain` and `rnn-lens diagram` end to end, as child processes: what they print,
 * the file --out writes (the same bytes as stdout), and the exit codes (0 fine, 1 errors in the
 * file, 2 could not run).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cliSuite, runCli } from '../helpers/cli-run.js';
import { byClass, parseXml } from '../helpers/xml-tree.js';

const example = 'examples/advanced_rnn_theory.rnn';
const files = cliSuite('rnn-lens-explain-');

describe('rnn-lens explain', () => {
    it('--model explains one model layer by layer, with the numbers put in', () => {
        const { status, stdout, stderr } = runCli('explain', example, '--model', 'Monster2');
        expect(status).toBe(0);
        expect(stderr).toBe('');
        expect(stdout.startsWith('# Model `Monster2`\n')).toBe(true);
        expect(stdout.match(/^## \d+\. /gm)).toHaveLength(10);
        expect(stdout).toContain('- steps: 21 − 2 + 1 = 20 (the kernel of width 2 fits 20 times)');
        expect(stdout).toContain('`k × i × f + f = 2 × 50 × 20 + 20 = 2,020`');
        expect(stdout).toContain('**Adding up the Param # column** 2,020 + 0 + 410 + 0 + 9,840 + 58,080 + 19,440 + 4,080 + 0 + 21 = 93,891 parameters.');
        expect(stdout).not.toContain('SingleSimpleRNN');
    });

    it('explains every model without --model', () => {
        const { status, stdout } = runCli('explain', example);
        expect(status).toBe(0);
        expect(stdout.match(/^# Model `/gm)).toHaveLength(7);
    });

    it('still explains a file with errors, and exits with 1', () => {
        const path = files.file('broken.rnn', 'model Broken {\n    LSTM(4, input_shape=(None, 5))\n    LSTM(3)\n}\n');
        const { status, stdout } = runCli('explain', path);
        expect(status).toBe(1);
        expect(stdout).toContain('(`missing-return-sequences`)');
    });

    it('an unknown model is a usage error that lists the models', () => {
        const { status, stdout, stderr } = runCli('explain', example, '--model', 'Nope');
        expect(status).toBe(2);
        expect(stdout).toBe('');
        expect(stderr).toContain('rnn-lens explain: no model named "Nope"');
        expect(stderr).toContain('Monster2');
    });
});

describe('rnn-lens diagram', () => {
    it('prints the SVG, and --out writes the same bytes', () => {
        const printed = runCli('diagram', example, '--model', 'Monster2');
        expect(printed.status).toBe(0);
        const svg = parseXml(printed.stdout);
        expect(byClass(svg, 'layer')).toHaveLength(10);
        const out = files.path('monster2.svg');
        const written = runCli('diagram', example, '--model', 'Monster2', '--out', out);
        expect(written.status).toBe(0);
        expect(written.stdout).toBe('');
        expect(readFileSync(out, 'utf8')).toBe(printed.stdout);
    });

    it('--theme dark changes the colours', () => {
        const light = runCli('diagram', example, '--model', 'SingleLSTM', '--theme', 'light').stdout;
        const dark = runCli('diagram', example, '--model', 'SingleLSTM', '--theme', 'dark').stdout;
        expect(dark).not.toBe(light);
        expect(dark.replace(/#[0-9a-f]{6}/g, '#')).toBe(light.replace(/#[0-9a-f]{6}/g, '#'));
    });

    it('needs --model when the file has several models, not when it has one', () => {
        const several = runCli('diagram', example);
        expect(several.status).toBe(2);
        expect(several.stderr).toContain('has 7 models: choose one with --model NAME');
        const path = files.file('one.rnn', 'model Only {\n    Dense(1, input_shape=(3,))\n}\n');
        const one = runCli('diagram', path);
        expect(one.status).toBe(0);
        expect(byClass(parseXml(one.stdout), 'layer').map(l => l.attributes['data-name'])).toEqual(['dense']);
    });

    it('refuses an unknown theme and an --out it cannot write', () => {
        const theme = runCli('diagram', example, '--model', 'Monster2', '--theme', 'blue');
        expect(theme.status).toBe(2);
        expect(theme.stderr).toContain('--theme must be light or dark, not "blue"');
        const out = runCli('diagram', example, '--model', 'Monster2', '--out', files.path('no/such/dir/x.svg'));
        expect(out.status).toBe(2);
        expect(out.stderr).toContain('cannot write');
    });

    it('is in the usage text', () => {
        const { stdout } = runCli('--help');
        expect(stdout).toContain('rnn-lens explain FILE [--model NAME]');
        expect(stdout).toContain('rnn-lens diagram FILE [--model NAME] [--out FILE.svg] [--theme light|dark]');
    });
});
