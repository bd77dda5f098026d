/**
 * Kernel threads: the kernels module on a shared WebAssembly memory, instantiated in this thread
 * and in `count − 1` workers, which run lists of kernel calls on request. A call list names its
 * arrays by their place in the shared memory, so that a worker computes on the same blocks this
 * thread laid out (kernel-memory.ts); `run` hands each worker its list, runs the first list
 * here, and returns when all are done. Between requests a worker spins briefly, then sleeps on
 * its control word (thread-source.ts).
 *
 * Where the workers come from is the caller's (a Spawner): worker_threads in Node
 * (node-threads.ts), Web Workers in a browser.
 */
import { nativeThreadData, type NativeThreadData } from '../layers/native-products.js';
import { CONTROL as C, CONTROL_BYTES, SPIN_MS, THREAD_SOURCE } from './thread-source.js';

/** One call into the kernels: an export's name and its arguments (byte addresses, sizes, numbers). */
export type KernelCall = readonly [name: string, ...args: number[]];

/**
 * Work of the calling thread's own between two of its kernel calls (a list's first list only):
 * it runs while the workers go on with theirs.
 */
export type LocalStep = () => void;

/** The calls of one thread; only the calling thread's (the first list) may hold local steps. */
export type CallList = readonly (KernelCall | LocalStep)[];

/** A started thread, as the spawner gives it. */
export interface SpawnedThread {
    terminate(): void;
}

/**
 * Starts a thread running `source` (THREAD_SOURCE) with `data` (in Node as workerData, in a
 * browser as its first message).
 */
export type Spawner = (source: string, data: ThreadData) => SpawnedThread;

export interface ThreadData {
    readonly module: WebAssembly.Module;
    readonly memory: WebAssembly.Memory;
    readonly control: SharedArrayBuffer;
    readonly names: readonly string[];
    /** Which thread this is (1 to count − 1; the calling thread is 0): the whole step's parts and slices it takes first. */
    readonly index: number;
    /** The native products' addon, which the thread loads for its own instance (null: wasm products). */
    readonly native: NativeThreadData | null;
    /** How long the thread spins for the next request before it sleeps (SPIN_MS unless set). */
    readonly spinMs?: number;
    /** For the tests: the thread fails to start with this message. */
    readonly failOnStart?: string;
}

/** How the threads start: for the benchmark (the spin) and the tests (a failure). */
export interface ThreadOptions {
    readonly spinMs?: number;
    readonly failOnStart?: string;
}

/** How long a thread may take to start, and to answer a request, before it counts as failed. */
const START_MS = 15_000;
const ANSWER_MS = 120_000;

/** How a kernel thread failed: to start, or in a call (its message names the kernel). */
export class KernelThreadError extends Error {
    override readonly name = 'KernelThreadError';
}

interface Worker {
    readonly thread: SpawnedThread;
    readonly ctl: Int32Array;
    readonly values: Float64Array;
    readonly message: Uint8Array;
}

export class KernelThreads {
    private readonly index: Map<string, number>;
    private stopped = false;

    private constructor(private readonly workers: readonly Worker[], names: readonly string[], private readonly spinMs: number) {
        this.index = new Map(names.map((name, i) => [name, i]));
    }

    /**
     * `count` threads in all: this one (`local`, its instance of `module`) and count − 1 workers,
     * each with its own instance of `module` (the kernels built for an imported shared memory) on `memory`.
     */
    static async start(count: number, module: WebAssembly.Module, memory: WebAssembly.Memory, spawn: Spawner,
        options: ThreadOptions = {}): Promise<KernelThreads> {
        const names = WebAssembly.Module.exports(module).filter(e => e.kind === 'function').map(e => e.name);
        const workers: Worker[] = [];
        try {
            for (let i = 1; i < count; i++) {
                const control = new SharedArrayBuffer(CONTROL_BYTES);
                const thread = spawn(THREAD_SOURCE, { module, memory, control, names, index: i, native: nativeThreadData(), ...options });
                workers.push({ thread, ctl: new Int32Array(control, 0, 16), values: new Float64Array(control, C.CALLS_AT, C.CALL_VALUES), message: new Uint8Array(control, C.MESSAGE_AT, C.MESSAGE_BYTES) });
            }
            const deadline = Date.now() + START_MS;
            for (const [i, w] of workers.entries()) {
                // Polled, not Atomics.wait: in a browser a worker may need this thread's event loop to start.
                while (Atomics.load(w.ctl, C.READY) === 0) {
                    if (Date.now() > deadline) throw new KernelThreadError(`kernel thread ${i + 1} did not start in ${START_MS / 1000} s`);
                    await new Promise(resolve => setTimeout(resolve, 2));
                }
                if (w.ctl[C.READY] !== 1) throw new KernelThreadError(`kernel thread ${i + 1} could not start: ${messageOf(w)}`);
            }
        } catch (error) {
            for (const w of workers) w.thread.terminate();
            throw error;
        }
        return new KernelThreads(workers, names, options.spinMs ?? SPIN_MS);
    }

    /** Threads in all, this one included (1 once stopped: the kernels go on here alone). */
    get count(): number {
        return this.stopped ? 1 : this.workers.length + 1;
    }

    /**
     * Runs `lists[0]` here (through `local`, this thread's instance) and `lists[i]` on worker i
     * (fewer lists than threads leave the rest idle), each list's calls in order; returns when
     * every list is done. A call that fails in a worker throws here, naming the thread and the kernel.
     */
    run(lists: readonly CallList[], local: Record<string, (...args: number[]) => void>): void {
        if (this.stopped) throw new KernelThreadError('the kernel threads were stopped');
        if (lists.length > this.workers.length + 1) throw new Error(`${lists.length} call lists for ${this.workers.length + 1} threads`);
        // Checked before any is posted: a worker once asked must be waited for.
        const others = lists.slice(1).map(kernelCallsOnly);
        for (const calls of others) {
            if (calls.some(([name]) => !this.index.has(name))) throw new Error(`the kernels have no export of ${calls.map(c => c[0]).join(', ')}`);
            if (calls.reduce((n, c) => n + 1 + c.length, 0) > C.CALL_VALUES) throw new Error('too many kernel calls for one request');
        }
        const posted = others.map((calls, i) => this.post(this.workers[i], calls));
        let failure: unknown = null;
        try {
            runHere(lists[0] ?? [], local);
        } catch (error) {
            failure = error;
        }
        // Every worker is waited for, also after a failure here: none may still be writing.
        posted.forEach((request, i) => {
            const error = this.await(this.workers[i], request, i + 1);
            // A worker's failure before this thread's trap at a barrier (shared-batch.ts): that trap only follows it.
            if (error && (failure === null || trappedAtBarrier(failure))) failure = error;
        });
        if (failure) throw failure;
    }

    /** Ends the workers (harmless to repeat). */
    stop(): void {
        if (this.stopped) return;
        this.stopped = true;
        for (const w of this.workers) {
            Atomics.store(w.ctl, C.CALLS, C.STOP);
            Atomics.add(w.ctl, C.REQUEST, 1);
            Atomics.notify(w.ctl, C.REQUEST);
            w.thread.terminate();
        }
    }

    private post(w: Worker, calls: readonly KernelCall[]): number {
        let p = 0;
        for (const [name, ...args] of calls) {
            w.values[p] = this.index.get(name)!;
            w.values[p + 1] = args.length;
            w.values.set(args, p + 2);
            p += 2 + args.length;
        }
        w.ctl[C.CALLS] = calls.length;
        const request = Atomics.add(w.ctl, C.REQUEST, 1) + 1;
        Atomics.notify(w.ctl, C.REQUEST);
        return request;
    }

    /** Waits for worker `w`'s answer to `request`: null when done, its error when a call failed. */
    private await(w: Worker, request: number, thread: number): Error | null {
        const until = performance.now() + this.spinMs;
        for (let i = 1; Atomics.load(w.ctl, C.DONE) !== request && ((i & 1023) !== 0 || performance.now() < until); i++);
        const deadline = Date.now() + ANSWER_MS;
        for (let done = Atomics.load(w.ctl, C.DONE); done !== request; done = Atomics.load(w.ctl, C.DONE)) {
            if (Date.now() > deadline) {
                this.stop();
                return new KernelThreadError(`kernel thread ${thread} did not answer in ${ANSWER_MS / 1000} s (it may have crashed); the threads are stopped`);
            }
            Atomics.wait(w.ctl, C.DONE, done, 1000);
        }
        if (w.ctl[C.STATUS] !== 0) return new KernelThreadError(`kernel thread ${thread} failed in ${messageOf(w)}`);
        return null;
    }
}

/** Runs a list on this thread, its calls and local steps in order. */
export function runHere(list: CallList, functions: Record<string, (...args: number[]) => void>): void {
    for (const call of list) {
        if (typeof call === 'function') call();
        else functions[call[0]](...(call.slice(1) as number[]));
    }
}

function kernelCallsOnly(list: CallList): readonly KernelCall[] {
    if (list.some(call => typeof call === 'function')) throw new Error('a local step in a kernel thread\'s list: only the calling thread runs those');
    return list as readonly KernelCall[];
}

/** The trap of a thread that waited in vain for another's part (shared-batch.ts: `unreachable` after 60 s). */
function trappedAtBarrier(error: unknown): boolean {
    return error instanceof WebAssembly.RuntimeError && error.message.includes('unreachable');
}

function messageOf(w: Worker): string {
    return new TextDecoder().decode(w.message.slice(0, Atomics.load(w.ctl, C.MESSAGE_LENGTH)));
}
