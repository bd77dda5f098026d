/**
 * Once for the editor suite: `rnn-lens` packed and installed as a user installs it (into
 * .editors/rnn-lens/prefix, fresh each run), its bin folder provided to the tests as `binDir`.
 * The editors themselves are installed by scripts/install-editor-deps.sh (`npm run test:editors`).
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { ROOT } from '../helpers/ensure-built.js';
import { packAndInstall } from '../helpers/installed-cli.js';

declare module 'vitest' {
    export interface ProvidedContext {
        binDir: string;
    }
}

export default function setup(project: TestProject): void {
    const dir = join(ROOT, '.editors', 'rnn-lens');
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    project.provide('binDir', packAndInstall(dir).binDir);
}
