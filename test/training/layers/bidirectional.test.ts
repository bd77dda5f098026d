/**
 * RNN Lens's Bidirectional (one operation for both directions and the concatenation) equals
 * tfjs's Bidirectional around the same RNN Lens layers with the same weights: outputs, and the
 * gradients of the input and of every weight, for SimpleRNN, LSTM and GRU, with and without
 * return_sequences, with dropout (seeded) and masked steps, on cpu and wasm; the other merge
 * modes keep tfjs's path; it saves and loads; nothing leaks.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { selectNodeBackend } from '../../../training/src/backend/node-backend.js';
import { kerasBidirectionalClass } from '../../../training/src/layers/bidirectional.js';
import { kerasRecurrentClass, type KerasRecurrentConfig } from '../../../training/src/layers/recurrent-layers.js';
import { kernelMemoryInUse } from '../../../training/src/layers/recurrent-kernel.js';
import { randomTensor } from './layer-kit.js';

const [BATCH, STEPS, FEATURES] = [3, 5, 4];
const STEP_MASK = [1, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 0, 1, 1, 1];

const CASES: Array<[string, KerasRecurrentConfig, boolean]> = [
    ['LSTM, sequences', { kind: 'LSTM', units: 4, returnSequences: true }, false],
    ['LSTM relu, last state, dropout and recurrent dropout', { kind: 'LSTM', units: 3, activation: 'relu', dropout: 0.2, recurrentDropout: 0.3, seed: 4 }, false],
    ['GRU, sequences, masked steps', { kind: 'GRU', units: 3, returnSequences: true }, true],
    ['SimpleRNN, last state, masked steps', { kind: 'SimpleRNN', units: 5 }, true]
];

function run(config: KerasRecurrentConfig, fused: boolean, masked: boolean) {
    const Inner = kerasRecurrentClass(tf);
    const Fused = kerasBidirectionalClass(tf);
    const args = { layer: new Inner(config) as never, mergeMode: 'concat' as const };
    const layer = fused ? new Fused(args) : tf.layers.bidirectional(args);
    layer.build([BATCH, STEPS, FEATURES]);
    const weights = layer.getWeights().map((w, i) => randomTensor(w.shape, 50 + i));
    layer.setWeights(weights);
    tf.dispose(weights);
    const x = randomTensor([BATCH, STEPS, FEATURES], 1);
    const mask = masked ? tf.tensor2d(STEP_MASK, [BATCH, STEPS], 'bool') : null;
    const out = (input: tf.Tensor) => layer.apply(input, { training: true, ...(mask ? { mask } : {}) }) as tf.Tensor;
    const result = tf.tidy(() => {
        const y = out(x);
        const u = randomTensor(y.shape, 7);
        const loss = () => tf.sum(tf.mul(out(x), u)) as tf.Scalar;
        const { grads } = tf.variableGrads(loss, layer.trainableWeights.map(w => (w as unknown as { val: tf.Variable }).val));
        const gx = tf.grad((input: tf.Tensor) => tf.sum(tf.mul(out(input), u)))(x);
        return [y, gx, ...layer.trainableWeights.map(w => grads[(w as unknown as { val: tf.Variable }).val.name])].map(t => Array.from(t.dataSync()));
    });
    tf.dispose([x, ...(mask ? [mask] : [])]);
    layer.weights.forEach(w => w.dispose());
    return result;
}

afterAll(async () => {
    await selectNodeBackend(tf, 'cpu');
});

describe.each(['cpu', 'wasm'] as const)('RnnLensBidirectional on %s', backend => {
    beforeAll(async () => {
        await selectNodeBackend(tf, backend);
    });

    it.each(CASES)('%s: equals tfjs\'s wrapper, forwards and in every gradient', (_title, config, masked) => {
        const tensors = tf.memory().numTensors;
        const kernelMemory = kernelMemoryInUse();
        const want = run(config, false, masked);
        const got = run(config, true, masked);
        expect(got.map(g => g.length)).toEqual(want.map(w => w.length));
        got.forEach((values, i) => {
            const scale = Math.max(1e-3, ...want[i].map(Math.abs));
            values.forEach((v, j) => expect(Math.abs(v - want[i][j]) / scale, `array ${i} at ${j}`).toBeLessThan(1e-5));
        });
        expect(tf.memory().numTensors).toBe(tensors);
        expect(kernelMemoryInUse()).toBe(kernelMemory);
    });
});

describe('RnnLensBidirectional', () => {
    it('keeps tfjs\'s path for merge_mode "sum", with the same result', async () => {
        await selectNodeBackend(tf, 'cpu');
        const Inner = kerasRecurrentClass(tf);
        const Fused = kerasBidirectionalClass(tf);
        const config: KerasRecurrentConfig = { kind: 'LSTM', units: 3, returnSequences: true };
        const a = new Fused({ layer: new Inner(config) as never, mergeMode: 'sum' });
        const b = tf.layers.bidirectional({ layer: new Inner(config) as never, mergeMode: 'sum' });
        a.build([BATCH, STEPS, FEATURES]);
        b.build([BATCH, STEPS, FEATURES]);
        b.setWeights(a.getWeights());
        const x = randomTensor([BATCH, STEPS, FEATURES], 3);
        const ya = a.apply(x) as tf.Tensor, yb = b.apply(x) as tf.Tensor;
        expect(ya.shape).toEqual([BATCH, STEPS, 3]);
        expect(Array.from(ya.dataSync())).toEqual(Array.from(yb.dataSync()));
        tf.dispose([x, ya, yb]);
        [...a.weights, ...b.weights].forEach(w => w.dispose());
    });

    it('saves and loads as itself, with the same predictions', async () => {
        await selectNodeBackend(tf, 'cpu');
        const Inner = kerasRecurrentClass(tf);
        const Fused = kerasBidirectionalClass(tf);
        const model = tf.sequential({ layers: [new Fused({ layer: new Inner({ kind: 'GRU', units: 3 }) as never, mergeMode: 'concat', inputShape: [STEPS, FEATURES] }) as never] });
        let saved: tf.io.ModelArtifacts | undefined;
        await model.save(tf.io.withSaveHandler(async artifacts => { saved = artifacts; return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } }; }));
        expect(JSON.stringify(saved!.modelTopology)).toContain('RnnLensBidirectional');
        const loaded = await tf.loadLayersModel(tf.io.fromMemory(saved!));
        const x = randomTensor([BATCH, STEPS, FEATURES], 9);
        const a = model.predict(x) as tf.Tensor, b = loaded.predict(x) as tf.Tensor;
        expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
        tf.dispose([x, a, b]);
        model.dispose();
        loaded.dispose();
    });
});
