// How fast RNN Lens trains: `node bench/train.bench.mjs [--json] [--quick]`.
//
// In one process, for each model of the course notebook (examples/advanced_rnn_theory.rnn) on its
// default synthetic data (2,000 rows, seeded), batch 32, through the engine that `rnn-lens train`
// uses (trainModel: Keras-exact layers, Adam, MSE):
//   1. samples/s on the wasm backend and on the cpu backend, timed over a fixed number of batches
//      after two warm-up batches;
//   2. time to first epoch on wasm (the default backend): data preparation, building, compiling
//      and one full epoch, as a user waits for the first point of the curve; measured first, in
//      a cold process (the first model also pays for starting wasm).
// Prints a table, or with --json one JSON object. --quick: fewer batches, for a smoke test.
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

const started = performance.now();
// First, while the process is cold, as a user's first Train is.
result.backends.wasm = await suite.useBackend('wasm');
for (const [i, model] of models.entries()) {
    if (quick && i > 1) break;
    const first = await suite.timeToFirstEpoch(model, root);
    result.models[i].firstEpochSeconds = Number(first.seconds.toFixed(2));
    result.models[i].trainingSamples = first.samples;
}
for (const backend of ['wasm', 'cpu']) {
    result.backends[backend] = await suite.useBackend(backend);
    for (const [i, model] of models.entries()) {
        const before = suite.tensorsInMemory();
        const t = await suite.throughput(model, root, WARMUP, batches[backend]);
        if (suite.tensorsInMemory() !== before) throw new Error(`${model.name} on ${backend} leaked ${suite.tensorsInMemory() - before} tensors`);
        result.models[i].samplesPerSecond[backend] = Math.round(t.samplesPerSecond);
        result.models[i][`${backend}MsPerBatch`] = Number(t.msPerBatch.toFixed(1));
    }
}
result.benchSeconds = Number(((performance.now() - started) / 1000).toFixed(1));

if (json) {
    log(JSON.stringify(result, null, 2));
} else {
    const num = n => (n === undefined ? '–' : n.toLocaleString('en-US')).padStart(11);
    log(`RNN Lens training benchmark (Node.js ${result.node}; wasm = ${result.backends.wasm}; batch ${result.batchSize})`);
    log('');
    log(`${'model'.padEnd(22)}${'params'.padStart(9)}${'wasm /s'.padStart(11)}${'cpu /s'.padStart(11)}${'wasm÷cpu'.padStart(10)}${'1st epoch'.padStart(11)}`);
    log('-'.repeat(74));
    for (const m of result.models) {
        const ratio = (m.samplesPerSecond.wasm / m.samplesPerSecond.cpu).toFixed(1).padStart(9) + '×';
        const first = m.firstEpochSeconds === undefined ? '–'.padStart(11) : `${m.firstEpochSeconds.toFixed(1)} s`.padStart(11);
        log(`${m.name.padEnd(22)}${m.params.toLocaleString('en-US').padStart(9)}${num(m.samplesPerSecond.wasm)}${num(m.samplesPerSecond.cpu)}${ratio}${first}`);
    }
    log('-'.repeat(74));
    log(`samples/s over ${batches.wasm} (wasm) / ${batches.cpu} (cpu) batches after ${WARMUP} warm-up; 1st epoch on wasm: data, build, compile and ${result.models[0].trainingSamples ?? '?'} samples. Took ${result.benchSeconds} s.`);
}
