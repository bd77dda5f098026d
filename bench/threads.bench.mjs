// Where a threaded whole-step batch's time goes: `node bench/threads.bench.mjs [--models=A,B]
// [--batches=N] [--threads=N] [--spin=ms] [--batch=rows]` (docs/training-threads.md).
//
// For each notebook model (StackedLSTM and Monster2 unless --models says), in one process, from
// the same weights and the same seeded masks, the model's whole-step program as four variants
// trained TAKING TURNS in blocks of 10 batches (a block's first batch left out), so that a shared
// machine's load weighs on all alike: one thread; --threads (every core) as they run now; as they
// ran before (two parts a thread, the update on the calling thread after the parts); two parts a
// thread with the update in the request. Per batch: the wall time, the process's CPU time (every
// thread), the calling thread's staging (rows and dropout masks) and calls; from Linux's
// schedstat, each thread's time on a core and waiting for one; each variant ÷ one thread at the
// median, the first quartile and the busiest thread's time on a core (what a batch would last
// with a core for each thread). Also the round trip of an empty request to the workers.
import { availableParallelism, loadavg } from 'node:os';
import { readdirSync, readFileSync } from 'node:fs';
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
suite.profileExports(['trainStep', 'wholeClaimParts', 'wholeTrainParts', 'wholeUpdateSlices', 'wholeAddGradients', 'wholeAdam']);
const BLOCK = 10;

const quantile = (values, q) => {
    const sorted = [...values].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
};
const f = (ms) => ms.toFixed(3);

log(`threads.bench: ${threads} threads (spin ${spin ?? 'default'} ms), batch ${batchSize}, ${batches} batches each, taking turns; ms per batch (median / first quartile)`);
log(`round trip of an empty request: ${f(suite.roundTrip(200, 0))} ms (worker spinning), ${f(suite.roundTrip(20, 5))} ms (worker asleep)`);
// The variants taking turns: one thread; the threads as they run now (one part each, the update
// in their request); as they ran before (two parts each, the update on this thread after the
// parts); and two parts each with the update in the request (its weights must be the previous
// variant's, bit for bit).
const variants = [
    { label: '1 thread', threads, parts: 1, serial: false, threadsOff: true },
    { label: `${threads} thr`, threads, serial: false },
    { label: `${threads} thr as before`, threads, parts: 2, serial: true },
    { label: `${threads} thr, 2 parts each`, threads, parts: 2, serial: false }
].map(v => (v.threadsOff ? { ...v, threads: 1 } : v));
for (const name of names) {
    const model = suite.notebookModels(root).find(m => m.name === name);
    if (!model) throw new Error(`no notebook model ${name}`);
    const s = suite.subject(model, batchSize, variants);
    const times = variants.map(() => []);
    const exportMs = variants.map(() => ({}));
    const scheduled = variants.map(() => ({ batches: 0, mainRun: 0, mainQueued: 0, othersRun: 0, othersQueued: 0 }));
    // Blocks of BLOCK batches on each variant in turn; a block's first batch is left out (its
    // threads were asleep during the other variants' blocks: that wake-up is once per epoch in a run).
    for (let i = 0; i < batches / BLOCK + 1; i++) {
        variants.forEach((v, k) => {
            const before = schedstat();
            for (let j = 0; j < BLOCK; j++) {
                const calledBefore = { ...suite.exportTimes };
                const t = suite.timedBatch(s, s.programs[k], i * BLOCK + j, v.serial);
                if (i === 0 || j === 0) continue;
                times[k].push(t);
                for (const [call, ms] of Object.entries(suite.exportTimes)) exportMs[k][call] = (exportMs[k][call] ?? 0) + ms - calledBefore[call];
            }
            if (i > 0) addSchedule(scheduled[k], before, schedstat());
        });
    }
    const rows = variants.map((v, k) => {
        const at = (key, q) => quantile(times[k].map(t => t[key]), q);
        return { label: v.label, wall: at('wall', 0.5), quiet: at('wall', 0.25), cpu: at('cpu', 0.5), stage: at('stage', 0.5), train: at('train', 0.5) };
    });
    // The variants' weights agree exactly (same rows, same masks: the update's slicing changes nothing).
    const same = suite.sameWeights(s.programs[2], s.programs[3]);
    log(`\n${name} (${uptimeLoad()})`);
    rows.forEach((r, k) => {
        const calls = Object.entries(exportMs[k]).filter(([, ms]) => ms > 0).map(([call, ms]) => `${call} ${f(ms / times[k].length)}`).join(', ');
        log(`  ${r.label.padEnd(22)} wall ${f(r.wall)} / ${f(r.quiet)}  cpu ${f(r.cpu)}  stage ${f(r.stage)}  call ${f(r.train)}  (this thread: ${calls})`);
    });
    rows.forEach((r, k) => {
        const c = scheduled[k], per = (ns) => f(ns / 1e6 / c.batches);
        log(`  ${r.label.padEnd(22)} per batch, on a core: this thread ${per(c.mainRun)}, the others ${per(c.othersRun)}; waiting for a core: this thread ${per(c.mainQueued)}, the others ${per(c.othersQueued)}`);
    });
    for (const r of rows.slice(1)) {
        // On a machine of its own, a batch lasts about as long as its busiest thread is on a core.
        const busiest = (c) => Math.max(c.mainRun, c.othersRun) / c.batches;
        const onCore = busiest(scheduled[0]) / busiest(scheduled[rows.indexOf(r)]);
        log(`  ${r.label.padEnd(22)} ÷ 1 thread: ${(rows[0].wall / r.wall).toFixed(2)}× (median), ${(rows[0].quiet / r.quiet).toFixed(2)}× (first quartile), ${onCore.toFixed(2)}× (busiest thread's time on a core); CPU a batch ${(r.cpu / rows[0].cpu).toFixed(2)}× one thread's`);
    }
    log(`  rows staged: ${f(suite.stageRows / (variants.length * (batches / BLOCK + 1) * BLOCK))} ms a batch; the update in the request and after it: weights ${same ? 'the same bit for bit' : 'DIFFER'}`);
    s.dispose();
}
process.exit(0);

/** Each thread of this process: [run ns, runqueue-wait ns] (Linux's schedstat), this thread's under 'main'. */
function schedstat() {
    const threads = {};
    for (const tid of readdirSync('/proc/self/task')) {
        try {
            const [run, queued] = readFileSync(`/proc/self/task/${tid}/schedstat`, 'utf8').split(' ').map(Number);
            threads[tid === String(process.pid) ? 'main' : tid] = [run, queued];
        } catch { /* the thread ended */ }
    }
    return threads;
}

/** Adds a block's scheduling (between two schedstat readings) to `c`. */
function addSchedule(c, before, after) {
    c.batches += BLOCK;
    for (const [tid, [run, queued]] of Object.entries(after)) {
        const [run0, queued0] = before[tid] ?? [0, 0];
        if (tid === 'main') {
            c.mainRun += run - run0;
            c.mainQueued += queued - queued0;
        } else {
            c.othersRun += run - run0;
            c.othersQueued += queued - queued0;
        }
    }
}

function uptimeLoad() {
    return `load ${loadavg().map(x => x.toFixed(2)).join(' ')}`;
}
