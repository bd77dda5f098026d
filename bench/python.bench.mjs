// How fast the Python door answers: `node bench/python.bench.mjs [--json]`.
//
// Bundles bench/python-suite.ts, then times, in this one process, describe + analyse
//   1. of a generated Python file of 2,000 lines holding 50 models: cold (a new chunk cache),
//      and per edit (one LSTM's units changed in the middle model; the document's chunk cache kept,
//      as the language server keeps it);
//   2. of a generated notebook of 100 cells, the same;
//   3. of examples/advanced_rnn_theory.ipynb, cold;
//   4. of every file of the Python standard library (/usr/lib/python3.*), cold, one run per file.
// Prints median, p95 and spread of each, or one JSON object.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { join } from 'node:path';
import { formatMs, loadSuite, root, stats } from './lib.mjs';

const json = process.argv.includes('--json');
const suite = await loadSuite('bench/python-suite.ts');

function time(runs, fn) {
    for (let i = 0; i < 5; i++) fn(i);
    const times = [];
    for (let i = 0; i < runs; i++) {
        const t0 = performance.now();
        fn(i);
        times.push(performance.now() - t0);
    }
    return { ...stats(times), maxMs: Math.max(...times) };
}

const file = suite.generatePython(50);
const notebook = suite.generateNotebook(100);
const course = JSON.parse(readFileSync(join(root, 'examples', 'advanced_rnn_theory.ipynb'), 'utf8')).cells
    .map(c => ({ text: (Array.isArray(c.source) ? c.source.join('') : c.source), kind: c.cell_type }));
const middle = notebook.findIndex((c, i) => i > 50 && c.text.includes('LSTM('));

const fileCache = new suite.ChunkParseCache();
const notebookCache = new suite.ChunkParseCache();
const rows = [
    ['Python file, ~2,000 lines, 50 models: cold', time(30, () => suite.analyzePython(file, { cache: new suite.ChunkParseCache() }))],
    ['Python file, ~2,000 lines, 50 models: per edit', time(200, i => suite.analyzePython(suite.editLayer(file, 300, 8 + (i % 50)), { cache: fileCache }))],
    ['Notebook, 100 cells: cold', time(30, () => suite.analyzeNotebook(notebook, { cache: new suite.ChunkParseCache() }))],
    ['Notebook, 100 cells: per edit of one cell', time(200, i => suite.analyzeNotebook(notebook.map((c, j) => (j === middle ? { ...c, text: suite.editLayer(c.text, 0, 8 + (i % 50)) } : c)), { cache: notebookCache }))],
    ['examples/advanced_rnn_theory.ipynb: cold', time(50, () => suite.analyzeNotebook(course, { cache: new suite.ChunkParseCache() }))]
];
function standardLibrary() {
    const files = [];
    const walk = dir => {
        for (const name of readdirSync(dir)) {
            const path = join(dir, name);
            const stats = statSync(path, { throwIfNoEntry: false });
            if (stats?.isDirectory() && !['site-packages', 'dist-packages', '__pycache__'].includes(name)) walk(path);
            else if (stats?.isFile() && name.endsWith('.py')) files.push(path);
        }
    };
    readdirSync('/usr/lib').filter(d => /^python3\.\d+$/.test(d)).forEach(d => walk(join('/usr/lib', d)));
    return files;
}
const stdlib = standardLibrary();
if (stdlib.length > 0) {
    const texts = stdlib.map(f => readFileSync(f, 'utf8'));
    rows.push([`Python standard library, per file (${stdlib.length} files)`, time(texts.length, i => suite.analyzePython(texts[i % texts.length], { cache: new suite.ChunkParseCache() }))]);
}
const lines = file.split('\n').length;
if (json) {
    console.log(JSON.stringify({ lines, models: suite.analyzePython(file).analysis.models.length, rows: Object.fromEntries(rows) }, null, 2));
} else {
    console.log(`Python door (describe + analyse), ${lines} lines / ${suite.analyzePython(file).analysis.models.length} models; times in ms`);
    console.log(`${'case'.padEnd(52)}   median       p95       min       max`);
    for (const [name, s] of rows) console.log(`${name.padEnd(52)}${formatMs(s.medianMs)} ${formatMs(s.p95Ms)} ${formatMs(s.minMs)} ${formatMs(s.maxMs)}`);
}
