/**
 * Which models the whole-step engine shares among the kernel threads (whole-step/sharing.ts): a
 * sample's multiply-adds counted from the plan as the products do them (a convolution at each
 * output step, each direction of a Bidirectional layer at each step, Dense at each row); with
 * threads asked for, every model shares; running by default, only a model of
 * SHARE_MIN_MULTIPLY_ADDS and up (less with the wasm products than the native), the others
 * saying why on one thread (and how to ask for threads where the CLI runs them).
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../../language/src/analyze-text.js';
import { useNativeProducts } from '../../../training/src/backend/native-addon.js';
import { selectNodeBackend } from '../../../training/src/backend/node-backend.js';
import { buildTfjsModel } from '../../../training/src/build/build-model.js';
import { compileSettings } from '../../../training/src/build/compile.js';
import { createCustomLayers } from '../../../training/src/layers/index.js';
import { threadsAskedFor } from '../../../training/src/threads/batch-shares.js';
import { nodeSpawner } from '../../../training/src/threads/node-threads.js';
import { stopKernelThreads, useKernelThreads } from '../../../training/src/threads/use-kernel-threads.js';
import { planWholeStep } from '../../../training/src/train/whole-step/plan.js';
import { multiplyAddsPerSample, SHARE_MIN_MULTIPLY_ADDS, sharingThreads } from '../../../training/src/train/whole-step/sharing.js';

/** A model's whole-step plan (the tfjs model disposed once `use` returns). */
function withPlan<T>(body: string, use: (plan: NonNullable<ReturnType<typeof planOf>>) => T): T {
    const analysis = analyzeText(`model M {\n${body}\n    compile(optimizer="adam", loss="mse")\n}`).models[0];
    const built = buildTfjsModel(tf, analysis, createCustomLayers(tf));
    if (!built.ok) throw new Error(built.problems.map(p => p.message).join('; '));
    const settings = compileSettings(tf, analysis.description.compile);
    built.model.compile({ optimizer: settings.optimizer, loss: settings.loss });
    try {
        return use(planOf(built.model, settings)!);
    } finally {
        built.model.dispose();
        settings.optimizer.dispose();
    }
}

function planOf(model: Parameters<typeof planWholeStep>[0], settings: ReturnType<typeof compileSettings>) {
    const planned = planWholeStep(model, settings.loss, [], settings.optimizer);
    if (!planned.ok) throw new Error(planned.reason);
    return planned.plan;
}

// 10 steps of 2 features; Conv1D(4, 3) leaves 8 steps; every count below by hand.
const MIXED = `
    Conv1D(filters=4, kernel_size=3, input_shape=(10, 2))
    Bidirectional(LSTM(5, return_sequences=True))
    GRU(3, return_sequences=True)
    SimpleRNN(6)
    Dense(2)`;
const MIXED_MULTIPLY_ADDS =
    8 * 3 * 2 * 4 + // the convolution: 8 output steps × kernel 3 × 2 channels × 4 filters
    2 * 8 * 4 * 5 * (4 + 5) + // both directions: 8 steps × 4 gates × 5 units × (4 inputs + 5 units)
    8 * 3 * 3 * (10 + 3) + // GRU: 8 steps × 3 gates × 3 units × (10 inputs + 3 units)
    8 * 1 * 6 * (3 + 6) + // SimpleRNN: 8 steps × 6 units × (3 inputs + 6 units)
    6 * 2; // Dense: 6 inputs × 2 units

const MID = `
    LSTM(32, input_shape=(10, 8))
    Dense(1)`;

const BIG = `
    LSTM(64, return_sequences=True, input_shape=(20, 8))
    LSTM(64)
    Dense(1)`;

beforeAll(async () => {
    await selectNodeBackend(tf, 'wasm');
});

afterAll(() => {
    threadsAskedFor(true);
    stopKernelThreads();
    useNativeProducts('off');
});

describe('sharing a whole-step batch among the kernel threads', () => {
    it('counts a sample\'s multiply-adds as the products do them', () => {
        expect(withPlan(MIXED, multiplyAddsPerSample)).toBe(MIXED_MULTIPLY_ADDS);
        expect(withPlan(BIG, multiplyAddsPerSample)).toBe(20 * 4 * 64 * (8 + 64) + 20 * 4 * 64 * (64 + 64) + 64);
    });

    it('shares every model asked for, and by default only one big enough, saying why not', async () => {
        await useKernelThreads(2, nodeSpawner);
        threadsAskedFor(true);
        expect(withPlan(MIXED, sharingThreads)).toEqual({ threads: 2 });
        // As the CLI runs them by default (--threads asks for them), then as the panel does (no option to ask with).
        threadsAskedFor(false, '--threads');
        expect(MIXED_MULTIPLY_ADDS).toBeLessThan(SHARE_MIN_MULTIPLY_ADDS.wasm);
        expect(withPlan(MIXED, sharingThreads)).toEqual({
            threads: 1, reason: 'a sample\'s products (4k multiply-adds) are too small to share a batch by default; --threads 2 shares it'
        });
        threadsAskedFor(false);
        expect(withPlan(MIXED, sharingThreads)).toEqual({ threads: 1, reason: 'a sample\'s products (4k multiply-adds) are too small to share a batch by default' });
        expect(withPlan(BIG, multiplyAddsPerSample)).toBeGreaterThanOrEqual(SHARE_MIN_MULTIPLY_ADDS.native);
        expect(withPlan(BIG, sharingThreads)).toEqual({ threads: 2 });
        // One thread running: nothing to share, nothing to say.
        await useKernelThreads(1, nodeSpawner);
        expect(withPlan(MIXED, sharingThreads)).toEqual({ threads: 1 });
    });

    it('shares a mid-sized model by default with the wasm products, whose sample takes twice as long', async () => {
        useNativeProducts('off');
        await useKernelThreads(2, nodeSpawner);
        threadsAskedFor(false, '--threads');
        const work = withPlan(MID, multiplyAddsPerSample);
        expect(work).toBe(10 * 4 * 32 * (8 + 32) + 32);
        expect(work).toBeGreaterThanOrEqual(SHARE_MIN_MULTIPLY_ADDS.wasm);
        expect(withPlan(MID, sharingThreads)).toEqual({ threads: 2 });
        // With the native products (where the addon is built) the same model keeps one thread.
        if (!useNativeProducts().text.startsWith('native')) return;
        await useKernelThreads(2, nodeSpawner);
        expect(work).toBeLessThan(SHARE_MIN_MULTIPLY_ADDS.native);
        expect(withPlan(MID, sharingThreads)).toEqual({
            threads: 1, reason: 'a sample\'s products (51k multiply-adds) are too small to share a batch by default; --threads 2 shares it'
        });
    });
});
