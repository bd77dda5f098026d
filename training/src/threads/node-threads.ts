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
 * Threads when none are asked for: every core. Measured on this project's 2-core machine (see
 * docs/training-threads.md), the whole-step engine, which trains every notebook model, trains
 * faster on two threads than on one; the per-layer path trained slower, so by default its
 * kernels keep one thread (shareLayerKernels), and share only when threads are asked for.
 */
export const DEFAULT_THREADS: string = 'auto';

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
    const text = asked ?? DEFAULT_THREADS;
    const source = asked === undefined ? 'the default' : option !== undefined ? '--threads' : 'RNN_LENS_THREADS';
    const layers = asked !== undefined;
    if (text === 'auto') return { count: availableParallelism(), source: asked === undefined ? 'every core, the default' : 'every core', layers };
    if (text === 'off') return { count: 1, source, layers };
    const count = Number(text);
    if (!Number.isInteger(count) || count < 1 || count > 64) throw new Error(`${source} must be a whole number from 1 to 64, "off" or "auto", not "${text}"`);
    return { count, source, layers };
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
