/**
 * Training through the engine (RNN Lens's recurrent kernels, its wasm kernels and fused Adam)
 * reaches the same losses as the stock path (tfjs's own recurrent layers where they are Keras,
 * elsewhere RNN Lens's layers run op by op, tfjs's kernels and Adam: the benchmark's baseline)
 * from the same weights on the same seeded data, epoch by epoch, on wasm and cpu; and leaks
 * nothing. (No max pooling here: tfjs-wasm's own MaxPoolGrad loses gradients, see
 * input-gradients.test.ts, so the stock path trains a pooled model differently on wasm.)
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { useStockKernels } from '../../training/src/backend/kernel-switch.js';
import { selectNodeBackend } from '../../training/src/backend/node-backend.js';
import { buildTfjsModel } from '../../training/src/build/build-model.js';
import { compileSettings } from '../../training/src/build/compile.js';
import { mulberry32 } from '../../training/src/data/synthetic.js';
import { createCustomLayers } from '../../training/src/layers/index.js';
import { kernelMemoryInUse } from '../../training/src/layers/recurrent-kernel.js';

const MODEL = `
model Sequence {
    Conv1D(filters=4, kernel_size=2, input_shape=(9, 3))
    LSTM(8, activation="relu", return_sequences=True)
    Bidirectional(LSTM(4, return_sequences=True), merge_mode="concat")
    GRU(6, return_sequences=True)
    SimpleRNN(5)
    Dense(1)
    compile(optimizer=Adam(learning_rate=0.01), loss="mse")
}`;

const SAMPLES = 96;
const EPOCHS = 12;

function data(): [tf.Tensor3D, tf.Tensor2D] {
    const random = mulberry32(21);
    const x = Float32Array.from({ length: SAMPLES * 9 * 3 }, () => random() * 2 - 1);
    // A target the model can learn: a smooth function of the window.
    const y = Float32Array.from({ length: SAMPLES }, (_, i) => Math.sin(x[i * 27] + x[i * 27 + 13]) * 0.5 + x[i * 27 + 26] * 0.3);
    return [tf.tensor3d(x, [SAMPLES, 9, 3]), tf.tensor2d(y, [SAMPLES, 1])];
}

async function train(stock: boolean, weights: tf.Tensor[] | null): Promise<{ losses: number[]; weights: tf.Tensor[] }> {
    const analysis = analyzeText(MODEL).models[0];
    useStockKernels(stock);
    try {
        const built = buildTfjsModel(tf, analysis, createCustomLayers(tf), { stockLayers: stock });
        if (!built.ok) throw new Error(built.problems.map(p => p.message).join('; '));
        const model = built.model;
        // Seeded starting weights (the same for both paths), instead of the initializers' draws.
        const random = mulberry32(5);
        const start = weights ?? model.getWeights().map(w => tf.tensor(Float32Array.from({ length: w.size }, () => (random() * 2 - 1) * 0.4), w.shape));
        model.setWeights(start);
        const settings = compileSettings(tf, analysis.description.compile);
        model.compile({ optimizer: settings.optimizer, loss: settings.loss });
        const [x, y] = data();
        const history = await model.fit(x, y, { epochs: EPOCHS, batchSize: 16, shuffle: false, verbose: 0 });
        tf.dispose([x, y]);
        model.dispose();
        settings.optimizer.dispose();
        return { losses: history.history.loss as number[], weights: weights ? [] : start };
    } finally {
        useStockKernels(false);
    }
}

afterAll(async () => {
    await selectNodeBackend(tf, 'cpu');
});

describe.each(['wasm', 'cpu'] as const)('training through the engine on %s', backend => {
    beforeAll(async () => {
        await selectNodeBackend(tf, backend);
    });

    it('reaches the stock path\'s loss at every epoch from the same weights', async () => {
        const tensors = tf.memory().numTensors;
        const kernelMemory = kernelMemoryInUse();
        const engine = await train(false, null);
        const stock = await train(true, engine.weights);
        tf.dispose(engine.weights);
        expect(engine.losses).toHaveLength(EPOCHS);
        // It learns (so that the comparison means something) ...
        expect(engine.losses.at(-1)!).toBeLessThan(engine.losses[0] * 0.7);
        // ... and each epoch's loss is the stock path's, within float rounding carried through 72 Adam steps (~1e-7 here).
        engine.losses.forEach((loss, epoch) => expect(Math.abs(loss - stock.losses[epoch]) / stock.losses[epoch], `epoch ${epoch + 1}`).toBeLessThan(1e-5));
        expect(tf.memory().numTensors).toBe(tensors);
        expect(kernelMemoryInUse()).toBe(kernelMemory);
    }, 60_000);
});
