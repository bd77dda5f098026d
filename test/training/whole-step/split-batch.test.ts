/**
 * A batch shared among a whole-step program's parts (what the threads run: each part's forward,
 * loss and backward on its rows, their gradients summed in part order, one update of the weights
 * they all read) gives the weights of the same batch in one call within float summation order,
 * with each part taking its rows of the same dropout masks; the shares and the parts' sizes; and
 * a program gives its memory back. The parts run one after the other here (no kernel threads):
 * test/training/threads/threaded-whole-step.test.ts runs them on threads.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../../language/src/analyze-text.js';
import { selectNodeBackend } from '../../../training/src/backend/node-backend.js';
import { buildTfjsModel } from '../../../training/src/build/build-model.js';
import { compileSettings } from '../../../training/src/build/compile.js';
import { mulberry32 } from '../../../training/src/data/synthetic.js';
import { createCustomLayers } from '../../../training/src/layers/index.js';
import { kernelMemoryInUse } from '../../../training/src/layers/recurrent-kernel.js';
import { planWholeStep } from '../../../training/src/train/whole-step/plan.js';
import { partCapacities, StepProgram } from '../../../training/src/train/whole-step/program.js';
import { weightSlices } from '../../../training/src/train/whole-step/layout.js';
import { batchShares } from '../../../training/src/threads/batch-shares.js';
import { weightDifference } from './engines.js';
import { sameBits, serialUpdateTrain } from './serial-update.js';

const MODEL = `
model Split {
    Conv1D(filters=4, kernel_size=2, input_shape=(12, 3))
    MaxPooling1D(2)
    Bidirectional(LSTM(24, return_sequences=True, dropout=0.2, recurrent_dropout=0.1))
    GRU(5, reset_after=False, recurrent_dropout=0.2)
    Dropout(0.3)
    Dense(2)
    compile(optimizer=Adam(learning_rate=0.01), loss="mse")
}`;

beforeAll(async () => {
    await selectNodeBackend(tf, 'wasm');
});

/** The model built and compiled, its plan, its Adam and seeded rows of its shape. */
function planned(rows: number) {
    const analysis = analyzeText(MODEL).models[0];
    const built = buildTfjsModel(tf, analysis, createCustomLayers(tf));
    if (!built.ok) throw new Error(built.problems.map(p => p.message).join('; '));
    const settings = compileSettings(tf, analysis.description.compile);
    built.model.compile({ optimizer: settings.optimizer, loss: settings.loss });
    const result = planWholeStep(built.model, settings.loss, [], settings.optimizer);
    if (!result.ok) throw new Error(result.reason);
    const adam = settings.optimizer as unknown as { learningRate: number; beta1: number; beta2: number; epsilon: number };
    const random = mulberry32(2);
    const x = Float32Array.from({ length: rows * 36 }, () => random() * 2 - 1);
    const y = Float32Array.from({ length: rows * 2 }, () => random());
    const dispose = () => {
        built.model.dispose();
        settings.optimizer.dispose();
    };
    return { plan: result.plan, adam, x, y, model: built.model, dispose };
}

function seeded<T>(seed: number, draw: () => T): T {
    const saved = Math.random;
    Math.random = mulberry32(seed);
    try { return draw(); } finally { Math.random = saved; }
}

describe('a batch split over whole-step programs', () => {
    it('sums its parts\' gradients to the whole batch\'s update', () => {
        const memory = kernelMemoryInUse();
        const rows = 16;
        const { plan, adam, x, y, model, dispose } = planned(rows);
        const whole = new StepProgram(tf, plan, rows, adam, 1);
        const split = new StepProgram(tf, plan, rows, adam, 2);
        expect([whole.threads, split.threads]).toEqual([1, 2]);
        // Whole batches shared 8 and 8, then a short one that stays whole (too few rows for two).
        for (const [step, to] of [[0, 16], [1, 16], [2, 16], [3, 11]]) {
            seeded(step, () => whole.stage(x, y, null, 0, to, true));
            seeded(step, () => split.stage(x, y, null, 0, to, true));
            const sums = whole.train(to), splitSums = split.train(to);
            expect(Math.abs(splitSums.squared - sums.squared) / sums.squared).toBeLessThan(1e-5);
            expect(Math.abs(splitSums.absolute - sums.absolute) / sums.absolute).toBeLessThan(1e-5);
        }
        whole.stage(x, y, null, 0, rows, false);
        split.stage(x, y, null, 0, rows, false);
        const evaluated = whole.evaluate(rows), splitEvaluated = split.evaluate(rows);
        expect(Math.abs(splitEvaluated.squared - evaluated.squared) / evaluated.squared).toBeLessThan(1e-5);
        const expected = whole.weightValues();
        expect(weightDifference(split.weightValues(), expected)).toBeLessThan(1e-5);
        // The update moved the weights (so that agreeing means something).
        const before = model.getWeights().map(w => w.dataSync().slice() as Float32Array);
        expect(weightDifference(before, expected)).toBeGreaterThan(1e-3);
        [whole, split].forEach(p => p.dispose());
        expect(kernelMemoryInUse()).toBe(memory);
        dispose();
    });

    // Four parts of 10 rows (two threads with two parts each: the sum written into part 0's gradient,
    // then Adam), and two parts of 20 (two threads: the sum read as Adam reads it, adamUpdateSum2).
    it.each([[2, 'four parts'], [1, 'two parts']] as const)('updates the weights slice by slice exactly as the whole sum in part order and one Adam do (%i a thread: %s)', (partsPerThread, _parts) => {
        const rows = 40;
        const { plan, adam, x, y, dispose } = planned(rows);
        // The recurrent kernels (24 × 96) take two slices each.
        const sliced = new StepProgram(tf, plan, rows, adam, 2, partsPerThread);
        const serial = new StepProgram(tf, plan, rows, adam, 2, partsPerThread);
        expect(weightSlices([2304, 5, 2048])).toEqual([0, 0, 2048, 0, 2048, 256, 1, 0, 5, 2, 0, 2048]);
        for (const [step, to] of [[0, 40], [1, 40], [2, 27], [3, 40]]) {
            seeded(step, () => sliced.stage(x, y, null, 0, to, true));
            seeded(step, () => serial.stage(x, y, null, 0, to, true));
            sliced.train(to);
            serialUpdateTrain(serial, to);
        }
        expect(sameBits(sliced.weightValues(), serial.weightValues())).toBe(true);
        [sliced, serial].forEach(p => p.dispose());
        dispose();
    });

    it('cuts a batch into shares of at least 8 rows, and sizes each part for the largest share it can get', () => {
        expect(batchShares(32, 2)).toEqual([[0, 16], [16, 32]]);
        expect(batchShares(15, 2)).toEqual([[0, 15]]);
        expect(batchShares(23, 3)).toEqual([[0, 11], [11, 23]]);
        expect(partCapacities(32, 2)).toEqual([16, 16]);
        // 23 rows on three threads are shared 11 and 12: the first part must hold 15 (a batch of 15 stays whole).
        expect(partCapacities(32, 3)).toEqual([15, 12, 11]);
        expect(partCapacities(12, 4)).toEqual([12]);
    });
});
