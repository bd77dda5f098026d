/** Builds the bundles when they are missing or older than their sources, so end-to-end tests run what is written. */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BUNDLE = join(ROOT, 'out', 'cli.cjs');
const SOURCES = ['cli/src', 'language/src', 'server/src', 'training/src', 'webview/src', 'client/src', 'scripts'];

function newestSource(): number {
    let newest = 0;
    const walk = (path: string) => {
        const stats = statSync(path);
        if (stats.isDirectory()) for (const name of readdirSync(path)) walk(join(path, name));
        else if (/\.(ts|cjs|mjs)$/.test(path)) newest = Math.max(newest, stats.mtimeMs);
    };
    for (const d of SOURCES) if (existsSync(join(ROOT, d))) walk(join(ROOT, d));
    return newest;
}

export function ensureBuilt(): void {
    if (existsSync(BUNDLE) && statSync(BUNDLE).mtimeMs >= newestSource()) return;
    const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (build.status !== 0) throw new Error(`build failed:\n${build.stderr}`);
}
