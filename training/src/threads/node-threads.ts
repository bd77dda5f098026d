/**
 * Kernel threads in Node: worker_threads Workers running THREAD_SOURCE, unref'd so that they
 * never keep a finished process alive, and how many to use: --threads, else RNN_LENS_THREADS (a
 * number; 1 or "off" for one thread; "auto" every core), else every core, as run by default
 * (batch-shares.ts's threadsAskedFor: small models and the per-layer path keep one thread).
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { KernelThreadError, type Spawner } from './kernel-threads.js';
import { threadsAskedFor } from './batch-shares.js';
import { useKernelThreads, type ThreadChoice } from './use-kernel-threads.js';

export const nodeSpawner: Spawner = (source, data) => {
    const worker = new Worker(source, { eval: true, workerData: data });
    worker.unref();
    // A worker's own failures are reported through its control block (kernel-threads.ts); an
    // 'error' event without a listener would end the process instead.
    worker.on('error', () => {});
    return { terminate: () => void worker.terminate() };
};

export interface ThreadRequest {
    readonly count: number;
    /** Where the count came from, in words. */
    readonly source: string;
    /** Whether the threads were asked for: then every batch is shared (batch-shares.ts's threadsAskedFor). */
    readonly asked: boolean;
}

/**
 * The threads asked for: `option` (--threads), else RNN_LENS_THREADS, else every core, run by
 * default. Measured on this project's 2-core machine (docs/training-threads-measured.md,
 * 2026-12-06): whole 30-epoch runs of every notebook model big enough to share its batches
 * (whole-step/sharing.ts) took 0.2-0.9 s less on two threads than on one; the smaller ones, and
 * the per-layer path (slower on two), keep one thread by default.
 */
export function requestedThreads(option?: string, env: string | undefined = process.env.RNN_LENS_THREADS): ThreadRequest {
    const asked = option ?? (env === '' ? undefined : env);
    if (asked === undefined) {
        return { count: availableParallelism(), source: 'every core, the default', asked: false };
    }
    const source = option !== undefined ? '--threads' : 'RNN_LENS_THREADS';
    if (asked === 'auto') return { count: availableParallelism(), source: 'every core', asked: true };
    if (asked === 'off') return { count: 1, source, asked: true };
    const count = Number(asked);
    if (!Number.isInteger(count) || count < 1 || count > 64) throw new Error(`${source} must be a whole number from 1 to 64, "off" or "auto", not "${asked}"`);
    return { count, source, asked: true };
}

/**
 * Starts the kernel threads asked for (see requestedThreads; a bad request throws) and says how
 * many run: threads that fail to start leave one thread, with the failure as the reason.
 */
export async function startNodeThreads(option?: string, spawn: Spawner = nodeSpawner): Promise<ThreadChoice> {
    const { count, source, asked } = requestedThreads(option);
    threadsAskedFor(asked, '--threads');
    if (count <= 1) {
        await useKernelThreads(1, spawn);
        return { threads: 1, reason: `one thread (${source})` };
    }
    try {
        const choice = await useKernelThreads(count, spawn);
        const perLayer = asked ? '' : '; small models and the per-layer path keep one';
        return { threads: choice.threads, reason: `${choice.reason} (${source}${perLayer})` };
    } catch (error) {
        if (!(error instanceof KernelThreadError)) throw error;
        return { threads: 1, reason: `one thread: ${error.message}` };
    }
}
