/**
 * `rnn-lens` installed as a user installs it (README, "Installing the command line"): the tarball
 * of `npm pack` installed with `npm install -g` into a prefix of its own, offline and with an empty
 * npm cache (so a dependency the package still listed would fail the install), or the checkout
 * linked with `npm link`. Used by the package test and the real-editor tests.
 */
import { spawnSync, type SpawnSyncOptions } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { delimiter, join } from 'node:path';
import { ensureBuilt, ROOT } from './ensure-built.js';

/** The environment of a new shell: npm's own variables (set when vitest runs under `npm test`) left out. */
export function cleanEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
    return { ...env, ...extra };
}

/** PATH with `binDir` first, as after `npm install -g` into that prefix. */
export function pathWith(binDir: string): string {
    return `${binDir}${delimiter}${process.env.PATH}`;
}

export function run(command: string, args: string[], options: SpawnSyncOptions = {}) {
    const result = spawnSync(command, args, { encoding: 'utf8', timeout: 120_000, ...options });
    if (result.error) throw result.error;
    return { status: result.status, stdout: String(result.stdout), stderr: String(result.stderr) };
}

function npm(args: string[], cwd: string, extra: Record<string, string> = {}) {
    const result = run('npm', args, { cwd, env: cleanEnv(extra) });
    if (result.status !== 0) throw new Error(`npm ${args.join(' ')} failed:\n${result.stderr}`);
    return result.stdout;
}

export interface Installed {
    /** The folder holding the `rnn-lens` command (prefix/bin). */
    readonly binDir: string;
    /** What `npm pack` put in the tarball. */
    readonly files: readonly string[];
}

/** Builds if needed, packs the checkout into `dir` and installs the tarball into `dir`/prefix. */
export function packAndInstall(dir: string): Installed {
    ensureBuilt();
    const packed = JSON.parse(npm(['pack', '--json', '--pack-destination', dir], ROOT))[0] as { filename: string; files: { path: string }[] };
    const prefix = join(dir, 'prefix');
    mkdirSync(prefix, { recursive: true });
    npm(['install', '-g', '--prefix', prefix, '--offline', '--cache', join(dir, 'npm-cache'), '--no-audit', '--no-fund', join(dir, packed.filename)], dir);
    return { binDir: join(prefix, 'bin'), files: packed.files.map(f => f.path) };
}

/** `npm link` from the checkout, into the global prefix `dir` (npm's prefix setting, as a user's ~/.npm-global). */
export function linkCheckout(dir: string): string {
    ensureBuilt();
    npm(['link', '--no-audit', '--no-fund'], ROOT, { npm_config_prefix: dir });
    return join(dir, 'bin');
}
