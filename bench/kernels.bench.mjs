// The whole-step kernels' speed per core, one build against another:
//   node bench/kernels.bench.mjs snapshot DIR        saves each notebook model's staged program (bench/kernels-suite.ts)
//   node bench/kernels.bench.mjs ab DIR [REV] [--rounds=N] [--steps=N] [--models=A,B]
//        trainStep on each snapshot with the kernels committed at REV (default HEAD) and with the
//        working tree's (run node scripts/build-wasm.mjs first), in turn within each round (the machine is
//        shared: a burst slows one round, not one build); prints samples/s of each and their ratio
//        per round (median and spread; CPU time of the process, so that waiting for a core is not counted), and the largest difference of the weights after the steps.
//   node bench/kernels.bench.mjs ab DIR now --native[=FROM]
//        the working tree's build with its matrix products in wasm (before) and in the native addon
//        (after: out/rnn-lens-native.node, npm run build; products of at least FROM multiply-adds,
//        default NATIVE_MIN_WORK; RNN_LENS_NATIVE=avx2 for the AVX2 blocks) (docs/training-native.md).
//   node bench/kernels.bench.mjs run DIR MODEL STEPS [REV|now] [--native[=FROM]]   one build only, STEPS steps (for callgrind:
//        run with two STEPS counts and take the difference).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { loadSuite, root } from './lib.mjs';

const [mode, dir, ...rest] = process.argv.slice(2);
const option = (name, fallback) => rest.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const BATCH = 32;
// The process's CPU time, not wall time: on a shared machine, waiting for a core is not the kernels' time.
const clock = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const ADAM = [0.9, Math.fround(0.1), 0.999, Math.fround(1 - 0.999), 0.1, 0.001, 1e-7, 0.001];

if (mode === 'snapshot') {
    console.log = () => {}; console.warn = () => {};
    const suite = await loadSuite('bench/kernels-suite.ts');
    mkdirSync(dir, { recursive: true });
    const list = await suite.snapshots(root, BATCH);
    for (const s of list) writeFileSync(join(dir, `${s.name}.bin`), s.memory);
    writeFileSync(join(dir, 'index.json'), JSON.stringify(list.map(s => ({ name: s.name, program: s.program, rows: s.rows, bytes: s.memory.length, weights: s.weights, sums: s.sums }))));
    process.stdout.write(`saved ${list.map(s => s.name).join(', ')} in ${dir}\n`);
    process.exit(0);
}

/**
 * The shared-memory build's bytes: committed at `rev`, or (`now`) as the working tree holds them
 * (`node scripts/build-wasm.mjs` writes them from training/wasm/assembly), or a .wasm file.
 */
async function wasmOf(rev) {
    if (rev.endsWith('.wasm')) return readFileSync(rev);
    const file = 'training/src/layers/kernels-wasm.generated.ts';
    const source = rev === 'now'
        ? readFileSync(join(root, file), 'utf8')
        : execFileSync('git', ['show', `${rev}:${file}`], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
    return Buffer.from(source.match(/KERNELS_SHARED_WASM_BASE64 = '([^']*)'/)[1], 'base64');
}

const index = JSON.parse(readFileSync(join(dir, 'index.json'), 'utf8'));

/** --native[=FROM]: the products from FROM multiply-adds up go to the addon (null: none). */
const nativeFrom = (() => {
    const flag = rest.find(a => a === '--native' || a.startsWith('--native='));
    if (!flag) return null;
    const from = flag.includes('=') ? Number(flag.slice(9)) : Number(readFileSync(join(root, 'training/src/layers/native-products.ts'), 'utf8').match(/NATIVE_MIN_WORK = (\d+)/)[1]);
    return from;
})();
const addon = nativeFrom === null ? null : createRequire(import.meta.url)(join(root, 'out/rnn-lens-native.node'));
const noProduct = () => { throw new Error('a native product was called without the native addon'); };

/** The module on a fresh shared memory holding `snapshot`; `native`: its products through the addon. */
function instance(bytes, snapshot, native = false) {
    const pages = Math.ceil(snapshot.length / 65536) + 1;
    const memory = new WebAssembly.Memory({ initial: pages, maximum: 65536, shared: true });
    const kernel = addon?.kernels.includes(process.env.RNN_LENS_NATIVE) ? process.env.RNN_LENS_NATIVE : addon?.kernels[0];
    const nativeProduct = native ? addon.bind(memory, kernel) : noProduct;
    const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), { env: { memory, nativeProduct } }).exports;
    if (native) exports.useNativeProducts(nativeFrom);
    const reset = () => new Uint8Array(memory.buffer).set(snapshot);
    reset();
    return { exports, memory, reset };
}

function steps(k, program, rows, count) {
    for (let i = 0; i < count; i++) k.trainStep(program, rows, ...ADAM);
}

if (mode === 'run') {
    const [name, count, rev = 'now'] = rest;
    const entry = index.find(e => e.name === name);
    const k = instance(await wasmOf(rev), readFileSync(join(dir, `${name}.bin`)), nativeFrom !== null);
    steps(k.exports, entry.program, entry.rows, Number(count));
    process.exit(0);
}

if (mode === 'ab') {
    const rev = rest.find(a => !a.startsWith('--')) ?? (nativeFrom === null ? 'HEAD' : 'now');
    const rounds = Number(option('rounds', 7)), minimum = Number(option('steps', 10));
    const only = option('models', '').split(',').filter(Boolean);
    const [before, after] = [await wasmOf(rev), await wasmOf('now')];
    const median = xs => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    for (const entry of index.filter(e => only.length === 0 || only.includes(e.name))) {
        const snapshot = readFileSync(join(dir, `${entry.name}.bin`));
        const builds = [instance(before, snapshot), instance(after, snapshot, nativeFrom !== null)];
        const rates = [[], []];
        for (const b of builds) steps(b.exports, entry.program, entry.rows, 3); // warm up (tier-up)
        // At least ~80 ms a measurement, so that the small models' figures are not timer noise.
        const t0 = clock();
        steps(builds[0].exports, entry.program, entry.rows, 3);
        const count = Math.max(minimum, Math.ceil(80 / ((clock() - t0) / 3)));
        for (let round = 0; round < rounds; round++) {
            for (const [i, b] of (round % 2 ? [...builds].reverse() : builds).entries()) {
                const which = round % 2 ? 1 - i : i;
                b.reset();
                const t = clock();
                steps(b.exports, entry.program, entry.rows, count);
                rates[which].push(count * BATCH / ((clock() - t) / 1000));
            }
        }
        if (process.env.KB_VERBOSE) console.log(rates.map(r => r.map(Math.round).join(" ")).join("\n"));
        const ratios = rates[0].map((r, i) => rates[1][i] / r);
        // The same steps from the same weights: how far the two builds' weights and last losses drift apart.
        let worst = 0;
        for (const [at, size] of entry.weights) {
            const [a, b] = builds.map(x => new Float32Array(x.memory.buffer, at, size));
            let scale = 1e-3, diff = 0;
            for (let i = 0; i < size; i++) { scale = Math.max(scale, Math.abs(a[i])); diff = Math.max(diff, Math.abs(a[i] - b[i])); }
            worst = Math.max(worst, Number.isNaN(diff) ? Infinity : diff / scale);
        }
        const [la, lb] = builds.map(x => new Float64Array(x.memory.buffer, entry.sums, 1)[0]);
        worst = Math.max(worst, Math.abs(la - lb) / Math.abs(la));
        const fmt = x => Math.round(x).toLocaleString('en-US');
        console.log(`${entry.name.padEnd(22)} before ${fmt(median(rates[0])).padStart(8)}  after ${fmt(median(rates[1])).padStart(8)} samples/s  ` +
            `ratio median ${median(ratios).toFixed(3)} (min ${Math.min(...ratios).toFixed(3)}, max ${Math.max(...ratios).toFixed(3)}, ${rounds} rounds)  weights/loss drift ${worst.toExponential(1)}`);
    }
}
