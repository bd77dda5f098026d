/**
 * Helix (Debian sid's, scripts/install-editor-deps.sh) with the README's languages.toml and
 * config.toml as the user's ~/.config/helix/, driven in a tmux terminal as a user drives it (Helix
 * has no scripting API), its screen read back: the diagnostic in the gutter, at the line's end and
 * in the statusline, the inlay hints inline, `space k`'s hover popup, and `space a`'s quick fix.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { EDITORS, editorWorld, expectedLayerHints, FIXED_TEXT, FIXTURE_TEXT, firstLstmParams, LINES, type EditorWorld } from './editor-fixture.js';
import { readmeConfig } from './readme-config.js';
import { TmuxScreen } from './tmux-screen.js';

const HX = join(EDITORS, 'helix', 'bin', 'hx');
const binDir = inject('binDir');
let world: EditorWorld;
let hx: TmuxScreen;

const expected = new Map<string, Map<number, string[]>>();

/** Every hint the summary expects on buffer line `line` (0-based) is shown on its screen row. */
function hintsShown(screen: string, text: string, line: number): boolean {
    if (!expected.has(text)) expected.set(text, expectedLayerHints(binDir, text));
    const labels = expected.get(text)!.get(line) ?? [];
    const row = hx.row(line + 1, screen);
    return labels.every(label => row.includes(label));
}

beforeAll(() => {
    world = editorWorld(binDir, 'helix');
    world.config('.config/helix/languages.toml', readmeConfig('toml', 'languages.toml'));
    world.config('.config/helix/config.toml', readmeConfig('toml', 'config.toml'));
    hx = new TmuxScreen(world.home, [HX, 'stacked.rnn'], { cwd: world.project, env: world.env });
});

afterAll(() => hx?.kill());

describe('Helix, configured as the README says', () => {
    it('shows the missing return_sequences on the second LSTM: gutter, line end and statusline', async () => {
        const screen = await hx.waitFor('diagnostic', s => hx.row(LINES.secondLstm + 1, s).startsWith('●') && /● 1 /.test(s), 30_000);
        expect(hx.row(LINES.secondLstm + 1, screen)).toContain('LSTM needs a sequence');
        expect(screen.split('\n').filter(r => r.startsWith('●'))).toHaveLength(1);
        expect(screen).toMatch(/● 1 /);
    });

    it('shows the inlay hints rnn-lens summary computes, once the cursor moves', async () => {
        hx.keys('j');
        const screen = await hx.waitFor('inlay hints', s => hintsShown(s, FIXTURE_TEXT, LINES.firstLstm));
        expect(hx.row(LINES.firstLstm + 1, screen)).toMatch(/LSTM\(32, input_shape=\(20, 3\)\)\s+\(None, 32\)/);
    });

    it('shows the LSTM\'s parameter formula in space k\'s hover popup', async () => {
        hx.keys(':3', 'Enter', 'g', 's', 'Space', 'k');
        const screen = await hx.waitFor('hover', s => s.includes(`= ${firstLstmParams(binDir)}`));
        expect(screen).toContain('Long short-term memory');
        hx.keys('Escape');
    });

    it('applies the quick fix from space a, after which the error is gone and the hints follow', async () => {
        hx.keys(':4', 'Enter', 'g', 's', 'Space', 'a');
        await hx.waitFor('code action menu', s => s.includes('Add return_sequences=True'));
        hx.keys('Enter');
        await hx.waitFor('fixed text without diagnostics', s => hx.row(LINES.firstLstm + 1, s).includes('return_sequences=True') && !/^●/m.test(s));
        hx.keys('j');
        await hx.waitFor('hints of the fixed text', s => hintsShown(s, FIXED_TEXT, LINES.firstLstm) && hintsShown(s, FIXED_TEXT, LINES.secondLstm));
        hx.keys(':w', 'Enter');
        await hx.waitFor('written file', () => readFileSync(world.file, 'utf8') === FIXED_TEXT);
        hx.keys(':q!', 'Enter');
    });
});
