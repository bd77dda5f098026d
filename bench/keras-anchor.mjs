// Keras 3 on JAX measured in the same run as RNN Lens's figures, when RNN_LENS_KERAS_PYTHON names
// a Python with keras and jax (python3 -m venv /tmp/k && /tmp/k/bin/pip install keras jax):
// bench/keras/train_bench.py (the project's copy of ../shared/tools/keras-anchor/train_bench.py:
// the same models, batch 32, Adam, MSE, synthetic data) once on one core and once on every core.
// One core as train_bench.py says: XLA's Eigen pool off and one intra-op thread, and the whole
// process pinned to CPU 0 with taskset (where there is taskset).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { root } from './lib.mjs';

const SCRIPT = join(root, 'bench/keras/train_bench.py');
const ONE_CORE_XLA = '--xla_cpu_multi_thread_eigen=false intra_op_parallelism_threads=1';

export function kerasPython() {
    return process.env.RNN_LENS_KERAS_PYTHON || null;
}

function hasTaskset() {
    return ['/usr/bin/taskset', '/bin/taskset'].some(existsSync);
}

/**
 * train_bench.py's JSON ({backend, keras, models: [{name, samplesPerSecond, warmupSeconds,
 * wholeRunSeconds}]}) on `cores` 1 or 'all', over `batches` timed batches, for `models` (names).
 */
export function measureKeras(python, cores, batches, models) {
    const env = { ...process.env, KERAS_BACKEND: 'jax' };
    let command = python;
    let args = [SCRIPT, String(batches), models.join(',')];
    const pinned = cores === 1 && hasTaskset();
    if (cores === 1) {
        env.XLA_FLAGS = [process.env.XLA_FLAGS, ONE_CORE_XLA].filter(Boolean).join(' ');
        if (pinned) [command, args] = ['taskset', ['-c', '0', python, ...args]];
    }
    const run = spawnSync(command, args, { env, encoding: 'utf8', timeout: 60 * 60_000, maxBuffer: 64 * 1024 * 1024 });
    if (run.error || run.status !== 0) {
        const why = run.error?.message ?? run.stderr.trim().split('\n').slice(-3).join(' | ');
        throw new Error(`Keras (${python}, ${cores === 1 ? 'one core' : 'every core'}) failed: ${why}`);
    }
    const result = JSON.parse(run.stdout.trim().split('\n').at(-1));
    if (result.backend !== 'jax') throw new Error(`Keras ran on ${result.backend}, not jax`);
    return { ...result, cores, pinned };
}
