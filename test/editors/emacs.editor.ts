/**
 * Emacs 28 with Debian's elpa-eglot 1.9 and the README's init.el as the user's ~/.emacs.d/init.el,
 * in batch mode (test/editors/emacs-check.el): flymake's diagnostics, eldoc's hover and
 * M-x eglot-code-actions applying the quick fix, from the installed `rnn-lens lsp --stdio`.
 * Eglot 1.9 has no inlay hints (Emacs 29's eglot has): none are asked for.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { run } from '../helpers/installed-cli.js';
import { editorWorld, FIXED_TEXT, firstLstmParams, LINES } from './editor-fixture.js';
import { readmeConfig } from './readme-config.js';

const binDir = inject('binDir');
let seen: any;
let stderr = '';

beforeAll(() => {
    const world = editorWorld(binDir, 'emacs');
    world.config('.emacs.d/init.el', readmeConfig('elisp', 'init.el'));
    const result = join(world.home, 'result.json');
    const started = Date.now();
    const emacs = run('emacs', ['--batch', '-l', join(__dirname, 'emacs-check.el')], {
        cwd: world.project, env: { ...world.env, RNN_LENS_RESULT: result }, timeout: 150_000
    });
    stderr = emacs.stderr;
    if (emacs.status !== 0) throw new Error(`emacs exited ${emacs.status}:\n${emacs.stderr}`);
    seen = JSON.parse(readFileSync(result, 'utf8'));
    console.log(`emacs: ${((Date.now() - started) / 1000).toFixed(1)} s from start to exit; its messages:\n${stderr}`);
}, 180_000);

describe('Emacs 28 with eglot, configured as the README says', () => {
    it('starts rnn-lens from the PATH for a .rnn file in rnn-mode', () => {
        expect(seen.error).toBeUndefined();
        expect(stderr).not.toContain('Server exited');
        expect(seen.mode).toBe('rnn-mode');
        expect(seen.managed).toBe(true);
        expect(seen.command).toEqual(['rnn-lens', 'lsp', '--stdio']);
    });

    it('shows the missing return_sequences as a flymake error on the second LSTM', () => {
        expect(seen.diagnosed).toBe(true);
        expect(seen.diagnostics).toHaveLength(1);
        expect(seen.diagnostics[0]).toMatchObject({ at: [LINES.secondLstm, 4], type: 'eglot-error' });
        expect(seen.diagnostics[0].text).toContain('missing-return-sequences');
    });

    it('shows the LSTM\'s parameter formula in eldoc\'s hover', () => {
        expect(seen.hover).toContain('LSTM');
        expect(seen.hover).toContain(`= ${firstLstmParams(binDir)}`);
    });

    it('offers the quick fix in M-x eglot-code-actions and applies it, after which the error is gone', () => {
        expect(seen.offered).toHaveLength(1);
        expect(seen.offered[0]).toContain('return_sequences=True');
        expect(seen.fixed).toBe(FIXED_TEXT);
        expect(seen.cleared).toBe(true);
        expect(seen.diagnosticsAfter).toEqual([]);
    });
});
