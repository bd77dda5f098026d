// A learner's whole run with RNN Lens: `rnn-lens train --epochs 30` on a notebook model's
// default synthetic data (1,385 training and 296 validation windows), timed from starting the
// process to its exit, as a user waits for it; needs the built CLI (npm run build).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { root } from './lib.mjs';

const CLI = join(root, 'bin/rnn-lens.cjs');
const NOTEBOOK = 'examples/advanced_rnn_theory.rnn';

export function cliBuilt() {
    return existsSync(join(root, 'out/cli.cjs'));
}

/** Seconds of `rnn-lens train --epochs <epochs> --threads <threads>` (`default`: no --threads, as a user runs it) for `model`, process start to exit. */
export function wholeRunSeconds(model, threads, epochs = 30) {
    const started = performance.now();
    const threadArgs = threads === 'default' ? [] : ['--threads', String(threads)];
    const run = spawnSync(process.execPath, [CLI, 'train', NOTEBOOK, '--model', model, '--epochs', String(epochs), ...threadArgs, '--json'],
        { cwd: root, encoding: 'utf8', timeout: 20 * 60_000, env: { ...process.env, RNN_LENS_THREADS: '' } });
    const seconds = (performance.now() - started) / 1000;
    if (run.error || run.status !== 0) throw new Error(`rnn-lens train ${model} failed: ${run.error?.message ?? run.stderr.trim().split('\n').at(-1)}`);
    const done = JSON.parse(run.stdout.trim().split('\n').at(-1));
    if (done.epochs !== epochs) throw new Error(`rnn-lens train ${model} ran ${done.epochs} of ${epochs} epochs`);
    return { seconds, threads: done.threads };
}
