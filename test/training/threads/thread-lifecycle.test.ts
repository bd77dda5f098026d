/**
 * Kernel threads start, fail and end cleanly: a thread that cannot start, or a kernel call that
 * fails in a worker, is an error naming the thread and the kernel (and the threads go on
 * working after a failed call); the calling thread runs its local steps between its own calls
 * (no worker takes one); stopped threads refuse work; the thread count follows
 * --threads / RNN_LENS_THREADS, else the default (every core, where a model is big enough to
 * share its batches; the per-layer path keeps one); and `rnn-lens train` on two threads finishes, says how many threads
 * trained, and its process exits, with no worker keeping it alive.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { kernelModule } from '../../../training/src/layers/kernel-module.js';
import { KernelThreads, KernelThreadError } from '../../../training/src/threads/kernel-threads.js';
import { nodeSpawner, requestedThreads, startNodeThreads } from '../../../training/src/threads/node-threads.js';
import { availableParallelism } from 'node:os';
import { kernelThreadCount, stopKernelThreads, useKernelThreads } from '../../../training/src/threads/use-kernel-threads.js';
import { ensureBuilt } from '../../helpers/ensure-built.js';

const ROOT = join(__dirname, '../../..');

afterAll(() => stopKernelThreads());

/** A 2×2 product at `out` of the identity and [1 2; 3 4], as a kernel call list. */
function product(start: number): Array<[string, ...number[]]> {
    const f = kernelModule().memory.view();
    f.set([1, 0, 0, 1, 1, 2, 3, 4], start);
    return [['gemm', 2, 2, 2, start * 4, 2, (start + 4) * 4, 2, (start + 8) * 4, 2, 0]];
}

describe('kernel threads', () => {
    it('say which thread could not start, and why', async () => {
        await expect(useKernelThreads(2, nodeSpawner, { failOnStart: 'no room for the kernels' }))
            .rejects.toThrow(new KernelThreadError('kernel thread 1 could not start: no room for the kernels'));
        expect(kernelThreadCount()).toBe(1);
        const spawnFails = () => { throw new Error('workers are not allowed here'); };
        await expect(useKernelThreads(2, spawnFails)).rejects.toThrow('workers are not allowed here');
    });

    it('fall back to one thread in the CLI when they cannot start, saying why', async () => {
        const failing: Parameters<typeof startNodeThreads>[1] = (source, data) => nodeSpawner(source, { ...data, failOnStart: 'out of workers' });
        const choice = await startNodeThreads('2', failing);
        expect(choice).toEqual({ threads: 1, reason: 'one thread: kernel thread 1 could not start: out of workers' });
    });

    it('name the thread and the kernel of a call that fails in a worker, and go on working', async () => {
        await useKernelThreads(2, nodeSpawner);
        const { memory, exports, threads } = kernelModule();
        const local = exports as unknown as Record<string, (...args: number[]) => void>;
        const far = 0x7fff0000; // past the end of the memory
        expect(() => threads!.run([[], [['gemm', 2, 2, 2, far, 2, far, 2, far, 2, 0]]], local))
            .toThrow(/^kernel thread 1 failed in gemm: .*out of bounds/);
        const start = memory.allocate(16);
        try {
            threads!.run([[], product(start)], local);
            expect(Array.from(memory.view().subarray(start + 8, start + 12))).toEqual([1, 2, 3, 4]);
        } finally {
            memory.release(start);
        }
    });

    it('run the calling thread\'s local steps in order between its calls, and none in a worker\'s list', async () => {
        await useKernelThreads(2, nodeSpawner);
        const { memory, exports, threads } = kernelModule();
        const local = exports as unknown as Record<string, (...args: number[]) => void>;
        const [a, b, c] = [memory.allocate(16), memory.allocate(16), memory.allocate(16)];
        try {
            const f = memory.view();
            const seen: number[][] = [];
            const step = () => seen.push(Array.from(f.subarray(a + 8, a + 12)), Array.from(f.subarray(b + 8, b + 12)));
            product(b);
            f.fill(0, b + 8, b + 12);
            threads!.run([[...product(a), step, ...product(b)], product(c)], local);
            // The step saw the call before it done and the call after it not yet run; all three products are done.
            expect(seen).toEqual([[1, 2, 3, 4], [0, 0, 0, 0]]);
            for (const at of [a, b, c]) expect(Array.from(f.subarray(at + 8, at + 12))).toEqual([1, 2, 3, 4]);
            expect(() => threads!.run([[], [step]], local)).toThrow('only the calling thread runs those');
        } finally {
            [a, b, c].forEach(at => memory.release(at));
        }
    });

    it('refuse work once stopped', async () => {
        await useKernelThreads(2, nodeSpawner);
        const threads = kernelModule().threads as KernelThreads;
        stopKernelThreads();
        expect(kernelThreadCount()).toBe(1);
        expect(() => threads.run([[], []], {})).toThrow('the kernel threads were stopped');
    });

    it('follow --threads, then RNN_LENS_THREADS, else the default; auto is every core', () => {
        expect(requestedThreads('3', '1')).toEqual({ count: 3, source: '--threads', asked: true });
        expect(requestedThreads(undefined, 'off')).toEqual({ count: 1, source: 'RNN_LENS_THREADS', asked: true });
        const byDefault = { count: availableParallelism(), source: 'every core, the default', asked: false };
        expect(requestedThreads(undefined, undefined)).toEqual(byDefault);
        expect(requestedThreads(undefined, '')).toEqual(byDefault);
        expect(requestedThreads('auto', undefined)).toEqual({ count: availableParallelism(), source: 'every core', asked: true });
        expect(() => requestedThreads('two', undefined)).toThrow('--threads must be a whole number from 1 to 64, "off" or "auto", not "two"');
    });
});

const cli = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, [join(ROOT, 'bin', 'rnn-lens.cjs'), 'train', ...args],
    { cwd: ROOT, encoding: 'utf8', timeout: 120_000, env: { ...process.env, RNN_LENS_THREADS: '', ...env } });

describe('rnn-lens train on several threads', () => {
    it('trains the whole-step engine on two threads, says so, and its process exits', () => {
        ensureBuilt();
        const result = cli(['examples/advanced_rnn_theory.rnn', '--model', 'SingleBidirectional', '--epochs', '1', '--threads', '2', '--json']);
        expect(result.error).toBeUndefined(); // not killed by the timeout: nothing kept it alive
        expect(result.stderr).not.toMatch(/Error|not released/);
        expect(result.status).toBe(0);
        const done = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
        expect(done).toMatchObject({ done: true, engine: 'whole-step', threads: 2 });
        const bad = cli(['examples/advanced_rnn_theory.rnn', '--threads', 'many']);
        expect(bad.status).toBe(2);
        expect(bad.stderr).toContain('--threads must be a whole number from 1 to 64, "off" or "auto", not "many"');
    }, 150_000);

    it('says how many threads train each engine: every core asked for, or the default', () => {
        ensureBuilt();
        const cores = availableParallelism();
        const asked = cli(['examples/advanced_rnn_theory.rnn', '--model', 'SingleLSTM', '--epochs', '1', '--threads', 'auto']);
        expect(asked.status).toBe(0);
        expect(asked.stdout).toContain(cores > 1 ? `Threads: ${cores} threads (every core)` : 'Threads: one thread');
        expect(asked.stdout).toContain(cores > 1 ? `Engine: whole-step (one wasm call a batch on each of ${cores} threads, which share its rows)` : 'Engine: whole-step (one wasm call a batch, on one thread)');
        // By default every core, sharing the batches of a model big enough (whole-step/sharing.ts), not a small one's.
        const small = cli(['examples/advanced_rnn_theory.rnn', '--model', 'SingleSimpleRNN', '--epochs', '1']);
        expect(small.status).toBe(0);
        if (cores > 1) {
            expect(small.stdout).toContain(`Threads: ${cores} threads (every core, the default; small models and the per-layer path keep one)`);
            expect(small.stdout).toMatch(new RegExp(`Engine: whole-step \\(one wasm call a batch, on one thread: a sample's products \\(\\d+k multiply-adds\\) are too small to share a batch by default; --threads ${cores} shares it\\)`));
        }
        const big = cli(['examples/advanced_rnn_theory.rnn', '--model', 'SingleBidirectional', '--epochs', '1', '--json']);
        expect(JSON.parse(big.stdout.trim().split('\n').at(-1)!)).toMatchObject({ done: true, engine: 'whole-step', threads: cores });
        const dir = mkdtempSync(join(tmpdir(), 'rnn-lens-threads-'));
        try {
            const file = join(dir, 'masked.rnn');
            writeFileSync(file, 'model Masked {\n    Masking(mask_value=0, input_shape=(8, 2))\n    LSTM(4)\n    Dense(1)\n    compile(optimizer="adam", loss="mse")\n}\n');
            // The per-layer path keeps one thread unless threads are asked for (it measured slower on two).
            const layers = cli([file, '--epochs', '1', '--json']);
            expect(layers.status).toBe(0);
            expect(JSON.parse(layers.stdout.trim().split('\n').at(-1)!)).toMatchObject({ done: true, engine: 'layers', threads: 1 });
            const sharing = cli([file, '--epochs', '1', '--json'], { RNN_LENS_THREADS: '2' });
            expect(JSON.parse(sharing.stdout.trim().split('\n').at(-1)!)).toMatchObject({ done: true, engine: 'layers', threads: 2 });
        } finally {
            rmSync(dir, { recursive: true, force: true });
        }
    }, 200_000);
});
