/**
 * Turns kernel threads on or off for every kernel: where the kernels module runs on a shared
 * memory (kernel-module.ts: Node, a cross-origin isolated page), workers instantiate it on the
 * same memory and the recurrent kernels share each batch among them (batch-shares.ts). Elsewhere
 * one thread (docs/training-threads.md says where a browser gives shared memory).
 */
import { kernelModule } from '../layers/kernel-module.js';
import { KernelThreads, type Spawner, type ThreadOptions } from './kernel-threads.js';

export interface ThreadChoice {
    /** Threads the kernels use, this one included. */
    readonly threads: number;
    /** Why that many, in words for the user. */
    readonly reason: string;
}

/**
 * Uses `count` threads (1: this one only). Blocks held in kernel memory stay valid: the memory
 * is the same, only who computes changes. A thread that fails to start throws (KernelThreadError).
 */
export async function useKernelThreads(count: number, spawn: Spawner, options: ThreadOptions = {}): Promise<ThreadChoice> {
    const m = kernelModule();
    if (m.threads?.count === count) return { threads: count, reason: `${count} threads` };
    m.threads?.stop();
    m.threads = null;
    if (count <= 1) return { threads: 1, reason: 'one thread, as asked' };
    if (!m.shared) return { threads: 1, reason: 'one thread: no shared memory here (SharedArrayBuffer needs cross-origin isolation)' };
    m.threads = await KernelThreads.start(count, m.shared.module, m.shared.memory, spawn, options);
    return { threads: count, reason: `${count} threads` };
}

/** Threads the kernels use now (1 without kernel threads). */
export function kernelThreadCount(): number {
    return kernelModule().threads?.count ?? 1;
}

/** Ends the kernel threads (the kernels go on in this thread); harmless without them. */
export function stopKernelThreads(): void {
    const m = kernelModule();
    m.threads?.stop();
    m.threads = null;
}
