// How fast RNN Lens trains: `node bench/train.bench.mjs [--json] [--quick]`.
//
// In one process, for each model of the course notebook (examples/advanced_rnn_theory.rnn) on its
// default synthetic data (2,000 rows, seeded), batch 32, through the engine that `rnn-lens train`
// uses (trainModel: Keras-exact layers, Adam, MSE):
//   1. samples/s on the wasm backend and on the cpu backend, timed over a fixed number of batches
//      after two warm-up batches; and, on wasm (the fastest stock backend in Node), the baseline:
//      tfjs's own recurrent layers where they compute what Keras does, elsewhere RNN Lens's layer
//      with its loop run op by op as tfjs's layers run it; the speedup is engine ÷ baseline;
//   2. time to first epoch on wasm (the default backend): data preparation, building, compiling
//      and one full epoch, as a user waits for the first point of the curve; measured first, in
//      a cold process (the first model also pays for starting wasm);
//   3. the engine's arithmetic rate: GFLOP/s of the matrix products a training sample needs
//      (trainingFlopPerSample) at the engine's samples/s, against wasm's own matMul on a
//      recurrent-sized product (matMulCeiling), and against the recurrent kernels' own product on
//      the same shape (kernelProductRate), measured in the same run;
//   4. each engine (bench/train-engines.mjs) on one kernel thread and on every core (training/src/
//      threads/), samples/s best of the rounds with their spread; the whole-step engine with native
//      matrix products and with wasm ones (docs/training-native.md), each round's ratio; with RNN_LENS_KERAS_PYTHON set,
//      Keras 3 on JAX on one core and on every core, measured in this run (bench/keras-anchor.mjs),
//      and RNN Lens ÷ Keras;
//   5. a learner's whole run: `rnn-lens train --epochs 30` (bench/whole-run.mjs) as a user runs it
//      (every core, where the model shares its batches) and on one thread, process start included, against Keras's wholeRunSeconds (compile included).
// Prints tables, or with --json one JSON object. --quick: fewer batches and one round, for a
// smoke test (no whole runs; Keras on two models); --rounds=N: wasm figures as the best of N
// rounds (3); --models=A,B: only those notebook models (to run the bench in parts);
// --no-whole-run, --no-keras: leave those out. Thread speed-ups are each round's ratio of an
// engine on every core to the same engine on one thread, measured one after the other in that
// round, so that a shared machine's load weighs on both alike: their median and spread.
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { kerasPython, measureKeras } from './keras-anchor.mjs';
import { loadSuite, root } from './lib.mjs';
import { printComparison } from './train-comparison.mjs';
import { ENGINES } from './train-engines.mjs';
import { cliBuilt, wholeRunSeconds } from './whole-run.mjs';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');

// tfjs greets on import when tfjs-node is absent, and warns about orthogonal initializers of
// large recurrent kernels: keep the output clean.
const log = console.log;
console.log = () => {};
console.warn = () => {};
const suite = await loadSuite('bench/train-suite.ts');
const only = process.argv.find(a => a.startsWith('--models='))?.slice(9).split(',').filter(Boolean);
const allModels = suite.notebookModels(root);
const unknown = (only ?? []).filter(name => !allModels.some(m => m.name === name));
if (unknown.length > 0) {
    log(`bench:train: no notebook model named ${unknown.join(', ')}; they are ${allModels.map(m => m.name).join(', ')}`);
    process.exit(2);
}
const models = only ? allModels.filter(m => only.includes(m.name)) : allModels;

const WARMUP = 2;
// The engines on wasm over more batches than stock tfjs (10-50× slower): 120 of theirs take
// 0.1-0.5 s and cross an epoch's end (its validation), as a run does; 12 were a few ms, mostly noise.
const batches = { wasm: quick ? 3 : 12, engine: quick ? 6 : 120, cpu: quick ? 2 : 6 };
const cores = availableParallelism();
const result = { node: process.version, batchSize: suite.BATCH_SIZE, cores, backends: {}, models: [] };
for (const model of models) result.models.push({ name: model.name, params: model.totals.total, samplesPerSecond: {} });

// The machine is shared: each wasm figure is the best of a few rounds, stock and engine taken
// in turn within a round, so that a burst of someone else's work slows one round, not a figure.
const ROUNDS = quick ? 1 : Number(process.argv.find(a => a.startsWith('--rounds='))?.slice(9) ?? 3);

/** What is measured: stock tfjs (the baseline), or an engine (bench/train-engines.mjs) on `threads` kernel threads. */
const STOCK = { stock: true, threads: 1, train: {}, products: 'wasm' };
const variants = [STOCK, ...ENGINES.flatMap(e => [1, cores].filter((n, i, all) => all.indexOf(n) === i)
    .map(threads => ({ engine: e.id, stock: false, threads, train: e.train, products: e.products, threadsAsked: e.threadsAsked })))];

async function measureOnce(model, backend, variant) {
    suite.useProducts(variant.products ?? 'native');
    await suite.useThreads(variant.threads, variant.threadsAsked ?? true);
    const before = suite.tensorsInMemory();
    const t = await suite.throughput(model, root, WARMUP, backend === 'wasm' && !variant.stock ? batches.engine : batches[backend], variant.stock, variant.train);
    if (suite.tensorsInMemory() !== before) throw new Error(`${model.name} on ${backend} leaked ${suite.tensorsInMemory() - before} tensors`);
    return t;
}

/**
 * Samples/s of `rounds` rounds for each variant (taken in turn within a round), every round's;
 * `quiet`: the same at each round's first-quartile batch (train-suite.ts's quietSamplesPerSecond).
 */
async function measure(model, backend, list, rounds, quiet = list.map(() => []), trained = list.map(() => [])) {
    const all = list.map(() => []);
    for (let round = 0; round < rounds; round++) {
        for (const [j, variant] of list.entries()) {
            const t = await measureOnce(model, backend, variant);
            all[j].push(Math.round(t.samplesPerSecond));
            quiet[j].push(Math.round(t.quietSamplesPerSecond));
            trained[j].push(t.threads);
        }
    }
    return all;
}

const best = rounds => Math.max(...rounds);

const started = performance.now();
// First, while the process is cold, as a user's first Train is.
result.backends.wasm = await suite.useBackend('wasm');
result.products = suite.useProducts('native');
result.rounds = ROUNDS;
for (const [i, model] of models.entries()) {
    if (quick && i > 1) break;
    const first = await suite.timeToFirstEpoch(model, root);
    result.models[i].firstEpochSeconds = Number(first.seconds.toFixed(2));
    result.models[i].trainingSamples = first.samples;
}
for (const backend of ['wasm', 'cpu']) {
    result.backends[backend] = await suite.useBackend(backend);
    if (backend === 'wasm') {
        result.wasmMatMulGflops = Number(suite.matMulCeiling().toFixed(1));
        result.kernelProductGflops = Number(suite.kernelProductRate().toFixed(1));
    }
    for (const [i, model] of models.entries()) {
        if (backend === 'cpu') {
            [result.models[i].samplesPerSecond.cpu] = (await measure(model, backend, [{ ...variants[1], threads: 1 }], 1))[0];
            continue;
        }
        const quiet = variants.map(() => []), trained = variants.map(() => []);
        const rounds = await measure(model, backend, variants, ROUNDS, quiet, trained);
        const [baseline, engine] = rounds.map(best);
        result.models[i].engines = variants.slice(1).map((v, j) => {
            const one = variants.findIndex(o => !o.stock && o.engine === v.engine && o.threads === 1);
            // Each round's ratio to the same engine on one thread in that round (1 for the one-thread variant itself).
            const threadRatios = rounds[j + 1].map((r, k) => Number((r / rounds[one][k]).toFixed(3)));
            const quietThreadRatios = quiet[j + 1].map((r, k) => Number((r / quiet[one][k]).toFixed(3)));
            return {
                engine: v.engine, threads: v.threads, threadsTrained: Math.max(...trained[j + 1]), samplesPerSecond: best(rounds[j + 1]), rounds: rounds[j + 1],
                threadRatios, quietRounds: quiet[j + 1], quietThreadRatios
            };
        });
        // Native ÷ wasm products, the whole-step engine on one thread: each round's ratio (taken in turn).
        const [native, wasm] = ['whole-step', 'whole-step-wasm'].map(id => result.models[i].engines.find(e => e.engine === id && e.threads === 1));
        if (native && wasm) result.models[i].nativeOverWasm = native.rounds.map((r, k) => Number((r / wasm.rounds[k]).toFixed(3)));
        const flop = suite.trainingFlopPerSample(model);
        result.models[i].samplesPerSecond.wasm = engine;
        Object.assign(result.models[i], {
            baseline: { backend, samplesPerSecond: baseline },
            engine: { backend, samplesPerSecond: engine, gflops: Number((engine * flop / 1e9).toFixed(2)) },
            speedup: Number((engine / baseline).toFixed(2)),
            mflopPerSample: Number((flop / 1e6).toFixed(2))
        });
    }
}
await suite.useThreads(1);

const python = process.argv.includes('--no-keras') ? null : kerasPython();
if (python) {
    const names = models.map(m => m.name).slice(0, quick ? 2 : undefined);
    const one = measureKeras(python, 1, quick ? 5 : 30, names);
    const all = measureKeras(python, 'all', quick ? 5 : 30, names);
    result.keras = { version: one.keras, backend: one.backend, pinned: one.pinned };
    for (const m of result.models) {
        const [k1, kAll] = [one, all].map(r => r.models.find(k => k.name === m.name));
        if (k1 && kAll) m.keras = { oneCore: k1.samplesPerSecond, allCores: kAll.samplesPerSecond, warmupSeconds: kAll.warmupSeconds, wholeRunSeconds: kAll.wholeRunSeconds, wholeRunOneCoreSeconds: k1.wholeRunSeconds };
    }
}
const wholeRuns = !quick && !process.argv.includes('--no-whole-run') && cliBuilt();
// Each whole run three times, the two thread settings in turn: the median and the spread.
const WHOLE_RUNS = 3;
const medianRun = runs => ({ ...[...runs].sort((a, b) => a.seconds - b.seconds)[Math.floor(runs.length / 2)], runs: runs.map(r => Number(r.seconds.toFixed(2))) });
if (wholeRuns) {
    for (const m of result.models) {
        const all = [], one = [];
        for (let i = 0; i < WHOLE_RUNS; i++) {
            all.push(wholeRunSeconds(m.name, 'default'));
            one.push(wholeRunSeconds(m.name, 1));
        }
        m.wholeRun = { allThreads: medianRun(all), oneThread: medianRun(one) };
    }
}
result.benchSeconds = Number(((performance.now() - started) / 1000).toFixed(1));

if (json) {
    log(JSON.stringify(result, null, 2));
} else {
    const num = n => (n === undefined ? '–' : n.toLocaleString('en-US')).padStart(11);
    log(`RNN Lens training benchmark (Node.js ${result.node}; wasm = ${result.backends.wasm}; batch ${result.batchSize})`);
    log('');
    log(`${'model'.padEnd(22)}${'params'.padStart(9)}${'stock /s'.padStart(10)}${'engine /s'.padStart(11)}${'speedup'.padStart(9)}${'GFLOP/s'.padStart(9)}${'cpu /s'.padStart(9)}${'1st epoch'.padStart(11)}`);
    log('-'.repeat(90));
    for (const m of result.models) {
        const first = m.firstEpochSeconds === undefined ? '–'.padStart(11) : `${m.firstEpochSeconds.toFixed(1)} s`.padStart(11);
        log(`${m.name.padEnd(22)}${m.params.toLocaleString('en-US').padStart(9)}${num(m.baseline.samplesPerSecond).slice(1)}${num(m.engine.samplesPerSecond)}${`${m.speedup.toFixed(1)}×`.padStart(9)}${m.engine.gflops.toFixed(2).padStart(9)}${num(m.samplesPerSecond.cpu).slice(2)}${first}`);
    }
    log('-'.repeat(90));
    log(`stock and engine on wasm; samples/s over ${batches.wasm} (stock) and ${batches.engine} (engines) wasm batches, best of ${ROUNDS} rounds, / ${batches.cpu} (cpu) batches, after ${WARMUP} warm-up;`);
    log(`GFLOP/s: the engine's matrix-product arithmetic per second (6 FLOP per weight and position a sample uses);`);
    log(`wasm's own matMul reaches ${result.wasmMatMulGflops} GFLOP/s on a 320×120 by 120×480 product in this run, the recurrent kernels' product ${result.kernelProductGflops}.`);
    log(`1st epoch: the engine on wasm, from data to the end of an epoch of ${result.models[0].trainingSamples ?? '?'} samples. Took ${result.benchSeconds} s.`);
    printComparison(log, result, { ROUNDS, python, wholeRuns, built: cliBuilt() });
}
