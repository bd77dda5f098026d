/**
 * The whole-step engine on two threads trains as on one: from the same seeds (initial weights,
 * shuffles, dropout masks), every notebook model and models mixing Conv1D, pooling, GRU in both
 * reset_after forms, Bidirectional's merge modes and dropout reach the same loss after each of
 * 20 batches and the same weights after them (the run stops mid-epoch: the tfjs model holds the
 * threads' latest weights); EarlyStopping restores and a saved model holds the same weights; a
 * masked model (the per-layer path, its kernels on the threads) likewise; three threads, and
 * batches with fewer rows than parts, likewise; the same program gives the same weights bit for
 * bit on the threads, on this thread alone and with the serial update (the threads' request
 * does the update in slices: training/wasm/assembly/shared-batch.ts); and no tensor is left
 * behind (split-batch.test.ts checks that a program gives its kernel memory back).
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../../language/src/analyze-text.js';
import type { ModelAnalysis } from '../../../language/src/analysis/types.js';
import { selectNodeBackend } from '../../../training/src/backend/node-backend.js';
import { prepareDataset } from '../../../training/src/data/dataset.js';
import { directoryLoader } from '../../../training/src/data/node-loader.js';
import { nodeSpawner } from '../../../training/src/threads/node-threads.js';
import { stopKernelThreads, useKernelThreads } from '../../../training/src/threads/use-kernel-threads.js';
import type { TrainOptions } from '../../../training/src/train/train-model.js';
import { ROOT } from '../../helpers/ensure-built.js';
import { buildTfjsModel } from '../../../training/src/build/build-model.js';
import { compileSettings } from '../../../training/src/build/compile.js';
import { mulberry32 } from '../../../training/src/data/synthetic.js';
import { createCustomLayers } from '../../../training/src/layers/index.js';
import { chooseEngine } from '../../../training/src/train/whole-step/choose.js';
import { StepProgram, type AdamSettings } from '../../../training/src/train/whole-step/program.js';
import { sameBits, serialUpdateTrain } from '../whole-step/serial-update.js';
import {
    EARLY_STOPPING_FIT, expectSameEpochLogs, MIXED_MODELS, mixedModel, runEngine, savedWeights, weightDifference, type EngineRun
} from '../whole-step/engines.js';

const COMPILE = 'compile(optimizer="adam", loss="mse", metrics=["mae"])';
const notebook = readFileSync(join(ROOT, 'examples', 'advanced_rnn_theory.rnn'), 'utf8');
const notebookModels = analyzeText(notebook.replaceAll(COMPILE, `${COMPILE}\n    data(synthetic="sine", length=500, seed=7)`)).models;

const MASKED = `
        Masking(mask_value=0.0, input_shape=(16, 4))
        Conv1D(filters=6, kernel_size=3, padding="same", activation="relu")
        GRU(8, reset_after=False, dropout=0.2, return_sequences=True)
        Bidirectional(GRU(6, recurrent_dropout=0.1), merge_mode="ave")
        Dense(1)
        compile(optimizer=Adam(learning_rate=0.01), loss="mse")`;

/** `batches` batches on `threads` threads (the run's own threads: the program shares each batch among them). */
async function onThreads(threads: number, model: ModelAnalysis, batches: number, options: TrainOptions = {}): Promise<EngineRun> {
    await useKernelThreads(threads, nodeSpawner);
    const data = prepareDataset(model.description, model.description.input?.shape, directoryLoader(ROOT));
    return runEngine(model, data, (options.engine ?? 'whole-step') as 'whole-step', batches, options);
}

/**
 * 8 seeded batches of 32 rows through a program laid out for two threads (four parts), its
 * parts run on `threads` kernel threads (1: one after another here); `serial`: the update after
 * the parts on this thread. The weights after them.
 */
async function partsOnThreads(model: ModelAnalysis, threads: number, serial: boolean): Promise<Float32Array[]> {
    await useKernelThreads(threads, nodeSpawner);
    const random = Math.random;
    Math.random = mulberry32(3);
    try {
        const built = buildTfjsModel(tf, model, createCustomLayers(tf));
        if (!built.ok) throw new Error('StackedLSTM does not build');
        const settings = compileSettings(tf, model.description.compile);
        built.model.compile({ optimizer: settings.optimizer, loss: settings.loss });
        const chosen = chooseEngine(tf, built.model, settings.loss, [], settings.optimizer, 32, 'whole-step').program!;
        const plan = chosen.plan;
        chosen.dispose();
        const program = new StepProgram(tf, plan, 32, settings.optimizer as unknown as AdamSettings, 2, 2);
        const x = Float32Array.from({ length: 64 * plan.inputSize }, () => Math.random());
        const y = Float32Array.from({ length: 64 * plan.outputWidth }, () => Math.random());
        for (let batch = 0; batch < 8; batch++) {
            const rows = program.stage(x, y, null, (batch % 2) * 32, (batch % 2) * 32 + 32, true);
            if (serial) serialUpdateTrain(program, rows); else program.train(rows);
        }
        const weights = program.weightValues();
        program.dispose();
        built.model.dispose();
        return weights;
    } finally {
        Math.random = random;
    }
}

function expectSameRun(two: EngineRun, one: EngineRun, batches: number): void {
    expect(two.losses).toHaveLength(batches);
    two.losses.forEach((loss, i) => expect(Math.abs(loss - one.losses[i]) / one.losses[i], `batch ${i + 1}: ${loss} against ${one.losses[i]}`).toBeLessThan(1e-4));
    expect(weightDifference(two.weights, one.weights)).toBeLessThan(1e-4);
}

beforeAll(async () => {
    await selectNodeBackend(tf, 'wasm');
});

afterAll(() => stopKernelThreads());

describe('the whole-step engine on two threads', () => {
    it.each([
        ...notebookModels.map(m => [m.name, m] as const),
        ...Object.entries(MIXED_MODELS).map(([name, body]) => [name, mixedModel(name, body)] as const)
    ])('%s: 20 batches, one thread\'s losses and weights', async (_name, model) => {
        const tensors = tf.memory().numTensors;
        const one = await onThreads(1, model, 20);
        const two = await onThreads(2, model, 20);
        expect([one.result.engine, one.result.threads]).toEqual(['whole-step', 1]);
        expect([two.result.engine, two.result.threads]).toEqual(['whole-step', 2]);
        expect(two.result.stoppedByUser).toBe(true);
        expectSameRun(two, one, 20);
        // The epochs that ended log the same (validation included: it is shared among the threads too).
        expect(two.result.history.length).toBeGreaterThan(0);
        expectSameEpochLogs(two, one);
        one.result.tfModel.dispose();
        two.result.tfModel.dispose();
        expect(tf.memory().numTensors).toBe(tensors);
    }, 60_000);

    it('hands EarlyStopping the threads\' weights of each epoch', async () => {
        const model = mixedModel('Early', MIXED_MODELS.recurrentKinds, EARLY_STOPPING_FIT);
        const one = await onThreads(1, model, 1000, { epochs: undefined });
        const two = await onThreads(2, model, 1000, { epochs: undefined });
        expect([two.result.stoppedEarly, two.result.restoredBestEpoch, two.result.epochsRun]).toEqual([true, 1, 2]);
        expect(two.result.threads).toBe(2);
        expect(weightDifference(two.weights, one.weights)).toBeLessThan(1e-4);
        one.result.tfModel.dispose();
        two.result.tfModel.dispose();
    }, 60_000);

    it('saves the weights the threads trained', async () => {
        const model = mixedModel('Saved', MIXED_MODELS.sequences);
        const one = await onThreads(1, model, 13);
        const two = await onThreads(2, model, 13);
        expect(weightDifference(await savedWeights(two, one.weights), one.weights)).toBeLessThan(1e-4);
        one.result.tfModel.dispose();
        two.result.tfModel.dispose();
    }, 60_000);

    it('trains on three threads, with batches of fewer rows than parts and an epoch\'s short last batch', async () => {
        // Batches of 20 rows: two shares of 10 where three threads lay out three parts; 30 batches
        // cross an epoch's end (its last batch shorter: one share, on this thread). The calling
        // thread draws each batch's masks during the batch before, never across the next epoch's
        // shuffle: drawn there, the masks and the shuffle would read other values than one thread's.
        const model = mixedModel('Three', MIXED_MODELS.recurrentKinds);
        const one = await onThreads(1, model, 30, { batchSize: 20 });
        const three = await onThreads(3, model, 30, { batchSize: 20 });
        expect([three.result.engine, three.result.threads]).toEqual(['whole-step', 2]);
        expect(three.result.history.length).toBeGreaterThan(0);
        expectSameRun(three, one, 30);
        const wide = await onThreads(3, model, 12, { batchSize: 48 });
        expect(wide.result.threads).toBe(3);
        expectSameRun(wide, await onThreads(1, model, 12, { batchSize: 48 }), 12);
        for (const run of [one, three, wide]) run.result.tfModel.dispose();
    }, 60_000);

    it('gives the same weights bit for bit whichever thread computes which part and slice', async () => {
        // The same program (two threads' parts) on the threads and then on this thread alone,
        // and with the update on this thread after the parts (the serial reference).
        const model = notebookModels.find(m => m.name === 'StackedLSTM')!;
        const weights = [];
        for (const [threads, serial] of [[2, false], [1, false], [2, true]] as const) {
            weights.push(await partsOnThreads(model, threads, serial));
        }
        expect(sameBits(weights[0], weights[1])).toBe(true);
        expect(sameBits(weights[0], weights[2])).toBe(true);
    }, 60_000);

    it('leaves a masked model to the per-layer path, its kernels sharing each batch among the threads', async () => {
        const model = mixedModel('Masked', MASKED);
        const one = await onThreads(1, model, 20, { engine: 'auto' });
        const two = await onThreads(2, model, 20, { engine: 'auto' });
        expect([two.result.engine, two.result.threads]).toEqual(['layers', 2]);
        expectSameRun(two, one, 20);
        one.result.tfModel.dispose();
        two.result.tfModel.dispose();
    }, 60_000);
});
