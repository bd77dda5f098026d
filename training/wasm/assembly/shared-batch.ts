/**
 * A batch shared among threads in parts (training/src/train/whole-step/program.ts): every
 * thread calls in at once with the same table, and the whole batch is done in that one call.
 *   1. Each thread claims the next part not yet taken, until none is left, and runs forwards,
 *      the loss and backwards on it (each part has its own arrays: which thread computes a part
 *      does not change its result). A thread the system runs late leaves its parts to the others.
 *   2. Once every part is finished (a barrier: the parts finished, counted atomically), each
 *      thread claims the next slice of the weights not yet taken (a fixed slicing, laid out with
 *      the program), sums the parts' gradients of that slice IN PART ORDER into part 0's and runs
 *      Adam on it. Element by element this is the same arithmetic as summing whole arrays and
 *      one Adam over every weight, so the result does not depend on which thread takes what.
 *
 * Each thread claims first what it took the batch before (its own part, its own range of
 * slices: thread k's part k and the k-th of `parts` equal runs of slices), then what the others
 * left. The result is the same whoever computes what; the point is where the data lies: a part's
 * activations and gradients, and a slice's Adam moments (touched by Adam alone), stay in the
 * cache of the core that wrote them last, instead of crossing to the other core every batch
 * (with parts and slices claimed in arrival order, Adam cost 2.5× its one-thread time).
 *
 * `table` (i32): [0] unused [1] parts [2] parts finished [3] unused [4] slices [5] the slices'
 * address (3 i32 each: weight index, first value, values) [6, 7] unused [8 + 2i] part i's program
 * [9 + 2i] its rows; then, for each part i, [8 + 2·parts + i] whether it is taken and
 * [8 + 3·parts + i] the next slice of run i to claim (all zero at the start of a batch).
 */
import { adamUpdate, adamUpdateSum2 } from './optimizer';
import { addInto } from './products';
import { wholeBackward, wholeForward, wholeLoss } from './whole-step';

const PARTS_AT = 32;

/** This instance's thread: 0 on the calling thread, i on kernel thread i (kernel-threads.ts tells it). */
let threadIndex: i32 = 0;

/** Tells this instance which thread runs it: it claims that part and that run of slices first. */
export function useThreadIndex(index: i32): void {
    threadIndex = index;
}
/** How long a thread waits at the barrier before it gives up (a part failed on another thread): 60 s in ns. */
const BARRIER_NS: i64 = 60_000_000_000;
/** The longest single wait at the barrier: 1 ms (awaitParts says why). */
const WAIT_SLICE_NS: i64 = 1_000_000;
/** Spins at the barrier before sleeping (the parts' ends are usually µs apart). */
const BARRIER_SPINS = 20000;

/**
 * Step 1 alone: the parts' forwards, losses and (`training`, for a batch of `total` rows) backwards;
 * in inference each part's losses of its own rows (validation).
 */
export function wholeClaimParts(table: usize, total: i32, training: bool): void {
    const count = load<i32>(table, 4);
    const taken = table + PARTS_AT + ((<usize>count) << 3);
    for (let j = 0; j < count; j++) {
        const i = (threadIndex + j) % count;
        if (!take(taken + ((<usize>i) << 2))) continue;
        const at = table + PARTS_AT + ((<usize>i) << 3);
        const program = <usize>load<u32>(at), rows = load<i32>(at, 4);
        wholeForward(program, rows, training);
        wholeLoss(program, rows, training ? total : rows, training);
        if (training) wholeBackward(program, rows);
        finished(table);
    }
}

/** A training batch of `total` rows: steps 1 and 2 (Adam's settings as wholeAdam takes them). */
export function wholeTrainParts(table: usize, total: i32, beta1: f32, oneMinusBeta1: f32, beta2: f32, oneMinusBeta2: f32,
    correction1: f32, correction2: f32, epsilon: f32, learningRate: f32): void {
    wholeClaimParts(table, total, true);
    wholeUpdateSlices(table, beta1, oneMinusBeta1, beta2, oneMinusBeta2, correction1, correction2, epsilon, learningRate);
}

/**
 * Step 2 alone: once every part is finished, the slices' updates. The calling thread runs step 1
 * and step 2 as two calls, drawing the next batch's masks in between (program.ts): the slices it
 * does not reach by then are the other threads'.
 */
export function wholeUpdateSlices(table: usize, beta1: f32, oneMinusBeta1: f32, beta2: f32, oneMinusBeta2: f32,
    correction1: f32, correction2: f32, epsilon: f32, learningRate: f32): void {
    const parts = load<i32>(table, 4);
    awaitParts(table, parts);
    const slices = load<i32>(table, 16), sliceAt = <usize>load<u32>(table, 20);
    const runs = table + PARTS_AT + ((<usize>parts) * 12);
    for (let j = 0; j < parts; j++) {
        const run = (threadIndex + j) % parts;
        const from = <i32>((<i64>run * slices) / parts), to = <i32>((<i64>(run + 1) * slices) / parts);
        for (let i = from + claim(runs + ((<usize>run) << 2)); i < to; i = from + claim(runs + ((<usize>run) << 2))) {
            updateSlice(table, parts, sliceAt + <usize>(i * 12), beta1, oneMinusBeta1, beta2, oneMinusBeta2, correction1, correction2, epsilon, learningRate);
        }
    }
}

/**
 * Runs Adam on one slice with the sum of the parts' gradients, added in part order: parts 1 to
 * P − 2 into part 0's, then the last read with part 0's as Adam reads them (adamUpdateSum2),
 * never written back into part 0's gradient, which another core would then have to fetch back
 * (with two threads the update took 1.5–2.5× one thread's Adam; 1× this way). The same additions
 * in the same order as summing whole arrays, so the serial update's result bit for bit.
 */
function updateSlice(table: usize, parts: i32, s: usize, beta1: f32, oneMinusBeta1: f32, beta2: f32, oneMinusBeta2: f32,
    correction1: f32, correction2: f32, epsilon: f32, learningRate: f32): void {
    const weight = <usize>(load<i32>(s) * 20), offset = (<usize>load<i32>(s, 4)) << 2, n = load<i32>(s, 8);
    const mine = partWeight(table, 0) + weight;
    const g = <usize>load<u32>(mine, 4) + offset;
    if (parts == 1) {
        adamUpdate(<usize>load<u32>(mine) + offset, g, <usize>load<u32>(mine, 8) + offset, <usize>load<u32>(mine, 12) + offset, n,
            beta1, oneMinusBeta1, beta2, oneMinusBeta2, correction1, correction2, epsilon, learningRate);
        return;
    }
    for (let p = 1; p < parts - 1; p++) addInto(g, <usize>load<u32>(partWeight(table, p) + weight, 4) + offset, n);
    const last = partWeight(table, parts - 1) + weight;
    adamUpdateSum2(<usize>load<u32>(mine) + offset, g, <usize>load<u32>(last, 4) + offset, <usize>load<u32>(mine, 8) + offset,
        <usize>load<u32>(mine, 12) + offset, n, beta1, oneMinusBeta1, beta2, oneMinusBeta2, correction1, correction2, epsilon, learningRate);
}

/** Part p's weight records. */
// @ts-ignore: decorator
@inline function partWeight(table: usize, p: i32): usize {
    return weightRecord(<usize>load<u32>(table + PARTS_AT + ((<usize>p) << 3)));
}

/** A program's weight records (whole-step.ts: [8] of the program). */
// @ts-ignore: decorator
@inline function weightRecord(program: usize): usize {
    return <usize>load<u32>(program, 32);
}

/** Whether this thread took the flag at `at` (0: free, 1: taken), atomically where threads share the memory. */
function take(at: usize): bool {
    if (ASC_FEATURE_THREADS) return atomic.cmpxchg<i32>(at, 0, 1) == 0;
    if (load<i32>(at) != 0) return false;
    store<i32>(at, 1);
    return true;
}

/** The next index of the counter at `at`, taken atomically where threads share the memory. */
function claim(at: usize): i32 {
    if (ASC_FEATURE_THREADS) return atomic.add<i32>(at, 1);
    const i = load<i32>(at);
    store<i32>(at, i + 1);
    return i;
}

function finished(table: usize): void {
    if (ASC_FEATURE_THREADS) {
        if (atomic.add<i32>(table, 1, 8) + 1 == load<i32>(table, 4)) atomic.notify(table + 8);
    }
}

/** Returns once all `parts` parts are finished (at once on one thread: this thread ran them all). */
function awaitParts(table: usize, parts: i32): void {
    if (!ASC_FEATURE_THREADS) return;
    for (let spin = 0; spin < BARRIER_SPINS; spin++) if (atomic.load<i32>(table, 8) == parts) return;
    let waited: i64 = 0;
    for (let seen = atomic.load<i32>(table, 8); seen != parts; seen = atomic.load<i32>(table, 8)) {
        // Waits of at most WAIT_SLICE_NS, back in wasm code in between: V8 serves another
        // isolate's requests to this one (its interrupts) there, not during a wait, and a thread
        // can need that to finish its part (the calling thread waiting here for the whole 60 s,
        // just after it first compiled a function, left the other thread's part unfinished).
        if (memory.atomic.wait32(table + 8, seen, WAIT_SLICE_NS) == AtomicWaitResult.TIMED_OUT) {
            waited += WAIT_SLICE_NS;
            // Past BARRIER_NS: a part failed on another thread; fail here too.
            if (waited >= BARRIER_NS) unreachable();
        }
    }
}
