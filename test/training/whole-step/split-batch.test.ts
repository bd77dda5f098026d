/**
 * A batch split over several whole-step programs (what threads will run: each part's forward,
 * loss and backward apart, their gradients summed, one update) gives the weights of the same
 * batch in one call, within float summation order; and a program gives its memory back.
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
import { StepProgram } from '../../../training/src/train/whole-step/program.js';
import { weightDifference } from './engines.js';

const MODEL = `
model Split {
    Conv1D(filters=4, kernel_size=2, input_shape=(12, 3))
    MaxPooling1D(2)
    Bidirectional(LSTM(6, return_sequences=True))
    GRU(5, reset_after=False)
    Dense(2)
    compile(optimizer=Adam(learning_rate=0.01), loss="mse")
}`;

beforeAll(async () => {
    await selectNodeBackend(tf, 'wasm');
});

describe('a batch split over whole-step programs', () => {
    it('sums its parts\' gradients to the whole batch\'s update', () => {
        const analysis = analyzeText(MODEL).models[0];
        const built = buildTfjsModel(tf, analysis, createCustomLayers(tf));
        if (!built.ok) throw new Error(built.problems.map(p => p.message).join('; '));
        const settings = compileSettings(tf, analysis.description.compile);
        built.model.compile({ optimizer: settings.optimizer, loss: settings.loss });
        const planned = planWholeStep(built.model, settings.loss, [], settings.optimizer);
        if (!planned.ok) throw new Error(planned.reason);
        const adam = settings.optimizer as unknown as { learningRate: number; beta1: number; beta2: number; epsilon: number };
        const memory = kernelMemoryInUse();
        const random = mulberry32(2);
        const rows = 16;
        const x = Float32Array.from({ length: rows * 36 }, () => random() * 2 - 1);
        const y = Float32Array.from({ length: rows * 2 }, () => random());
        const whole = new StepProgram(tf, planned.plan, rows, adam);
        const parts = [new StepProgram(tf, planned.plan, 5, adam), new StepProgram(tf, planned.plan, 11, adam)];
        for (let step = 0; step < 3; step++) {
            whole.stage(x, y, null, 0, rows, true);
            const sums = whole.train(rows);
            parts[0].stage(x, y, null, 0, 5, true);
            parts[1].stage(x, y, null, 5, rows, true);
            const partSums = parts.map((p, i) => p.gradients(i === 0 ? 5 : 11, rows));
            expect(Math.abs(partSums[0].squared + partSums[1].squared - sums.squared) / sums.squared).toBeLessThan(1e-5);
            parts[0].addGradients(parts[1]);
            parts[0].applyAdam();
            // The other part takes the updated weights, as every thread would.
            parts[1].readWeightsFrom(parts[0]);
        }
        const expected = whole.weightValues();
        expect(weightDifference(parts[0].weightValues(), expected)).toBeLessThan(1e-5);
        expect(weightDifference(parts[1].weightValues(), expected)).toBeLessThan(1e-5);
        // The update moved the weights (so that agreeing means something).
        const before = built.model.getWeights().map(w => w.dataSync().slice() as Float32Array);
        expect(weightDifference(before, expected)).toBeGreaterThan(1e-3);
        [whole, ...parts].forEach(p => p.dispose());
        expect(kernelMemoryInUse()).toBe(memory);
        built.model.dispose();
        settings.optimizer.dispose();
    });
});
