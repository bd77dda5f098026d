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
//      the same shape (kernelProductRate), measured in the same run.
// Prints a table, or with --json one JSON object. --quick: fewer batches and one round, for a
// smoke test; --rounds=N: wasm figures as the best of N rounds (3).
import { performance } from 'node:perf_hooks';
import { loadSuite, root } from './lib.mjs';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');

// tfjs greets on import when tfjs-node is absent, and warns about orthogonal initializers of
// large recurrent kernels: keep the output clean.
const log = console.log;
console.log = () => {};
console.warn = () => {};
const suite = await loadSuite('bench/train-suite.ts');
const models = suite.notebookModels(root);

const WARMUP = 2;
const batches = { wasm: quick ? 3 : 12, cpu: quick ? 2 : 6 };
const result = { node: process.version, batchSize: suite.BATCH_SIZE, backends: {}, models: [] };
for (const model of models) result.models.push({ name: model.name, params: model.totals.total, samplesPerSecond: {} });

// The machine is shared: each wasm figure is the best of a few rounds, stock and engine taken
// in turn within a round, so that a burst of someone else's work slows one round, not a figure.
const ROUNDS = quick ? 1 : Number(process.argv.find(a => a.startsWith('--rounds='))?.slice(9) ?? 3);

/** `run`: 'stock' (the baseline), 'layers' (the engine's per-layer path) or 'auto' (the whole-step engine where it can). */
async function measureOnce(model, backend, run) {
    const before = suite.tensorsInMemory();
    const t = await suite.throughput(model, root, WARMUP, batches[backend], run === 'stock', run === 'stock' ? 'layers' : run);
    if (suite.tensorsInMemory() !== before) throw new Error(`${model.name} on ${backend} leaked ${suite.tensorsInMemory() - before} tensors`);
    return t;
}

/** Best samples/s of `rounds` rounds, for each of `stocks` (taken in turn within a round). */
async function measure(model, backend, stocks, rounds, cpuBest = []) {
    const best = stocks.map(() => 0);
    for (let round = 0; round < rounds; round++) {
        for (const [j, stock] of stocks.entries()) {
            const t = await measureOnce(model, backend, stock);
            best[j] = Math.max(best[j], t.samplesPerSecond);
            cpuBest[j] = Math.round(Math.max(cpuBest[j] ?? 0, t.cpuSamplesPerSecond));
        }
    }
    return best.map(Math.round);
}

const started = performance.now();
// First, while the process is cold, as a user's first Train is.
result.backends.wasm = await suite.useBackend('wasm');
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
            [result.models[i].samplesPerSecond.cpu] = await measure(model, backend, ['auto'], 1);
            continue;
        }
        const cpuBest = [];
        const [engine, layers, baseline] = await measure(model, backend, ['auto', 'layers', 'stock'], ROUNDS, cpuBest);
        const flop = suite.trainingFlopPerSample(model);
        result.models[i].samplesPerSecond.wasm = engine;
        Object.assign(result.models[i], {
            baseline: { backend, samplesPerSecond: baseline },
            engine: { backend, samplesPerSecond: engine, gflops: Number((engine * flop / 1e9).toFixed(2)) },
            speedup: Number((engine / baseline).toFixed(2)),
            // The whole-step engine (one wasm call a batch) against the per-layer path, same run.
            layers: { backend, samplesPerSecond: layers, cpuSamplesPerSecond: cpuBest[1] },
            // Per second of this process's CPU time: the figure a busy shared machine sways least.
            engineCpuSamplesPerSecond: cpuBest[0],
            wholeStepGain: Number((engine / layers).toFixed(2)),
            mflopPerSample: Number((flop / 1e6).toFixed(2))
        });
    }
}
result.benchSeconds = Number(((performance.now() - started) / 1000).toFixed(1));

if (json) {
    log(JSON.stringify(result, null, 2));
} else {
    const num = n => (n === undefined ? '–' : n.toLocaleString('en-US')).padStart(11);
    log(`RNN Lens training benchmark (Node.js ${result.node}; wasm = ${result.backends.wasm}; batch ${result.batchSize})`);
    log('');
    log(`${'model'.padEnd(22)}${'params'.padStart(9)}${'stock /s'.padStart(10)}${'layers /s'.padStart(11)}${'engine /s'.padStart(11)}${'speedup'.padStart(9)}${'whole×'.padStart(8)}${'cpu-s /s'.padStart(10)}${'GFLOP/s'.padStart(9)}${'cpu /s'.padStart(9)}${'1st epoch'.padStart(11)}`);
    log('-'.repeat(119));
    for (const m of result.models) {
        const first = m.firstEpochSeconds === undefined ? '–'.padStart(11) : `${m.firstEpochSeconds.toFixed(1)} s`.padStart(11);
        log(`${m.name.padEnd(22)}${m.params.toLocaleString('en-US').padStart(9)}${num(m.baseline.samplesPerSecond).slice(1)}${num(m.layers.samplesPerSecond)}${num(m.engine.samplesPerSecond)}${`${m.speedup.toFixed(1)}×`.padStart(9)}${`${m.wholeStepGain.toFixed(2)}×`.padStart(8)}${num(m.engineCpuSamplesPerSecond).slice(1)}${m.engine.gflops.toFixed(2).padStart(9)}${num(m.samplesPerSecond.cpu).slice(2)}${first}`);
    }
    log('-'.repeat(119));
    log(`layers: the engine's per-layer path (tfjs's fit over RNN Lens's layers); engine: the whole-step engine (one wasm call a batch) where`);
    log(`the model allows, else the per-layer path; whole×: engine ÷ layers, measured in the same rounds; cpu-s /s: the engine's samples per`);
    log(`second of the process's CPU time (best of the rounds), which other work on a shared machine sways less than wall time. All on wasm;`);
    log(`stock, layers and engine samples/s over ${batches.wasm} (wasm, best of ${ROUNDS} rounds) / ${batches.cpu} (cpu) batches after ${WARMUP} warm-up;`);
    log(`GFLOP/s: the engine's matrix-product arithmetic per second (6 FLOP per weight and position a sample uses);`);
    log(`wasm's own matMul reaches ${result.wasmMatMulGflops} GFLOP/s on a 320×120 by 120×480 product in this run, the recurrent kernels' product ${result.kernelProductGflops}.`);
    log(`1st epoch: the engine on wasm, from data to the end of an epoch of ${result.models[0].trainingSamples ?? '?'} samples. Took ${result.benchSeconds} s.`);
}
