/**
 * How a kernel's batch is shared among the kernel threads, and running the shares' calls. Rows
 * of a batch are independent through a recurrent layer's whole sequence (and a convolution), so
 * a thread takes whole rows for the whole call: one handover per call, none per time step; the
 * weights' gradients are the sum of the shares' (only the order of that sum changes).
 */
import { kernelModule } from '../layers/kernel-module.js';
import { runHere, type CallList } from './kernel-threads.js';

/**
 * Fewest rows worth a thread: below it, handing rows over costs more than the thread saves
 * (a kernel call on a few rows takes a few µs; a handover tens).
 */
export const MIN_SHARE_ROWS = 8;

let asked = true;
let askWith: string | undefined;

/**
 * Whether the kernel threads were asked for (--threads, RNN_LENS_THREADS) or run by default
 * (node-threads.ts; the panel's, kernel-threads-web.ts). Asked for, every batch is shared among
 * them. By default, only where it pays: the per-layer path's kernels (recurrent-kernel.ts,
 * conv-kernel.ts) keep one thread (that path measured slower on two), and the whole-step engine
 * shares the batches of models big enough (whole-step/sharing.ts). `option`: how a user asks
 * for them where running by default (the CLI's --threads; the panel has no such setting).
 */
export function threadsAskedFor(on: boolean, option?: string): void {
    asked = on;
    askWith = option;
}

export function threadsAreAsked(): boolean {
    return asked;
}

/** How a user asks for the threads (threadsAskedFor's `option`), if they can. */
export function threadsOption(): string | undefined {
    return askWith;
}

/** Threads the per-layer path's kernels share a batch among. */
export function layerKernelThreads(): number {
    return asked ? kernelModule().threads?.count ?? 1 : 1;
}

/** Rows [from, to) of a batch of `batch` rows for each thread that takes a share (one share without threads). */
export function batchShares(batch: number, threads = layerKernelThreads()): Array<[number, number]> {
    const count = Math.max(1, Math.min(threads, Math.floor(batch / MIN_SHARE_ROWS)));
    const shares: Array<[number, number]> = [];
    for (let i = 0; i < count; i++) shares.push([Math.floor((i * batch) / count), Math.floor(((i + 1) * batch) / count)]);
    return shares;
}

/**
 * Runs each list of calls on a thread of its own (the first here); a single list, or more lists
 * than threads running (they were stopped), run here one after another.
 */
export function runLists(lists: readonly CallList[]): void {
    const { exports, threads } = kernelModule();
    const functions = exports as unknown as Record<string, (...args: number[]) => void>;
    if (lists.length > 1 && threads && threads.count >= lists.length) {
        threads.run(lists, functions);
        return;
    }
    for (const list of lists) runHere(list, functions);
}

/**
 * The shares' gradients of one weight summed into the first share's array (a view of a call's
 * kernel memory, which is the caller's to overwrite), and returned.
 */
export function sumShares(parts: readonly Float32Array[]): Float32Array {
    const total = parts[0];
    for (let p = 1; p < parts.length; p++) {
        const part = parts[p];
        for (let i = 0; i < total.length; i++) total[i] += part[i];
    }
    return total;
}
