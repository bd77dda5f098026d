/**
 * What `vsce package` puts in the .vsix (`vsce ls`, offline, without packaging): every file that
 * package.json and the clients refer to, and nothing else of the repository (no node_modules,
 * sources, tests or source maps).
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, normalize } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../helpers/ensure-built.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
let files: string[];

/** A path as package.json writes it (`./out/x.cjs`) as vsce lists it (`out/x.cjs`). */
const listed = (path: string) => normalize(path).replace(/^\.\//, '');

beforeAll(() => {
    ensureBuilt();
    const vsce = join(createRequire(import.meta.url).resolve('@vscode/vsce/package.json'), '..', 'vsce');
    const run = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`vsce ls failed:\n${run.stderr}`);
    files = run.stdout.trim().split('\n').map(f => f.trim());
}, 60_000);

describe('the .vsix', () => {
    it('holds every file package.json refers to', () => {
        const contributes = pkg.contributes;
        const referenced = [
            pkg.main, pkg.browser, pkg.icon, 'package.json', 'README.md', 'LICENSE',
            ...contributes.languages.flatMap((l: { configuration: string; icon: { light: string; dark: string } }) => [l.configuration, l.icon.light, l.icon.dark]),
            ...contributes.grammars.map((g: { path: string }) => g.path),
            ...contributes.snippets.map((s: { path: string }) => s.path),
            ...contributes.walkthroughs.flatMap((w: { steps: { media: { markdown: string } }[] }) => w.steps.map(s => s.media.markdown))
        ];
        for (const path of referenced) expect(files, path).toContain(listed(path));
    });

    it('holds the servers the clients start and the example the walkthrough opens', () => {
        expect(files).toEqual(expect.arrayContaining(['out/server-node.cjs', 'out/server-browser.js', 'examples/advanced_rnn_theory.rnn', 'examples/advanced_rnn_theory.ipynb']));
    });

    it('holds no node_modules, sources, tests, source maps or the CLI (nor its tfjs bundles)', () => {
        const unwanted = files.filter(f => /(^|\/)node_modules\/|\.map$|\.tsx?$|^test\/|^(language|client|server|cli|training|webview|bench|scripts)\/|^out\/(cli|tfjs|tfjs-backend-wasm)\.cjs$|^out\/[^/]+\.wasm$/.test(f));
        expect(unwanted).toEqual([]);
    });
});
