/**
 * The whole-step engine with its matrix products native (training/native/) trains as with them in
 * wasm: on every notebook model, the same losses for 20 seeded batches and the same weights after
 * them, within the tolerances the engine's other comparisons hold (whole-step/notebook-engines.test.ts);
 * on two kernel threads, each worker loading the addon itself, as one thread with wasm products;
 * and `rnn-lens train` says which products ran. Skipped, saying so, where the addon cannot build.
 */
import * as tf from '@tensorflow/tfjs';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../../language/src/analyze-text.js';
import type { ModelAnalysis } from '../../../language/src/analysis/types.js';
import { buildNative, NATIVE_TARGET } from '../../../scripts/build-native.mjs';
import { useNativeProducts } from '../../../training/src/backend/native-addon.js';
import { selectNodeBackend } from '../../../training/src/backend/node-backend.js';
import { prepareDataset } from '../../../training/src/data/dataset.js';
import { directoryLoader } from '../../../training/src/data/node-loader.js';
import { nodeSpawner } from '../../../training/src/threads/node-threads.js';
import { stopKernelThreads, useKernelThreads } from '../../../training/src/threads/use-kernel-threads.js';
import { ensureBuilt, ROOT } from '../../helpers/ensure-built.js';
import { runEngine, weightDifference, type EngineRun } from '../whole-step/engines.js';

const built = buildNative();
const native = existsSync(NATIVE_TARGET);
if (!native) console.warn(`native engine tests skipped: ${built}`);

const COMPILE = 'compile(optimizer="adam", loss="mse", metrics=["mae"])';
const notebook = readFileSync(join(ROOT, 'examples', 'advanced_rnn_theory.rnn'), 'utf8');
const models = analyzeText(notebook.replaceAll(COMPILE, `${COMPILE}\n    data(synthetic="sine", length=500, seed=7)`)).models;

/** 20 batches of `model` on `threads` threads with the products `setting` asks for (off: wasm). */
async function run(model: ModelAnalysis, setting: string, threads = 1): Promise<EngineRun> {
    const products = useNativeProducts(setting);
    expect(products.text).toMatch(setting === 'off' ? /^wasm SIMD$/ : /^native AVX/);
    stopKernelThreads(); // threads load the products when they start
    await useKernelThreads(threads, nodeSpawner);
    const data = prepareDataset(model.description, model.description.input?.shape, directoryLoader(ROOT));
    const result = await runEngine(model, data, 'whole-step', 20);
    expect(result.result.products).toBe(products.text);
    expect(result.result.threads).toBe(threads);
    return result;
}

function expectSameRun(mine: EngineRun, wasm: EngineRun): void {
    expect(mine.engine).toBe('whole-step');
    expect(mine.losses).toHaveLength(20);
    mine.losses.forEach((loss, i) => expect(Math.abs(loss - wasm.losses[i]) / wasm.losses[i], `batch ${i + 1}: ${loss} against ${wasm.losses[i]}`).toBeLessThan(1e-4));
    expect(weightDifference(mine.weights, wasm.weights)).toBeLessThan(1e-4);
    // Yet not bit for bit: the products did run natively (a fused multiply-add rounds once, wasm twice).
    expect(weightDifference(mine.weights, wasm.weights)).toBeGreaterThan(0);
    mine.result.tfModel.dispose();
    wasm.result.tfModel.dispose();
}

beforeAll(async () => {
    await selectNodeBackend(tf, 'wasm');
});

afterAll(() => {
    stopKernelThreads();
    useNativeProducts();
});

describe.skipIf(!native)('the whole-step engine with native products', () => {
    it.each(models.map(m => [m.name, m] as const))('%s: 20 batches as with wasm products', async (_name, model) => {
        const tensors = tf.memory().numTensors;
        const wasm = await run(model, 'off');
        expectSameRun(await run(model, ''), wasm);
        expect(tf.memory().numTensors).toBe(tensors);
    }, 60_000);

    it.each(['StackedLSTM', 'Monster1'])('%s: on two threads, each loading the addon, as one thread with wasm products', async name => {
        const model = models.find(m => m.name === name)!;
        const wasm = await run(model, 'off');
        expectSameRun(await run(model, '', 2), wasm);
    }, 60_000);

    it('rnn-lens train says which products ran, and RNN_LENS_NATIVE=off keeps them in wasm', () => {
        ensureBuilt();
        const train = (json: boolean, env: Record<string, string> = {}) => {
            const args = [join(ROOT, 'bin', 'rnn-lens.cjs'), 'train', 'examples/advanced_rnn_theory.rnn', '--model', 'SingleLSTM', '--epochs', '1', ...(json ? ['--json'] : [])];
            const done = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', timeout: 60_000, env: { ...process.env, RNN_LENS_NATIVE: '', ...env } });
            expect(done.status, done.stderr).toBe(0);
            return json ? JSON.parse(done.stdout.trim().split('\n').at(-1)!) : done.stdout;
        };
        expect(train(true).products).toMatch(/^native AVX/);
        expect(train(true, { RNN_LENS_NATIVE: 'off' }).products).toBe('wasm SIMD');
        expect(train(false)).toMatch(/^Engine: whole-step .*; matrix products: native AVX/m);
    }, 120_000);
});
