/**
 * Kernel threads in Node: worker_threads Workers running THREAD_SOURCE, unref'd so that they
 * never keep a finished process alive, and how many to use: RNN_LENS_THREADS (a number; 1 or
 * "off" for one thread), else every core the process may use.
 */
import { availableParallelism } from 'node:os';
import { Worker } from 'node:worker_threads';
import { KernelThreadError, type Spawner } from './kernel-threads.js';
import { useKernelThreads, type ThreadChoice } from './use-kernel-threads.js';

export const nodeSpawner: Spawner = (source, data) => {
    const worker = new Worker(source, { eval: true, workerData: data });
    worker.unref();
    // A worker's own failures are reported through its control block (kernel-threads.ts); an
    // 'error' event without a listener would end the process instead.
    worker.on('error', () => {});
    return { terminate: () => void worker.terminate() };
};

/** The threads asked for: `option` (--threads), else RNN_LENS_THREADS, else every core. */
export function requestedThreads(option?: string, env: string | undefined = process.env.RNN_LENS_THREADS): { count: number; source: string } {
    const text = option ?? env;
    // One thread unless asked: measured on a quiet 2-core machine, the per-layer path (the only one the
    // threads reach; the whole-step engine runs on one) trained slower on two threads than on one.
    if (text === undefined || text === '') return { count: 1, source: 'the default; --threads auto for every core' };
    if (text === 'auto') return { count: availableParallelism(), source: 'every core' };
    const source = option !== undefined ? '--threads' : 'RNN_LENS_THREADS';
    if (text === 'off') return { count: 1, source };
    const count = Number(text);
    if (!Number.isInteger(count) || count < 1 || count > 64) throw new Error(`${source} must be a whole number from 1 to 64, "off" or "auto", not "${text}"`);
    return { count, source };
}

/**
 * Starts the kernel threads asked for (see requestedThreads; a bad request throws) and says how
 * many run: threads that fail to start leave one thread, with the failure as the reason.
 */
export async function startNodeThreads(option?: string, spawn: Spawner = nodeSpawner): Promise<ThreadChoice> {
    const { count, source } = requestedThreads(option);
    if (count <= 1) {
        await useKernelThreads(1, spawn);
        return { threads: 1, reason: `one thread (${source})` };
    }
    try {
        const choice = await useKernelThreads(count, spawn);
        return { threads: choice.threads, reason: `${choice.reason} (${source})` };
    } catch (error) {
        if (!(error instanceof KernelThreadError)) throw error;
        return { threads: 1, reason: `one thread: ${error.message}` };
    }
}
