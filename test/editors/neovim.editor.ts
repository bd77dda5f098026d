/**
 * Neovim 0.12 (Debian sid's, scripts/install-editor-deps.sh) with the README's init.lua as the
 * user's ~/.config/nvim/init.lua, headless, its own LSP client talking to the installed
 * `rnn-lens lsp --stdio`: diagnostics, inlay hints (with the README's batchDimension = false
 * setting, so also workspace/configuration), K's hover float and the quick fix it applies.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { run } from '../helpers/installed-cli.js';
import { EDITORS, editorWorld, expectedLayerHints, FIXED_TEXT, FIXTURE_TEXT, firstLstmParams, LINES, totalParams } from './editor-fixture.js';
import { readmeConfig } from './readme-config.js';

const NVIM = join(EDITORS, 'nvim', 'bin', 'nvim');
const binDir = inject('binDir');
let seen: any;
let seconds = 0;

const labelsOn = (hints: { line: number; label: string }[], line: number) => hints.filter(h => h.line === line).map(h => h.label);

beforeAll(() => {
    const world = editorWorld(binDir, 'nvim');
    world.config('.config/nvim/init.lua', readmeConfig('lua', 'init.lua'));
    const result = join(world.home, 'result.json');
    const started = Date.now();
    const nvim = run(NVIM, ['--headless', 'stacked.rnn', '-c', `luafile ${join(__dirname, 'neovim-check.lua')}`], {
        cwd: world.project, env: { ...world.env, RNN_LENS_RESULT: result }, timeout: 150_000
    });
    seconds = (Date.now() - started) / 1000;
    if (nvim.status !== 0) throw new Error(`nvim exited ${nvim.status}:\n${nvim.stderr}`);
    seen = JSON.parse(readFileSync(result, 'utf8'));
    console.log(`neovim: ${seconds.toFixed(1)} s from start to quit; its messages: ${JSON.stringify(seen.messages)}`);
}, 180_000);

describe('Neovim 0.12, configured as the README says', () => {
    it('starts rnn-lens from the PATH for a .rnn file', () => {
        expect(seen.error).toBeUndefined();
        expect(seen.filetype).toBe('rnn');
        expect(seen.steps.filter((s: { ok: boolean }) => !s.ok)).toEqual([]);
        expect(seen.cmd).toEqual(['rnn-lens', 'lsp', '--stdio']);
    });

    it('shows the missing return_sequences as an error on the second LSTM', () => {
        expect(seen.diagnostics).toEqual([expect.objectContaining({ line: LINES.secondLstm, code: 'missing-return-sequences', severity: 1 })]);
        expect(seen.diagnostics[0].message).toContain('return_sequences=True');
    });

    it('shows the inlay hints rnn-lens summary computes, without the batch dimension as configured', () => {
        for (const [line, labels] of expectedLayerHints(binDir, FIXTURE_TEXT, true)) expect(labelsOn(seen.hints, line), `line ${line}`).toEqual(labels);
    });

    it('shows the LSTM\'s parameter formula in K\'s hover', () => {
        const hover = seen.hover.join('\n');
        expect(hover).toContain('LSTM');
        expect(hover).toContain(`= ${firstLstmParams(binDir)}`);
    });

    it('applies the quick fix, after which the error is gone and every layer has its hints', () => {
        expect(seen.fixed.join('\n')).toBe(FIXED_TEXT.replace(/\n$/, ''));
        expect(seen.diagnosticsAfter).toEqual([]);
        for (const [line, labels] of expectedLayerHints(binDir, FIXED_TEXT, true)) expect(labelsOn(seen.hintsAfter, line), `line ${line}`).toEqual(labels);
        expect(labelsOn(seen.hintsAfter, LINES.model).join(' ')).toContain(totalParams(binDir, FIXED_TEXT));
    });
});
