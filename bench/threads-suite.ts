/**
 * What bench/threads.bench.mjs times: a notebook model's whole-step program (StepProgram) on
 * one thread and on several, batch by batch, taking turns in one process (so that a shared
 * machine's load weighs on both alike), with each batch's wall time, the process's CPU time
 * and where a batch's time goes on the calling thread (staging, masks, the threads' request with
 * the next batch's masks drawn in it).
 */
import * as tf from '@tensorflow/tfjs';
import { performance } from 'node:perf_hooks';
import type { ModelAnalysis } from '../language/src/index.js';
import { selectNodeBackend, nodeSpawner } from '../training/src/node.js';
import {
    buildTfjsModel, compileSettings, createCustomLayers, mulberry32, useKernelThreads, chooseEngine, StepProgram,
    runLists, kernelModule
} from '../training/src/index.js';

import { sameBits, serialUpdateTrain } from '../test/training/whole-step/serial-update.js';

export { notebookModels } from './train-suite.js';

/** The wasm backend and `threads` kernel threads (spinning `spinMs` for a request before they sleep, where given). */
export async function start(threads: number, spinMs?: number): Promise<number> {
    await selectNodeBackend(tf, 'wasm');
    return (await useKernelThreads(threads, nodeSpawner, spinMs === undefined ? {} : { spinMs })).threads;
}

export interface Subject {
    readonly programs: readonly StepProgram[];
    readonly x: Float32Array;
    readonly y: Float32Array;
    readonly n: number;
    dispose(): void;
}

/** One program per variant (its threads, and parts per thread where given), each from the model's same initial weights, on seeded random rows. */
export function subject(model: ModelAnalysis, batch: number, variants: ReadonlyArray<{ threads: number; parts?: number }>): Subject {
    const saved = Math.random;
    Math.random = mulberry32(5);
    try {
        const built = buildTfjsModel(tf, model, createCustomLayers(tf));
        if (!built.ok) throw new Error(built.problems.map(p => p.message).join('; '));
        const settings = compileSettings(tf, model.description.compile);
        built.model.compile({ optimizer: settings.optimizer, loss: settings.loss });
        // The engine's own choice gives the plan; a program per thread count from it.
        const chosen = chooseEngine(tf, built.model, settings.loss, [], settings.optimizer, batch, 'whole-step').program!;
        const plan = chosen.plan;
        chosen.dispose();
        const adam = settings.optimizer as unknown as { learningRate: number; beta1: number; beta2: number; epsilon: number };
        const programs = variants.map(v => new StepProgram(tf, plan, batch, adam, v.threads, v.parts));
        const n = 1024;
        const x = Float32Array.from({ length: n * plan.inputSize }, () => Math.random() * 2 - 1);
        const y = Float32Array.from({ length: n * plan.outputWidth }, () => Math.random());
        return {
            programs, x, y, n, dispose: () => {
                programs.forEach(p => p.dispose());
                built.model.dispose();
            }
        };
    } finally {
        Math.random = saved;
    }
}

export interface BatchTimes {
    /** Wall time of stage + train, ms. */
    readonly wall: number;
    /** The process's CPU time (every thread), ms. */
    readonly cpu: number;
    readonly stage: number;
    readonly train: number;
}

export let stageRows = 0;

/** Stages and trains batch `i` of `program`, timed. */
export function timedBatch(s: Subject, program: StepProgram, i: number, serialUpdate = false): BatchTimes {
    const batch = program.batch;
    const from = (i * batch) % (s.n - batch);
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    const rows = program.stage(s.x, s.y, null, from, from + batch, false);
    const tr = performance.now();
    // Batch i's masks the same for every program (the variants train the same batches), drawn
    // here or, on several threads, during batch i − 1.
    const random = Math.random;
    Math.random = mulberry32(i + 1);
    try {
        (program as unknown as { drawMasks(rows: number): void }).drawMasks(rows);
    } finally {
        Math.random = random;
    }
    const t1 = performance.now();
    stageRows += tr - t0;
    if (serialUpdate) serialUpdateTrain(program, rows);
    else {
        // As in training, the next batch's masks drawn during this one (on several threads): batch i + 1's.
        Math.random = mulberry32(i + 2);
        try {
            program.train(rows, batch);
        } finally {
            Math.random = random;
        }
    }
    const t2 = performance.now();
    const cpu = process.cpuUsage(cpu0);
    return { wall: t2 - t0, cpu: (cpu.user + cpu.system) / 1000, stage: t1 - t0, train: t2 - t1 };
}

/** The median round trip (ms) of a request of one empty call to every thread, `pauseMs` after the last. */
export function roundTrip(times: number, pauseMs: number): number {
    const threads = kernelModule().threads?.count ?? 1;
    const lists = Array.from({ length: threads }, () => [['heapBase'] as const]);
    const sleeper = new Int32Array(new SharedArrayBuffer(4));
    const took: number[] = [];
    for (let i = 0; i < times; i++) {
        if (pauseMs > 0) Atomics.wait(sleeper, 0, 0, pauseMs);
        const t0 = performance.now();
        runLists(lists);
        took.push(performance.now() - t0);
    }
    return took.sort((a, b) => a - b)[Math.floor(times / 2)];
}

/** Time spent (ms, summed) in each wrapped export of the module on the calling thread, since `profileExports`. */
export const exportTimes: Record<string, number> = {};

/** Wraps `names` of the module's exports with timers (exportTimes). */
export function profileExports(names: readonly string[]): void {
    const m = kernelModule() as unknown as { exports: Record<string, unknown> };
    const wrapped: Record<string, unknown> = { ...m.exports };
    for (const name of names) {
        const inner = m.exports[name] as (...args: number[]) => unknown;
        exportTimes[name] = 0;
        wrapped[name] = (...args: number[]) => {
            const t0 = performance.now();
            try { return inner(...args); } finally { exportTimes[name] += performance.now() - t0; }
        };
    }
    m.exports = wrapped;
}

/** Whether two programs hold the same weights, bit for bit. */
export function sameWeights(a: StepProgram, b: StepProgram): boolean {
    return sameBits(a.weightValues(), b.weightValues());
}
