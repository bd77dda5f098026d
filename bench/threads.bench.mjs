// Where a threaded whole-step batch's time goes: `node bench/threads.bench.mjs [--models=A,B]
// [--batches=N] [--threads=N] [--spin=ms] [--batch=rows]`.
//
// For each notebook model (StackedLSTM and Monster2 unless --models says), in one process: the
// model's whole-step program on one thread and on --threads (every core), from the same weights,
// trained batch by batch TAKING TURNS (one batch on one thread, then one on the threads), so that
// a shared machine's load weighs on both alike. Per batch: the wall time, the process's CPU time
// (every thread), and on the calling thread the staging (rows and dropout masks) and the call;
// the ratio one ÷ threads of the median and of the first-quartile batch. Also the round trip of
// an empty request to the workers (the hand-over's own cost).
import { availableParallelism, loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { loadSuite, root } from './lib.mjs';

const arg = (name, fallback) => process.argv.find(a => a.startsWith(`--${name}=`))?.slice(name.length + 3) ?? fallback;
const names = arg('models', 'StackedLSTM,Monster2').split(',');
const batches = Number(arg('batches', '300'));
const threads = Number(arg('threads', String(availableParallelism())));
const batchSize = Number(arg('batch', '32'));

const log = console.log;
console.log = () => {};
console.warn = () => {};
const suite = await loadSuite('bench/threads-suite.ts');
const spin = arg('spin', undefined);
await suite.start(threads, spin === undefined ? undefined : Number(spin));
suite.profileExports(['trainStep', 'wholeClaimParts', 'wholeTrainParts', 'wholeAddGradients', 'wholeAdam']);
const BLOCK = 10;

const quantile = (values, q) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const f = (ms) => ms.toFixed(3);

log(`threads.bench: ${threads} threads (spin ${spin ?? 'default'} ms), batch ${batchSize}, ${batches} batches each, taking turns; ms per batch (median / first quartile)`);
log(`round trip of an empty request: ${f(suite.roundTrip(200, 0))} ms (worker spinning), ${f(suite.roundTrip(20, 5))} ms (worker asleep)`);
// The variants taking turns: one thread; the threads with the update in their request (today's);
// the threads with the update on this thread after the parts (before issue 16's threads work).
const variants = [
    { label: '1 thread', threads: 1, serial: false },
    { label: `${threads} thr`, threads, serial: false },
    { label: `${threads} thr, update after`, threads, serial: true }
];
for (const name of names) {
    const model = suite.notebookModels(root).find(m => m.name === name);
    if (!model) throw new Error(`no notebook model ${name}`);
    const s = suite.subject(model, batchSize, variants.map(v => v.threads));
    const times = variants.map(() => []);
    const exportMs = variants.map(() => ({}));
    // Blocks of BLOCK batches on each variant in turn; a block's first batch is left out (its
    // threads were asleep during the other variants' blocks: that wake-up is once per epoch in a run).
    for (let i = 0; i < batches / BLOCK + 1; i++) {
        variants.forEach((v, k) => {
            for (let j = 0; j < BLOCK; j++) {
                const before = { ...suite.exportTimes };
                const t = suite.timedBatch(s, s.programs[k], i * BLOCK + j, v.serial);
                if (i === 0 || j === 0) continue;
                times[k].push(t);
                for (const [call, ms] of Object.entries(suite.exportTimes)) exportMs[k][call] = (exportMs[k][call] ?? 0) + ms - before[call];
            }
        });
    }
    const rows = variants.map((v, k) => {
        const at = (key, q) => quantile(times[k].map(t => t[key]), q);
        return { label: v.label, wall: at('wall', 0.5), quiet: at('wall', 0.25), cpu: at('cpu', 0.5), stage: at('stage', 0.5), train: at('train', 0.5) };
    });
    // The variants' weights agree exactly (same rows, same masks: the update's slicing changes nothing).
    const same = suite.sameWeights(s.programs[1], s.programs[2]);
    log(`\n${name} (${uptimeLoad()})`);
    rows.forEach((r, k) => {
        const calls = Object.entries(exportMs[k]).filter(([, ms]) => ms > 0).map(([call, ms]) => `${call} ${f(ms / times[k].length)}`).join(', ');
        log(`  ${r.label.padEnd(22)} wall ${f(r.wall)} / ${f(r.quiet)}  cpu ${f(r.cpu)}  stage ${f(r.stage)}  call ${f(r.train)}  (this thread: ${calls})`);
    });
    for (const r of rows.slice(1)) {
        log(`  ${r.label.padEnd(22)} ÷ 1 thread: ${(rows[0].wall / r.wall).toFixed(2)}× (median), ${(rows[0].quiet / r.quiet).toFixed(2)}× (first quartile); CPU a batch ${(r.cpu / rows[0].cpu).toFixed(2)}× one thread's`);
    }
    log(`  rows staged: ${f(suite.stageRows / (variants.length * (batches / BLOCK + 1) * BLOCK))} ms a batch; the two threaded variants' weights ${same ? 'are the same' : 'DIFFER'}`);
    s.dispose();
}
process.exit(0);

function uptimeLoad() {
    return `load ${loadavg().map(x => x.toFixed(2)).join(' ')}`;
}
