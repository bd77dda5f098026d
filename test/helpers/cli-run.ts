/** Runs the built `rnn-lens` as a child process, with a temporary folder for the files a test writes. */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import { ensureBuilt, ROOT } from './ensure-built.js';

export interface CliRun { readonly status: number | null; readonly stdout: string; readonly stderr: string }

export function runCli(...args: string[]): CliRun {
    const result = spawnSync(process.execPath, [join(ROOT, 'bin', 'rnn-lens.cjs'), ...args], { cwd: ROOT, encoding: 'utf8', timeout: 60_000 });
    if (result.error) throw result.error;
    return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Builds the CLI before the suite, and gives a function that writes a file into a folder removed after it. */
export function cliSuite(prefix: string): { file(name: string, text: string): string; path(name: string): string } {
    let dir = '';
    beforeAll(() => {
        ensureBuilt();
        dir = mkdtempSync(join(tmpdir(), prefix));
    }, 120_000);
    afterAll(() => {
        if (dir) rmSync(dir, { recursive: true, force: true });
    });
    return {
        file(name, text) {
            const path = join(dir, name);
            writeFileSync(path, text);
            return path;
        },
        path: name => join(dir, name)
    };
}
