// bench:train's further tables (bench/train.bench.mjs measures): each engine on one kernel
// thread and on every core with the rounds' thread speed-ups, the whole-step engine against Keras
// on JAX (RNN Lens ÷ Keras per core and on every core), and a learner's whole run of 30 epochs.

const pad = (text, width) => String(text).padStart(width);
const rate = n => (n === undefined ? '–' : n.toLocaleString('en-US'));
const ratio = (a, b) => (a && b ? `${(a / b).toFixed(2)}×` : '–');
/** Best of the rounds, and their spread (lowest–highest) in thousands. */
const spread = rounds => (rounds.length > 1 ? `${(Math.min(...rounds) / 1000).toFixed(1)}–${(Math.max(...rounds) / 1000).toFixed(1)}k` : '');

/** The median of a list, and its spread (lowest–highest), of ratios. */
const median = xs => [...xs].sort((a, b) => a - b)[Math.floor((xs.length - 1) / 2)];
const ratioSpread = xs => (xs?.length ? `${median(xs).toFixed(2)}×${xs.length > 1 ? ` ${Math.min(...xs).toFixed(2)}–${Math.max(...xs).toFixed(2)}` : ''}` : '–');

export function printComparison(log, result, { ROUNDS, python, wholeRuns, built }) {
    const engines = result.models[0].engines ?? [];
    const ids = [...new Set(engines.map(e => e.engine))];
    const threadsOf = e => (e.threads === 1 ? '1 thr' : `${e.threads} thr`);
    const allCores = e => e.threads === result.cores;
    // Each engine on one thread and on every core, and each round's ratio of the two.
    log('');
    log(`Threads (${result.cores} cores): samples/s, best of ${ROUNDS} rounds (lowest–highest); ×: each round's every-core ÷ one-thread figure, median (lowest–highest);`);
    log('quiet ×: the same ratio at each round\'s first-quartile batch time, the batches least slowed by other work on a shared machine');
    const multi = result.cores > 1;
    const head = ['model'.padEnd(22), ...ids.flatMap(id => [
        ...engines.filter(e => e.engine === id).map(e => pad(`${id} ${threadsOf(e)}`, 24)), ...(multi ? [pad(`${id} ×`, 21), pad('quiet ×', 19)] : [])
    ])];
    log(head.join(''));
    log('-'.repeat(head.join('').length));
    for (const m of result.models) {
        const mine = m.engines ?? [];
        log([m.name.padEnd(22), ...ids.flatMap(id => {
            const of = mine.filter(e => e.engine === id);
            const every = of.find(allCores);
            const oneKept = e => (e.threadsTrained !== undefined && e.threadsTrained < e.threads ? '¹' : ' ');
            return [...of.map(e => pad(`${rate(e.samplesPerSecond)} ${spread(e.rounds)}${oneKept(e)}`, 24)), ...(multi ? [pad(ratioSpread(every?.threadRatios), 21), pad(ratioSpread(every?.quietThreadRatios), 19)] : [])];
        })].join(''));
    }
    log('whole-step engines on every core as by default (no --threads): ¹ a model too small to share its batches, trained on one thread');
    log('(whole-step/sharing.ts); the per-layer path as --threads asks for them (by default it keeps one thread).');
    log('');
    log(`Matrix products: ${result.products} ÷ wasm SIMD, the whole-step engine on one thread, each round's ratio: median (lowest–highest)`);
    for (const m of result.models) log(`${m.name.padEnd(22)}${pad(ratioSpread(m.nativeOverWasm), 19)}`);
    // The whole-step engine (the one notebook models train with) against Keras on JAX.
    log('');
    log(`Against Keras ${result.keras ? `${result.keras.version} on JAX, measured in this run` : '(set RNN_LENS_KERAS_PYTHON to a Python with keras and jax)'}: samples/s`);
    const head2 = ['model'.padEnd(22), pad('RNN Lens 1 thr', 15), pad('Keras 1 core', 13), pad('÷Keras 1c', 10), pad(`RNN Lens ${result.cores} thr`, 15), pad(`Keras ${result.cores} cores`, 14), pad(`÷Keras ${result.cores}c`, 10)];
    log(head2.join(''));
    log('-'.repeat(head2.join('').length));
    for (const m of result.models) {
        const mine = (m.engines ?? []).filter(e => e.engine === ids[0]);
        const one = mine.find(e => e.threads === 1), every = mine.find(allCores) ?? one;
        log([
            m.name.padEnd(22),
            pad(rate(one?.samplesPerSecond), 15), pad(rate(m.keras?.oneCore), 13), pad(ratio(one?.samplesPerSecond, m.keras?.oneCore), 10),
            pad(rate(every?.samplesPerSecond), 15), pad(rate(m.keras?.allCores), 14), pad(ratio(every?.samplesPerSecond, m.keras?.allCores), 10)
        ].join(''));
    }
    log(`RNN Lens: the ${ids[0]} engine (best of the rounds); ÷Keras 1c: on one thread ÷ Keras on one core; ÷Keras ${result.cores}c: both on every core.`);
    if (result.keras) log(`Keras: bench/keras/train_bench.py in this run; one core = XLA's Eigen pool off, one intra-op thread${result.keras.pinned ? ', pinned to CPU 0 by taskset' : ' (no taskset: not pinned)'}.`);
    if (!wholeRuns) {
        log(built ? 'Whole runs: left out (--quick or --no-whole-run).' : 'Whole runs: left out (build the CLI first: npm run build).');
        return;
    }
    log('');
    log('A learner\'s whole run: 30 epochs of 1,385 training windows with validation, seconds from start to the last epoch');
    const head3 = ['model'.padEnd(22), pad('RNN Lens 1 thr', 21), pad('RNN Lens default', 21), pad('threads ×', 10),
        pad('Keras 1 core', 14), pad(`Keras ${result.cores} cores`, 16), pad('÷Keras 1c', 10), pad(`÷Keras ${result.cores}c`, 10)];
    log(head3.join(''));
    log('-'.repeat(head3.join('').length));
    const s = x => (x === undefined ? '–' : `${x.toFixed(1)} s`);
    const runs = r => (r === undefined ? '–' : `${s(r.seconds)}${r.runs?.length > 1 ? ` ${Math.min(...r.runs).toFixed(1)}–${Math.max(...r.runs).toFixed(1)}` : ''}`);
    const times = (a, b) => (a !== undefined && b !== undefined ? `${(a / b).toFixed(2)}` : '–');
    for (const m of result.models) {
        const [one, all] = [m.wholeRun?.oneThread.seconds, m.wholeRun?.allThreads.seconds];
        log([
            m.name.padEnd(22), pad(runs(m.wholeRun?.oneThread), 21), pad(runs(m.wholeRun?.allThreads), 21), pad(times(one, all), 10),
            pad(s(m.keras?.wholeRunOneCoreSeconds), 14), pad(s(m.keras?.wholeRunSeconds), 16),
            pad(times(one, m.keras?.wholeRunOneCoreSeconds), 10), pad(times(all, m.keras?.wholeRunSeconds), 10)
        ].join(''));
    }
    log('RNN Lens: `rnn-lens train --epochs 30` (as a user runs it: every core where the model shares its batches; and --threads 1), the process');
    log('from start to exit, median of 3 runs (lowest–highest); Keras: train_bench.py\'s');
    log('wholeRunSeconds (building, compiling and fitting; the interpreter\'s start and imports not included). threads ×: one thread\'s');
    log(`seconds ÷ the default's; ÷Keras: RNN Lens's seconds ÷ Keras's, one thread against one core and the default against every core (${python ? 'goal ≤ 0.5' : 'no Keras in this run'}).`);
}
