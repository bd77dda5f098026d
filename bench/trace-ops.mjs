// Scratch (not committed): where a tfjs kernel is called from, per batch.
import { loadSuite, root } from './lib.mjs';
import * as tf from '@tensorflow/tfjs';
const log = console.log; console.log = () => {}; console.warn = () => {};
const suite = await loadSuite('bench/train-suite.ts');
const [name = 'StackedLSTM', kernel = 'Identity'] = process.argv.slice(2);
const model = suite.notebookModels(root).find(m => m.name === name);
await suite.useBackend('wasm');
const engine = tf.engine();
const sites = new Map();
const orig = engine.runKernel.bind(engine);
let on = false;
engine.runKernel = (k, ...rest) => { if (on && k === kernel) { const st = new Error().stack.split('\n').slice(2, 9).map(l => l.trim().replace(/\(.*\/([^/]+:\d+):\d+\)/, '$1')).join(' < '); sites.set(st, (sites.get(st) || 0) + 1); } return orig(k, ...rest); };
let batches = 0;
const origTp = suite.throughput;
setTimeout(() => {}, 0);
on = true;
await suite.throughput(model, root, 1, 10);
for (const [k, v] of [...sites].sort((a, b) => b[1] - a[1]).slice(0, 12)) log(String(v).padStart(5), k);
