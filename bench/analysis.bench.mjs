// How fast analysis is: `node bench/analysis.bench.mjs [--json] [--quick]`.
//
// Bundles bench/analysis-suite.ts with esbuild (into node_modules/.cache/rnn-lens-bench, so that
// @tensorflow/tfjs, left external, resolves), then times, in this one process:
//   1. analyzeText on examples/advanced_rnn_theory.rnn (the course notebook, 7 models);
//   2. analyzeText on a generated 10,000-line file with 500 models (deterministic);
//   3. building the notebook's 7 models in tfjs (cpu backend) and reading every layer's output
//      shape and parameter count, as model.summary() does: the ratio 3 / 1 says how many times
//      faster RNN Lens answers the same question.
// Prints a table, or with --json one JSON object. The whole run takes about a minute (--quick:
// shorter time budgets, for a smoke test).
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { formatMs, loadSuite, root, stats } from './lib.mjs';

const json = process.argv.includes('--json');
const quick = process.argv.includes('--quick');

// tfjs greets on import when tfjs-node is absent; keep the output clean.
const log = console.log;
console.log = () => {};
const suite = await loadSuite('bench/analysis-suite.ts');
const tfjsVersion = await suite.setUpTfjs();
console.log = log;

/** Runs `fn` at least `min` times (after `warmup` runs) and until `budgetMs` is spent or `max` runs. */
function measure(fn, { warmup, min, max, budgetMs }) {
    for (let i = 0; i < warmup; i++) fn();
    const times = [];
    const start = performance.now();
    while (times.length < max && (times.length < min || performance.now() - start < budgetMs)) {
        const t0 = performance.now();
        fn();
        times.push(performance.now() - t0);
    }
    return stats(times);
}

const scale = quick ? 0.2 : 1;
const notebookText = readFileSync(join(root, 'examples/advanced_rnn_theory.rnn'), 'utf8');
const bigText = suite.generateFile(500, 42);

const check = (text, models) => {
    const result = suite.analyzeText(text);
    const errors = result.diagnostics.filter(d => d.severity === 'error');
    if (result.models.length !== models || errors.length > 0) {
        throw new Error(`expected ${models} models without errors, got ${result.models.length} and ${errors.length} errors: ${errors[0]?.message}`);
    }
};
check(notebookText, 7);
check(bigText, 500);

const notebook = measure(() => suite.analyzeText(notebookText), { warmup: 20, min: 50, max: 2000, budgetMs: 10_000 * scale });
const big = measure(() => suite.analyzeText(bigText), { warmup: 2, min: 5, max: 200, budgetMs: 15_000 * scale });
// Building the notebook in tfjs takes seconds (its orthogonal initializer for the recurrent
// kernels dominates, and warns about it on every layer: silenced here), so few runs.
const warn = console.warn;
console.warn = () => {};
const tfjs = measure(() => suite.summariseNotebookInTfjs(), { warmup: 1, min: quick ? 1 : 3, max: 50, budgetMs: 25_000 * scale });
console.warn = warn;

const lines = bigText.split('\n').length - 1;
const result = {
    node: process.version,
    tfjs: tfjsVersion,
    notebook: { file: 'examples/advanced_rnn_theory.rnn', lines: notebookText.split('\n').length, models: 7, ...notebook },
    generated: { lines, models: 500, chars: bigText.length, ...big, msPerModel: big.medianMs / 500, linesPerSecond: Math.round(lines / (big.medianMs / 1000)) },
    tfjsNotebook: { what: 'tf.sequential + tf.layers.* for the 7 notebook models, every layer\'s outputShape and countParams(), dispose', ...tfjs },
    ratio: { tfjsOverAnalyzeText: tfjs.medianMs / notebook.medianMs }
};

if (json) {
    log(JSON.stringify(result, null, 2));
} else {
    const f = formatMs;
    const row = (name, r) => `${name.padEnd(50)}${f(r.medianMs)}${f(r.p95Ms)}${String(r.runs).padStart(7)}`;
    log(`RNN Lens analysis benchmark (Node.js ${result.node}, tfjs ${result.tfjs})`);
    log('');
    log(`${'what'.padEnd(50)}${'median'.padStart(9)}${'p95'.padStart(9)}${'runs'.padStart(7)}   (ms)`);
    log('-'.repeat(75));
    log(row(`analyzeText, notebook (${result.notebook.lines} lines, 7 models)`, notebook));
    log(row(`analyzeText, generated (${lines} lines, 500 models)`, big));
    log(row('tfjs: build the 7 notebook models + summary', tfjs));
    log('-'.repeat(75));
    log(`generated file: ${result.generated.msPerModel.toFixed(3)} ms per model, ${result.generated.linesPerSecond.toLocaleString('en-US')} lines/s`);
    log(`tfjs / analyzeText on the notebook: ${result.ratio.tfjsOverAnalyzeText.toFixed(1)}× (RNN Lens answers that much faster)`);
}
