// bench:train's second and third tables (bench/train.bench.mjs measures): each engine on one
// kernel thread and on every core, Keras on JAX beside them with RNN Lens ÷ Keras, and a
// learner's whole run of 30 epochs.

const pad = (text, width) => String(text).padStart(width);
const rate = n => (n === undefined ? '–' : n.toLocaleString('en-US'));
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '–');
/** Best of the rounds, and their spread (lowest–highest) in thousands. */
const spread = rounds => (rounds.length > 1 ? `${(Math.min(...rounds) / 1000).toFixed(1)}–${(Math.max(...rounds) / 1000).toFixed(1)}k` : '');

export function printComparison(log, result, { ROUNDS, python, wholeRuns, built }) {
    const engines = result.models[0].engines ?? [];
    const labels = engines.map(e => `${e.engine} ${e.threads === 1 ? '1 thread' : `${e.threads} thr`}`);
    const allCores = e => e.threads === result.cores;
    log('');
    log(`Kernel threads (${result.cores} cores) and Keras ${result.keras ? `${result.keras.version} on JAX` : '(set RNN_LENS_KERAS_PYTHON to a Python with keras and jax)'}: samples/s, best of ${ROUNDS} rounds (lowest–highest)`);
    const head = ['model'.padEnd(22), ...labels.map(l => pad(l, 21)), pad('threads ×', 10), pad('Keras 1 core', 13), pad(`Keras ${result.cores} cores`, 14), pad('÷Keras 1c', 10), pad(`÷Keras ${result.cores}c`, 10)];
    log(head.join(''));
    log('-'.repeat(head.join('').length));
    for (const m of result.models) {
        const mine = m.engines ?? [];
        const one = mine.find(e => e.threads === 1), every = mine.find(allCores) ?? one;
        log([
            m.name.padEnd(22),
            ...mine.map(e => pad(`${rate(e.samplesPerSecond)} ${spread(e.rounds)}`, 21)),
            pad(ratio(every?.samplesPerSecond, one?.samplesPerSecond), 10),
            pad(rate(m.keras?.oneCore), 13), pad(rate(m.keras?.allCores), 14),
            pad(ratio(one?.samplesPerSecond, m.keras?.oneCore), 10), pad(ratio(every?.samplesPerSecond, m.keras?.allCores), 10)
        ].join(''));
    }
    log(`threads ×: every core ÷ one thread; ÷Keras 1c: RNN Lens on one thread ÷ Keras on one core; ÷Keras ${result.cores}c: both on every core.`);
    if (result.keras) log(`Keras: bench/keras/train_bench.py in this run; one core = XLA's Eigen pool off, one intra-op thread${result.keras.pinned ? ', pinned to CPU 0 by taskset' : ' (no taskset: not pinned)'}.`);
    if (!wholeRuns) {
        log(built ? 'Whole runs: left out (--quick or --no-whole-run).' : 'Whole runs: left out (build the CLI first: npm run build).');
        return;
    }
    log('');
    log('A learner\'s whole run: 30 epochs of 1,385 training windows with validation, seconds from start to the last epoch');
    const head2 = ['model'.padEnd(22), pad(`RNN Lens ${result.cores} thr`, 16), pad('RNN Lens 1 thr', 16), pad(`Keras ${result.cores} cores`, 16), pad('Keras 1 core', 14), pad('÷Keras', 9)];
    log(head2.join(''));
    log('-'.repeat(head2.join('').length));
    const s = x => (x === undefined ? '–' : `${x.toFixed(1)} s`);
    for (const m of result.models) {
        log([
            m.name.padEnd(22), pad(s(m.wholeRun?.allThreads.seconds), 16), pad(s(m.wholeRun?.oneThread.seconds), 16),
            pad(s(m.keras?.wholeRunSeconds), 16), pad(s(m.keras?.wholeRunOneCoreSeconds), 14),
            pad(m.wholeRun && m.keras ? `${(m.wholeRun.allThreads.seconds / m.keras.wholeRunSeconds).toFixed(2)}` : '–', 9)
        ].join(''));
    }
    log('RNN Lens: `rnn-lens train --epochs 30` (--threads auto, and 1), the process from start to exit; Keras: train_bench.py\'s');
    log(`wholeRunSeconds (building, compiling and fitting; the interpreter's start and imports not included). ÷Keras: RNN Lens on every core ÷ Keras on every core (${python ? 'goal ≤ 0.5' : 'no Keras in this run'}).`);
}
