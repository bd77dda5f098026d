/**
 * Kernel threads in Node: worker_threads Workers running THREAD_SOURCE, unref'd so that they
 * never keep a finished process alive, and how many to use: --threads, else RNN_LENS_THREADS (a
 * number; 1 or "off" for one thread; "auto" every core), else DEFAULT_THREADS.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { KernelThreadError, type Spawner } from './kernel-threads.js';
import { shareLayerKernels } from './batch-shares.js';
import { useKernelThreads, type ThreadChoice } from './use-kernel-threads.js';

export const nodeSpawner: Spawner = (source, data) => {
    const worker = new Worker(source, { eval: true, workerData: data });
    worker.unref();
    // A worker's own failures are reported through its control block (kernel-threads.ts); an
    // 'error' event without a listener would end the process instead.
    worker.on('error', () => {});
    return { terminate: () => void worker.terminate() };
};

/**
 * Threads when none are asked for: one. On this project's 2-core machine (docs/training-threads.md),
 * two threads did not beat one steadily: loaded, they were often slower; quiet, the whole-step
 * engine gave StackedLSTM 1.25× and Monster2 0.94×. With the update in the threads' request the
 * estimate from each thread's time on a core is 1.72× and 1.60×, not yet seen on a quiet wall
 * clock (bench/threads.bench.mjs). 'auto' here makes every core the default, the per-layer
 * path's kernels still keeping one thread (shareLayerKernels: that path measured slower on two).
 */
export const DEFAULT_THREADS: 'auto' | '1' = '1';

export interface ThreadRequest {
    readonly count: number;
    /** Where the count came from, in words. */
    readonly source: string;
    /** Whether the per-layer path's kernels share batches too (asked for: yes; the default: no). */
    readonly layers: boolean;
}

/** The threads asked for: `option` (--threads), else RNN_LENS_THREADS, else DEFAULT_THREADS. */
export function requestedThreads(option?: string, env: string | undefined = process.env.RNN_LENS_THREADS): ThreadRequest {
    const asked = option ?? (env === '' ? undefined : env);
    if (asked === undefined) {
        return DEFAULT_THREADS === 'auto' ? { count: availableParallelism(), source: 'every core, the default', layers: false }
            : { count: 1, source: 'the default; --threads auto for every core', layers: false };
    }
    const source = option !== undefined ? '--threads' : 'RNN_LENS_THREADS';
    if (asked === 'auto') return { count: availableParallelism(), source: 'every core', layers: true };
    if (asked === 'off') return { count: 1, source, layers: true };
    const count = Number(asked);
    if (!Number.isInteger(count) || count < 1 || count > 64) throw new Error(`${source} must be a whole number from 1 to 64, "off" or "auto", not "${asked}"`);
    return { count, source, layers: true };
}

/**
 * Starts the kernel threads asked for (see requestedThreads; a bad request throws) and says how
 * many run: threads that fail to start leave one thread, with the failure as the reason.
 */
export async function startNodeThreads(option?: string, spawn: Spawner = nodeSpawner): Promise<ThreadChoice> {
    const { count, source, layers } = requestedThreads(option);
    shareLayerKernels(layers);
    if (count <= 1) {
        await useKernelThreads(1, spawn);
        return { threads: 1, reason: `one thread (${source})` };
    }
    try {
        const choice = await useKernelThreads(count, spawn);
        const perLayer = layers ? '' : '; the per-layer path keeps one';
        return { threads: choice.threads, reason: `${choice.reason} (${source}${perLayer})` };
    } catch (error) {
        if (!(error instanceof KernelThreadError)) throw error;
        return { threads: 1, reason: `one thread: ${error.message}` };
    }
}
