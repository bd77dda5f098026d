// Scratch profiler (not committed): node bench/profile-model.mjs NAME [batches] [stock]
import { loadSuite, root } from './lib.mjs';
const log = console.log; console.log = () => {}; console.warn = () => {};
const suite = await loadSuite('bench/train-suite.ts');
const name = process.argv[2] ?? 'StackedLSTM';
const batches = Number(process.argv[3] ?? 40);
const stock = process.argv[4] === 'stock';
const model = suite.notebookModels(root).find(m => m.name === name);
await suite.useBackend('wasm');
for (let r = 0; r < 3; r++) {
  const t = await suite.throughput(model, root, 3, batches, stock);
  log(name, stock ? 'stock' : 'engine', t.samplesPerSecond.toFixed(0), 'samples/s', t.msPerBatch.toFixed(2), 'ms/batch');
}
