/**
 * Kernel threads in the panel's training worker: Web Workers started from a Blob of
 * THREAD_SOURCE (the panel's CSP allows worker-src blob:), given their data as the first
 * message. Shared memory exists only where the webview is cross-origin isolated (VS Code run
 * with --enable-coi, vscode.dev with ?vscode-coi: docs/training-threads.md); elsewhere one thread,
 * and the panel says which with the backend.
 */
import { type Spawner, threadsAskedFor, useKernelThreads, type ThreadChoice } from '../../../training/src/index.js';

const webSpawner: Spawner = (source, data) => {
    const url = URL.createObjectURL(new Blob([source], { type: 'text/javascript' }));
    const worker = new Worker(url);
    URL.revokeObjectURL(url);
    worker.postMessage(data);
    return { terminate: () => worker.terminate() };
};

let started: Promise<ThreadChoice> | undefined;

/** Kernel threads on every core the browser reports, run by default, once per worker; what runs, in words for the panel. */
export function startWebThreads(): Promise<ThreadChoice> {
    started ??= (async () => {
        const cores = Math.max(1, Math.min(16, navigator.hardwareConcurrency || 1));
        if (cores === 1) return { threads: 1, reason: 'one thread (one core)' };
        // As `rnn-lens train` runs them by default: only a model big enough shares its batches
        // (whole-step/sharing.ts), and the engine line says why a small one keeps one thread.
        threadsAskedFor(false);
        try {
            const choice = await useKernelThreads(cores, webSpawner);
            return choice.threads > 1 ? { threads: choice.threads, reason: `kernels on ${choice.threads} threads` } : { threads: 1, reason: `kernels on ${choice.reason}` };
        } catch (error) {
            return { threads: 1, reason: `kernels on one thread: ${(error as Error).message}` };
        }
    })();
    return started;
}
