/**
 * What the training benchmark times, bundled by bench/train.bench.mjs: each model of the course
 * notebook trained by RNN Lens's engine (trainModel, the path `rnn-lens train` and the panel take)
 * on its default synthetic data, batch 32, on a chosen backend.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { analyzeText } from '../language/src/parse.js';
import type { ModelAnalysis } from '../language/src/index.js';
import { selectNodeBackend, directoryLoader, nodeSpawner, useNativeProducts } from '../training/src/node.js';
import {
    useStockKernels, prepareDataset, createCustomLayers, kernelProduct, trainModel, type TrainOptions, useKernelThreads, stopKernelThreads, productsInUse,
    threadsAskedFor
} from '../training/src/index.js';

export const BATCH_SIZE = 32;

export function notebookModels(root: string): readonly ModelAnalysis[] {
    const file = join(root, 'examples/advanced_rnn_theory.rnn');
    return analyzeText(readFileSync(file, 'utf8')).models;
}

export async function useBackend(name: 'cpu' | 'wasm'): Promise<string> {
    const choice = await selectNodeBackend(tf, name);
    return `${choice.backend} (tfjs ${tf.version.tfjs})`;
}

/**
 * The matrix products the kernels take: 'native' (the addon where it is built, as `rnn-lens train`
 * does; RNN_LENS_NATIVE still chooses) or 'wasm'. Kernel threads load the products when they
 * start: a change stops them, and the next useThreads starts them again.
 */
export function useProducts(products: 'native' | 'wasm'): string {
    const before = productsInUse().text;
    const now = useNativeProducts(products === 'wasm' ? 'off' : process.env.RNN_LENS_NATIVE).text;
    if (now !== before) stopKernelThreads();
    return now;
}

/**
 * Runs the kernels on `count` threads (1: one thread); the threads now in use. `asked`: as
 * --threads asks for them (every batch shared), else as they run by default (`rnn-lens train`
 * without --threads: a small model's batches, and the per-layer path, keep one thread).
 */
export async function useThreads(count: number, asked = true): Promise<number> {
    threadsAskedFor(asked);
    return (await useKernelThreads(count, nodeSpawner)).threads;
}

export interface Throughput {
    readonly samplesPerSecond: number;
    /**
     * Samples/s at the first quartile of the timed batches' durations: the batches least slowed
     * by other work on a shared machine (what a quiet machine gives, roughly).
     */
    readonly quietSamplesPerSecond: number;
    readonly batches: number;
    readonly msPerBatch: number;
    /** The threads that trained (trainModel's result). */
    readonly threads: number;
}

/**
 * Trains `warmup + batches` batches and times the last `batches` of them (the first ones pay
 * for kernel set-up and the optimizer's variables). `stock`: with tfjs's own recurrent layers
 * wherever they compute what Keras does, and tfjs-wasm's own kernels (the baseline),
 * instead of RNN Lens's. `train`: more of trainModel's options (an engine's, bench/train-engines.mjs).
 */
export async function throughput(model: ModelAnalysis, root: string, warmup: number, batches: number, stock = false,
    train: Partial<TrainOptions> = {}): Promise<Throughput> {
    const data = prepareDataset(model.description, model.description.input?.shape, directoryLoader(join(root, 'examples')));
    const stamps: number[] = [];
    useStockKernels(stock);
    const result = await trainModel(tf, model, data, createCustomLayers(tf), {
        ...train, epochs: 100, batchSize: BATCH_SIZE, build: { ...train.build, stockLayers: stock },
        onBatch: () => { stamps.push(performance.now()); },
        shouldStop: () => stamps.length >= warmup + batches
    }).finally(() => useStockKernels(false));
    result.tfModel.dispose();
    const timed = stamps.slice(warmup);
    const ms = timed.at(-1)! - stamps[warmup - 1];
    const durations = timed.map((t, i) => t - stamps[warmup - 1 + i]).sort((a, b) => a - b);
    const quartile = durations[Math.floor(durations.length / 4)];
    return {
        samplesPerSecond: (batches * BATCH_SIZE) / (ms / 1000), quietSamplesPerSecond: BATCH_SIZE / (quartile / 1000), batches, msPerBatch: ms / batches,
        threads: result.threads
    };
}

export interface FirstEpoch {
    readonly seconds: number;
    readonly samples: number;
}

/** From pressing Train (data preparation, building, compiling) to the end of the first epoch. */
export async function timeToFirstEpoch(model: ModelAnalysis, root: string): Promise<FirstEpoch> {
    const started = performance.now();
    const data = prepareDataset(model.description, model.description.input?.shape, directoryLoader(join(root, 'examples')));
    let seconds = NaN;
    const result = await trainModel(tf, model, data, createCustomLayers(tf), {
        epochs: 1, batchSize: BATCH_SIZE,
        onEpoch: () => { seconds = (performance.now() - started) / 1000; }
    });
    result.tfModel.dispose();
    return { seconds, samples: data.train.n };
}

export function tensorsInMemory(): number {
    return tf.memory().numTensors;
}

const RECURRENT_KINDS = new Set(['SimpleRNN', 'LSTM', 'GRU', 'Bidirectional']);

/**
 * Floating-point operations of one training sample, as matrix products count them: every weight
 * multiplies once per position it is applied at (a recurrent layer's at every input step, a
 * convolution's at every output step, a Dense layer's at every row), one multiply-add (2 FLOP)
 * forwards and twice that backwards (the input's and the weight's gradients): 6 per weight and
 * position. Element-wise work (gates, activations, pooling, the optimizer) is not counted.
 */
export function trainingFlopPerSample(model: ModelAnalysis): number {
    let macs = 0;
    for (const layer of model.layers) {
        const weights = layer.params?.trainable ?? 0;
        if (!weights) continue;
        const over = RECURRENT_KINDS.has(layer.kind) ? layer.input : layer.output;
        const positions = (over ?? []).slice(1, -1).reduce<number>((a, d) => a * (d ?? 1), 1);
        macs += weights * positions;
    }
    return 6 * macs;
}

const [M, K, N] = [320, 120, 480];

/** GFLOP/s of `product` (an M × K by K × N product, its result read back), best of a few timed rounds. */
function productRate(product: () => void): number {
    let best = Infinity;
    for (let round = 0; round < 6; round++) {
        const started = performance.now();
        for (let i = 0; i < 20; i++) product();
        best = Math.min(best, (performance.now() - started) / 20);
    }
    return (2 * M * K * N) / (best / 1000) / 1e9;
}

/**
 * What tfjs's matMul reaches on the current backend: GFLOP/s of a plain product the size of a
 * recurrent layer's input projection (320 × 120 by 120 × 480).
 */
export function matMulCeiling(): number {
    const a = tf.randomNormal([M, K]);
    const b = tf.randomNormal([K, N]);
    const rate = productRate(() => {
        const c = tf.matMul(a, b);
        c.dataSync();
        c.dispose();
    });
    tf.dispose([a, b]);
    return rate;
}

/** The same product by RNN Lens's recurrent kernels' own (copied into their memory and back, as they are used). */
export function kernelProductRate(): number {
    const a = Float32Array.from({ length: M * K }, (_, i) => Math.sin(i));
    const b = Float32Array.from({ length: K * N }, (_, i) => Math.cos(i));
    return productRate(() => kernelProduct(a, b, M, K, N));
}
