/**
 * What the layer tests share: a one-model .rnn text analysed, seeded tensors, and the check that
 * a stack of layers builds in tfjs as the analysis says and trains a step.
 */
import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';
import { analyzeText } from '../../../language/src/analyze-text.js';
import type { ModelAnalysis } from '../../../language/src/analysis/types.js';
import type { TfjsCustomLayers } from '../../../language/src/catalog/tfjs-build.js';
import { buildTfjsModel } from '../../../training/src/build/build-model.js';
import { mulberry32 } from '../../../training/src/data/synthetic.js';

/** `model M { Input(shape=input); layers... }`, analysed; it must be complete. */
export function analyse(input: string, layers: string): ModelAnalysis {
    const text = `model M {\n    Input(shape=${input})\n${layers.split('\n').map(l => `    ${l.trim()}`).join('\n')}\n}\n`;
    const model = analyzeText(text).models[0];
    expect(model, text).toBeDefined();
    expect(model.complete, `${text}\n${JSON.stringify(analyzeText(text).diagnostics.map(d => d.message))}`).toBe(true);
    return model;
}

/** Uniform numbers in [-1, 1), the same for a seed. */
export function randomTensor(shape: number[], seed = 7): tf.Tensor {
    const random = mulberry32(seed);
    const size = shape.reduce((a, b) => a * b, 1);
    return tf.tensor(Array.from({ length: size }, () => random() * 2 - 1), shape);
}

const count = (weights: tf.LayerVariable[]) => weights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);

/**
 * Builds the stack with `custom`; checks every layer's output shape on a real tensor and its
 * declared shape, and its trainable / non-trainable weight counts, against the analysis; trains
 * one step with a finite loss that moves every trainable weight (a weight without a gradient
 * would stay put; a stack without trainable weights skips the step); leaks nothing. `integers`: the input is integers below it (for Embedding).
 */
export async function checkLayerStack(custom: TfjsCustomLayers, input: string, layers: string, options: { integers?: number; batch?: number } = {}): Promise<void> {
    const before = tf.memory().numTensors;
    const model = analyse(input, layers);
    const built = buildTfjsModel(tf, model, custom);
    if (!built.ok) throw new Error(JSON.stringify(built.problems));
    const net = built.model;
    const batch = options.batch ?? 3;
    const shape = [batch, ...model.input!.slice(1).map(d => d as number)];
    const x = options.integers
        ? tf.tensor(Array.from({ length: shape.reduce((a, b) => a * b, 1) }, (_, i) => (i * 7) % options.integers!), shape)
        : randomTensor(shape);
    tf.tidy(() => {
        let t: tf.Tensor = x;
        model.layers.forEach(analysed => {
            // A layer may be a chain in tfjs (RNN over stacked cells: `rnn_cell_1`, `rnn_cell_2` ...): checked as one.
            const parts = net.layers.filter(layer => layer.name === analysed.name || layer.name.startsWith(`${analysed.name}_cell_`));
            expect(parts.length, analysed.name).toBeGreaterThan(0);
            const what = `${analysed.name} (${analysed.kind})`;
            let shape = [null, ...analysed.input!.slice(1)] as tf.Shape;
            for (const part of parts) {
                t = part.apply(t) as tf.Tensor;
                shape = part.computeOutputShape(shape) as tf.Shape;
            }
            expect(t.shape, what).toEqual(analysed.output!.map((d, k) => (k === 0 ? batch : d)));
            expect(shape, what).toEqual([null, ...analysed.output!.slice(1)]);
            expect([parts.reduce((n, p) => n + count(p.trainableWeights), 0), parts.reduce((n, p) => n + count(p.nonTrainableWeights), 0)], what)
                .toEqual([analysed.params!.trainable, analysed.params!.nonTrainable]);
        });
        expect(net.layers.length).toBeGreaterThanOrEqual(model.layers.length);
    });
    if (net.trainableWeights.length === 0) {
        // Nothing to train (an activation or noise layer alone): the shapes and counts are the check.
        tf.dispose(x);
        net.dispose();
        expect(tf.memory().numTensors).toBe(before);
        return;
    }
    const y = randomTensor([batch, ...model.output!.slice(1).map(d => d as number)], 3);
    const optimizer = tf.train.sgd(0.1);
    net.compile({ optimizer, loss: 'meanSquaredError' });
    const weightsBefore = net.trainableWeights.map(w => w.read().dataSync().slice());
    const loss = await net.trainOnBatch(x, y) as number;
    expect(Number.isFinite(loss)).toBe(true);
    net.trainableWeights.forEach((w, i) => {
        const now = w.read().dataSync();
        expect(now.some((v, k) => Math.abs(v - weightsBefore[i][k]) > 1e-9), w.name).toBe(true);
    });
    tf.dispose([x, y]);
    net.dispose();
    optimizer.dispose();
    expect(tf.memory().numTensors).toBe(before);
}
