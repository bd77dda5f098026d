/**
 * Which engine trains a model: the whole-step engine (one call into the wasm module per batch)
 * where every layer has a kernel there, else the per-layer path (tfjs's fit over RNN Lens's
 * layers). `RNN_LENS_ENGINE=whole-step|layers` (or the `engine` option) forces one, for tests
 * and the benchmark; forcing the whole-step engine on a model it cannot train is an error.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { stockKernels } from '../../backend/kernel-switch.js';
import { planWholeStep } from './plan.js';
import { StepProgram } from './program.js';
import { sharingThreads } from './sharing.js';

export type EngineChoice = 'auto' | 'whole-step' | 'layers';

export function engineFromEnvironment(): EngineChoice {
    const value = typeof process !== 'undefined' ? process.env?.RNN_LENS_ENGINE : undefined;
    return value === 'whole-step' || value === 'layers' ? value : 'auto';
}

export interface EngineDecision {
    readonly engine: 'whole-step' | 'layers';
    /** Why the per-layer path trains it (when it does), or why the whole-step engine keeps one thread where more run. */
    readonly reason?: string;
    readonly program?: StepProgram;
}

export function chooseEngine(tf: typeof tfjs, model: tfjs.Sequential, loss: string, metrics: readonly string[], optimizer: tfjs.Optimizer,
    batchSize: number, choice: EngineChoice = engineFromEnvironment()): EngineDecision {
    if (choice === 'layers') return { engine: 'layers', reason: 'asked for' };
    if (choice === 'auto' && stockKernels()) return { engine: 'layers', reason: 'tfjs\'s own kernels are asked for' };
    const planned = planWholeStep(model, loss, metrics, optimizer);
    if (!planned.ok) {
        if (choice === 'whole-step') throw new Error(`The whole-step engine cannot train this model: ${planned.reason}.`);
        return { engine: 'layers', reason: planned.reason };
    }
    const adam = optimizer as unknown as { learningRate: number; beta1: number; beta2: number; epsilon: number };
    const { threads, reason } = sharingThreads(planned.plan);
    return { engine: 'whole-step', reason, program: new StepProgram(tf, planned.plan, batchSize, adam, threads) };
}
