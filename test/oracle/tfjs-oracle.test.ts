/**
 * tfjs as an oracle for RNN Lens's shapes and parameter counts.
 *
 * Hundreds of random valid Sequential stacks (a seeded generator that tracks the shape, so every
 * stack is one Keras builds) are written as `.rnn` text, analysed with `analyzeText`, and built
 * with the same layers in @tensorflow/tfjs (cpu backend); every layer's output shape and its
 * trainable / non-trainable parameter counts must agree, and where a stack has no unknown length
 * one forward pass checks tfjs's own shapes at run time too.
 *
 * tfjs 4.22 has no ZeroPadding1D, Cropping1D or UpSampling1D: they are built as
 * Reshape((T, 1, C)) → ZeroPadding2D / Cropping2D / UpSampling2D on the first axis → Reshape((T', C)),
 * and the group's last output shape is compared.
 *
 * Where tfjs is known to differ from Keras (whose semantics are the spec), the difference is
 * asserted, each checked against tfjs 4.22 itself: see "where tfjs differs from Keras" below.
 */
import * as tf from '@tensorflow/tfjs';
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import type { LayerAnalysis, ModelAnalysis } from '../../language/src/analysis/types.js';
import { notebookInTfjs } from './notebook-tfjs.js';
import { mulberry32 } from '../../training/src/data/synthetic.js';

type Dims = Array<number | null>;
type TfLayer = tf.layers.Layer;
interface Base { inputShape?: Dims }

/** One Keras layer: its `.rnn` call and the tfjs layers that build it (several for emulated ones). */
interface LayerSpec {
    readonly kind: string;
    readonly name: string;
    readonly args: readonly string[];
    readonly tf: (base: Base) => TfLayer[];
}

interface Stack {
    readonly id: number;
    readonly input: Dims;
    /** `Input(shape=...)` first, or `input_shape=` on the first layer. */
    readonly inputStatement: boolean;
    readonly layers: readonly LayerSpec[];
}

// ---------------------------------------------------------------------------------------------
// A small seeded generator (mulberry32): the same stacks on every run.

class Rng {
    readonly next: () => number;
    constructor(seed: number) {
        this.next = mulberry32(seed);
    }
    int(min: number, max: number): number {
        return min + Math.floor(this.next() * (max - min + 1));
    }
    bool(p = 0.5): boolean {
        return this.next() < p;
    }
    pick<T>(items: readonly T[]): T {
        return items[Math.floor(this.next() * items.length)];
    }
}

const py = (b: boolean) => (b ? 'True' : 'False');
const pyTuple = (dims: Dims) => (dims.length === 1 ? `(${dim(dims[0])},)` : `(${dims.map(dim).join(', ')})`);
const dim = (d: number | null) => (d === null ? 'None' : String(d));
const ceilDiv = (a: number, b: number) => Math.ceil(a / b);

/**
 * The 1D layers tfjs lacks, as a 2D layer over the time axis between two reshapes. Known lengths
 * are spelled out: tfjs's Reshape leaves a -1 unresolved (see "where tfjs differs" below), and its
 * Cropping2D subtracts from an unknown (null) length as if it were 0.
 */
function via2d(make: () => TfLayer, length: number | null, channels: number, base: Base, outLength: number | null): TfLayer[] {
    return [
        tf.layers.reshape({ ...base, targetShape: [length ?? -1, 1, channels] }),
        make(),
        tf.layers.reshape({ targetShape: [outLength ?? -1, channels] })
    ];
}

type RecurrentName = 'SimpleRNN' | 'LSTM' | 'GRU';

function recurrent(rng: Rng) {
    const family: RecurrentName = rng.pick(['SimpleRNN', 'LSTM', 'GRU'] as const);
    const units = rng.int(1, 12);
    const returnSequences = rng.bool();
    const useBias = rng.bool(0.8);
    const activation = rng.pick(['tanh', 'relu'] as const);
    const args = [String(units)];
    if (activation !== 'tanh') args.push(`activation="${activation}"`);
    if (returnSequences || rng.bool(0.3)) args.push(`return_sequences=${py(returnSequences)}`);
    if (!useBias) args.push('use_bias=False');
    if (family === 'GRU') args.push('reset_after=False');
    const config = { units, returnSequences, useBias, activation };
    const make = (base: Base): TfLayer =>
        family === 'SimpleRNN' ? tf.layers.simpleRNN({ ...base, ...config })
            : family === 'LSTM' ? tf.layers.lstm({ ...base, ...config })
                : tf.layers.gru({ ...base, ...config });
    return { family, units, returnSequences, args, call: `${family}(${args.join(', ')})`, make };
}

/**
 * The next layer for the current shape (batch left out), and the shape after it; undefined when
 * the chosen kind does not fit here (the caller picks again).
 */
function nextLayer(rng: Rng, shape: Dims, masked: boolean): { spec: LayerSpec; shape: Dims } | undefined {
    const rank3 = shape.length === 2;
    const [T, Craw] = rank3 ? shape : [null, shape[0]];
    const C = Craw as number;
    const kinds3 = [
        'Conv1D', 'Conv1D', 'MaxPooling1D', 'AveragePooling1D', 'GlobalMaxPooling1D', 'GlobalAveragePooling1D',
        'ZeroPadding1D', 'Cropping1D', 'UpSampling1D', 'Recurrent', 'Recurrent', 'Bidirectional', 'Bidirectional',
        'TimeDistributed', 'Dense', 'Dropout', 'SpatialDropout1D', 'Flatten', 'Reshape', 'Permute', 'Masking',
        'BatchNormalization', 'LayerNormalization', 'Activation'
    ];
    const kinds2 = ['Dense', 'Dense', 'Dropout', 'RepeatVector', 'Reshape', 'BatchNormalization', 'LayerNormalization', 'Activation'];
    const kind = rng.pick(rank3 ? kinds3 : kinds2);
    // tfjs carries a Masking layer's mask, unchanged, through Reshape, Permute and Flatten (and the reshapes
    // that stand in for the first three), and a recurrent layer after them then fails at run time
    // ("Argument 'x' passed to 'onesLike' ... got 'null'"). Shapes are not affected; such stacks
    // are left out rather than the forward pass.
    if (masked && ['ZeroPadding1D', 'Cropping1D', 'UpSampling1D', 'Reshape', 'Permute', 'Flatten'].includes(kind)) return undefined;
    const spec = (name: string, args: string[], build: (base: Base) => TfLayer[], k = name): LayerSpec =>
        ({ kind: k, name, args, tf: build });

    switch (kind) {
        case 'Conv1D': {
            const filters = rng.int(1, 8);
            const k = rng.int(1, 5);
            const d = rng.bool(0.3) ? rng.int(2, 3) : 1;
            const s = d === 1 && rng.bool(0.4) ? rng.int(2, 3) : 1;
            const span = (k - 1) * d + 1;
            let padding = rng.pick(['valid', 'same'] as const);
            if (T !== null && span > T) padding = 'same';
            const useBias = rng.bool(0.8);
            const out = T === null ? null : padding === 'same' ? ceilDiv(T, s) : Math.floor((T - span) / s) + 1;
            const args = rng.bool() ? [String(filters), rng.bool(0.3) ? `(${k},)` : String(k)] : [`filters=${filters}`, `kernel_size=${k}`];
            if (s !== 1) args.push(`strides=${s}`);
            if (d !== 1) args.push(`dilation_rate=${d}`);
            if (padding !== 'valid' || rng.bool(0.2)) args.push(`padding="${padding}"`);
            if (!useBias) args.push('use_bias=False');
            return {
                spec: spec('Conv1D', args, base => [tf.layers.conv1d({ ...base, filters, kernelSize: k, strides: s, dilationRate: d, padding, useBias })]),
                shape: [out, filters]
            };
        }
        case 'MaxPooling1D':
        case 'AveragePooling1D': {
            const p = rng.int(1, 4);
            const strides = rng.bool(0.4) ? rng.int(1, 3) : null;
            let padding = rng.pick(['valid', 'same'] as const);
            if (T !== null && p > T) padding = 'same';
            const s = strides ?? p;
            const out = T === null ? null : padding === 'same' ? ceilDiv(T, s) : Math.floor((T - p) / s) + 1;
            const args = [rng.bool() ? String(p) : `pool_size=${p}`];
            if (strides !== null) args.push(`strides=${strides}`);
            if (padding !== 'valid') args.push(`padding="${padding}"`);
            const config = { poolSize: p, strides: s, padding };
            return {
                spec: spec(kind, args, base => [kind === 'MaxPooling1D'
                    ? tf.layers.maxPooling1d({ ...base, ...config })
                    : tf.layers.averagePooling1d({ ...base, ...config })]),
                shape: [out, C]
            };
        }
        case 'GlobalMaxPooling1D':
        case 'GlobalAveragePooling1D':
            return {
                spec: spec(kind, [], base => [kind === 'GlobalMaxPooling1D'
                    ? tf.layers.globalMaxPooling1d({ ...base })
                    : tf.layers.globalAveragePooling1d({ ...base })]),
                shape: [C]
            };
        case 'ZeroPadding1D': {
            const a = rng.int(0, 3);
            const b = rng.bool() ? a : rng.int(0, 3);
            const out = T === null ? null : T + a + b;
            const args = a === b && rng.bool() ? [String(a)] : [`padding=(${a}, ${b})`];
            return {
                spec: spec(kind, args, base => via2d(() => tf.layers.zeroPadding2d({ padding: [[a, b], [0, 0]] }), T, C, base, out)),
                shape: [out, C]
            };
        }
        case 'Cropping1D': {
            // tfjs's Cropping2D computes null − a − b as −(a + b) for an unknown length: known lengths only.
            if (T === null || T < 2) return undefined;
            const room = T - 1;
            const a = rng.int(0, Math.min(3, room));
            const b = rng.int(0, Math.min(3, room - a));
            const out = T - a - b;
            return {
                spec: spec(kind, [`(${a}, ${b})`], base => via2d(() => tf.layers.cropping2D({ cropping: [[a, b], [0, 0]] }), T, C, base, out)),
                shape: [out, C]
            };
        }
        case 'UpSampling1D': {
            if (T !== null && T > 40) return undefined;
            const size = rng.int(2, 3);
            const out = T === null ? null : T * size;
            return {
                spec: spec(kind, rng.bool() ? [String(size)] : [`size=${size}`],
                    base => via2d(() => tf.layers.upSampling2d({ size: [size, 1] }), T, C, base, out)),
                shape: [out, C]
            };
        }
        case 'Recurrent': {
            const r = recurrent(rng);
            return {
                spec: spec(r.family, r.args, base => [r.make(base)]),
                shape: r.returnSequences ? [T, r.units] : [r.units]
            };
        }
        case 'Bidirectional': {
            const r = recurrent(rng);
            const mergeMode = rng.pick(['concat', 'sum', 'mul', 'ave'] as const);
            const args = [r.call];
            if (mergeMode !== 'concat' || rng.bool(0.2)) args.push(`merge_mode="${mergeMode}"`);
            const h = mergeMode === 'concat' ? 2 * r.units : r.units;
            return {
                spec: spec('Bidirectional', args, base => [tf.layers.bidirectional({ ...base, layer: r.make({}) as tf.RNN, mergeMode })]),
                shape: r.returnSequences ? [T, h] : [h]
            };
        }
        case 'TimeDistributed': {
            const units = rng.int(1, 10);
            return {
                spec: spec(kind, [`Dense(${units})`], base => [tf.layers.timeDistributed({ ...base, layer: tf.layers.dense({ units }) })]),
                shape: [T, units]
            };
        }
        case 'Dense': {
            const units = rng.int(1, 16);
            const useBias = rng.bool(0.85);
            const activation = rng.pick(['linear', 'relu', 'sigmoid', 'tanh', 'softmax'] as const);
            const args = [String(units)];
            if (activation !== 'linear') args.push(`activation="${activation}"`);
            if (!useBias) args.push('use_bias=False');
            return {
                spec: spec(kind, args, base => [tf.layers.dense({ ...base, units, useBias, activation })]),
                shape: rank3 ? [T, units] : [units]
            };
        }
        case 'Dropout':
        case 'SpatialDropout1D': {
            const rate = rng.pick([0.1, 0.2, 0.25, 0.5]);
            return {
                spec: spec(kind, [String(rate)], base => [kind === 'Dropout'
                    ? tf.layers.dropout({ ...base, rate })
                    : tf.layers.spatialDropout1d({ ...base, rate })]),
                shape
            };
        }
        case 'Flatten':
            if (T === null) return undefined;
            return { spec: spec(kind, [], base => [tf.layers.flatten({ ...base })]), shape: [T * C] };
        case 'Permute':
            if (T === null) return undefined;
            return { spec: spec(kind, ['(2, 1)'], base => [tf.layers.permute({ ...base, dims: [2, 1] })]), shape: [C, T] };
        case 'Reshape': {
            if (T === null) return undefined;
            const size = rank3 ? T * C : C;
            const divisors = [...Array(size).keys()].map(i => i + 1).filter(x => size % x === 0);
            const choice = rng.int(0, 3);
            let target: number[];
            if (choice === 0 && rank3) target = [size];
            else if (choice === 1 && rank3) target = [C, T];
            else {
                const last = rng.pick(divisors);
                target = [size / last, rng.bool(0.3) ? -1 : last];
            }
            const out = target.map(x => (x === -1 ? size / target[0] : x));
            // The .rnn keeps the -1; tfjs gets it resolved, since its Reshape leaves a -1 unknown.
            return {
                spec: spec(kind, [pyTuple(target)], base => [tf.layers.reshape({ ...base, targetShape: out as number[] })]),
                shape: out
            };
        }
        case 'RepeatVector': {
            const n = rng.int(1, 12);
            return { spec: spec(kind, [String(n)], base => [tf.layers.repeatVector({ ...base, n })]), shape: [n, C] };
        }
        case 'Masking': {
            const value = rng.pick([0, 0, -1]);
            return {
                spec: spec(kind, value === 0 ? [] : [`mask_value=${value}`], base => [tf.layers.masking({ ...base, maskValue: value })]),
                shape
            };
        }
        case 'BatchNormalization':
            return { spec: spec(kind, [], base => [tf.layers.batchNormalization({ ...base })]), shape };
        case 'LayerNormalization':
            return { spec: spec(kind, [], base => [tf.layers.layerNormalization({ ...base })]), shape };
        case 'Activation': {
            const activation = rng.pick(['relu', 'tanh', 'sigmoid', 'softmax', 'elu', 'selu', 'softplus', 'linear'] as const);
            return { spec: spec(kind, [`"${activation}"`], base => [tf.layers.activation({ ...base, activation })]), shape };
        }
    }
    return undefined;
}

function generateStack(rng: Rng, id: number): Stack {
    const layers: LayerSpec[] = [];
    let shape: Dims;
    let input: Dims;
    if (rng.bool(0.15)) {
        // Embedding first: token ids of a variable or a fixed length.
        const length = rng.bool() ? null : rng.int(3, 30);
        const inputDim = rng.int(2, 60);
        const outputDim = rng.int(1, 12);
        input = [length];
        layers.push({
            kind: 'Embedding', name: 'Embedding', args: [String(inputDim), String(outputDim)],
            tf: base => [tf.layers.embedding({ ...base, inputDim, outputDim })]
        });
        shape = [length, outputDim];
    } else {
        input = [rng.int(4, 40), rng.int(1, 10)];
        shape = input;
    }
    const count = rng.int(2, 8);
    let masked = false;
    while (layers.length < count) {
        const next = nextLayer(rng, shape, masked);
        if (!next) continue;
        masked ||= next.spec.kind === 'Masking';
        layers.push(next.spec);
        shape = next.shape;
    }
    return { id, input, inputStatement: rng.bool(0.4), layers };
}

function rnnText(stack: Stack): string {
    const lines = [`model M${stack.id} {`];
    // Keras 3's SpatialDropout1D takes no input_shape ("unexpected keyword argument"): Input(...) first then.
    const inputStatement = stack.inputStatement || stack.layers[0]?.name === 'SpatialDropout1D';
    if (inputStatement) lines.push(`    Input(shape=${pyTuple(stack.input)})`);
    stack.layers.forEach((layer, i) => {
        const args = [...layer.args];
        if (i === 0 && !inputStatement) args.push(`input_shape=${pyTuple(stack.input)}`);
        lines.push(`    ${layer.name}(${args.join(', ')})`);
    });
    lines.push('}');
    return lines.join('\n');
}

// ---------------------------------------------------------------------------------------------
// What tfjs says, per Keras layer (a group of tfjs layers for the emulated ones).

interface Observed {
    readonly output: Dims;
    readonly trainable: number;
    readonly nonTrainable: number;
    readonly total: number;
}

const sizeOf = (weights: readonly tf.LayerVariable[]) => weights.reduce((sum, w) => sum + w.shape.reduce((a: number, b) => a * (b ?? 0), 1), 0);

function observe(group: readonly TfLayer[]): Observed {
    const last = group[group.length - 1];
    return {
        output: last.outputShape as Dims,
        trainable: group.reduce((s, l) => s + sizeOf(l.trainableWeights), 0),
        nonTrainable: group.reduce((s, l) => s + sizeOf(l.nonTrainableWeights), 0),
        total: group.reduce((s, l) => s + l.countParams(), 0)
    };
}

function buildInTfjs(stack: Stack): { model: tf.Sequential; groups: TfLayer[][] } {
    const groups = stack.layers.map((layer, i) => layer.tf(i === 0 ? { inputShape: stack.input } : {}));
    const model = tf.sequential({ layers: groups.flat() });
    return { model, groups };
}

function analysed(text: string): ModelAnalysis {
    const result = analyzeText(text);
    const errors = result.diagnostics.filter(d => d.severity === 'error');
    expect(errors.map(e => `${e.code}: ${e.message}`), text).toEqual([]);
    expect(result.models).toHaveLength(1);
    return result.models[0];
}

function lensOf(layer: LayerAnalysis): Observed {
    expect(layer.output, layer.name).toBeDefined();
    expect(layer.params, layer.name).toBeDefined();
    return {
        output: [...layer.output!],
        trainable: layer.params!.trainable,
        nonTrainable: layer.params!.nonTrainable,
        total: layer.params!.trainable + layer.params!.nonTrainable
    };
}

beforeAll(async () => {
    await tf.setBackend('cpu');
});

// ---------------------------------------------------------------------------------------------

// Another seed or more stacks, to explore: RNN_LENS_ORACLE_SEED=7 RNN_LENS_ORACLE_STACKS=3000 npx vitest run test/oracle
const STACKS = Number(process.env.RNN_LENS_ORACLE_STACKS ?? 500);
const rng = new Rng(Number(process.env.RNN_LENS_ORACLE_SEED ?? 20240611));
const stacks = Array.from({ length: STACKS }, (_, i) => generateStack(rng, i));

describe('random valid stacks: RNN Lens agrees with tfjs on every layer', () => {
    it('the generator covers every layer kind', () => {
        const counts = new Map<string, number>();
        for (const s of stacks) for (const l of s.layers) counts.set(l.kind, (counts.get(l.kind) ?? 0) + 1);
        const kinds = [
            'Conv1D', 'MaxPooling1D', 'AveragePooling1D', 'GlobalMaxPooling1D', 'GlobalAveragePooling1D', 'ZeroPadding1D',
            'Cropping1D', 'UpSampling1D', 'SimpleRNN', 'LSTM', 'GRU', 'Bidirectional', 'TimeDistributed', 'Dense', 'Dropout',
            'SpatialDropout1D', 'Flatten', 'RepeatVector', 'Reshape', 'Permute', 'Masking', 'Embedding', 'BatchNormalization',
            'LayerNormalization', 'Activation'
        ];
        for (const kind of kinds) expect(counts.get(kind) ?? 0, kind).toBeGreaterThanOrEqual(10);
    });

    for (const stack of stacks) {
        const text = rnnText(stack);
        it(`#${stack.id}: ${stack.layers.map(l => l.name).join(' → ')}`, () => {
            const lens = analysed(text);
            expect(lens.complete, text).toBe(true);
            expect(lens.layers).toHaveLength(stack.layers.length);
            const { model, groups } = buildInTfjs(stack);
            try {
                lens.layers.forEach((layer, i) => {
                    expect(layer.kind, text).toBe(stack.layers[i].name);
                    expect(lensOf(layer), `${text}\nlayer ${i} ${layer.name}`).toEqual(observe(groups[i]));
                });
                expect(lens.totals.total).toBe(model.countParams());
                // One forward pass where every length is known: tfjs's run-time shape is the same.
                if (stack.input.every(d => d !== null) && lens.layers.every(l => l.output!.every((d, j) => j === 0 || d !== null))) {
                    const y = tf.tidy(() => model.predict(tf.zeros([2, ...(stack.input as number[])])) as tf.Tensor);
                    expect(y.shape, text).toEqual([2, ...lens.output!.slice(1)]);
                    y.dispose();
                }
            } finally {
                model.dispose();
            }
        });
    }
});

// ---------------------------------------------------------------------------------------------
// Where tfjs differs from Keras: the difference itself is asserted, so a tfjs upgrade that
// changes it (or an RNN Lens change) shows up here.

function single(text: string): LayerAnalysis {
    const result = analyzeText(text);
    return result.models[0].layers[result.models[0].layers.length - 1];
}

function errorCodes(text: string): string[] {
    return analyzeText(text).diagnostics.filter(d => d.severity === 'error').map(d => d.code);
}

describe('where tfjs differs from Keras', () => {
    // (a) Keras's GRU defaults to reset_after=True, with a second bias per gate: 3·[h(h+i) + 2h].
    // tfjs's GRU has only the reset_after=False cell (3·[h(h+i) + h]) and refuses resetAfter: true.
    it.each([[40, 120], [1, 1], [16, 3], [7, 30]])('(a) GRU(%i) on %i features: reset_after', (h, i) => {
        const keras = single(`model G { GRU(${h}, input_shape=(5, ${i})) }`);
        expect(keras.params).toEqual({ trainable: 3 * (h * (h + i) + 2 * h), nonTrainable: 0 });
        const resetBefore = single(`model G { GRU(${h}, reset_after=False, input_shape=(5, ${i})) }`);
        expect(resetBefore.params).toEqual({ trainable: 3 * (h * (h + i) + h), nonTrainable: 0 });

        const gru = tf.sequential({ layers: [tf.layers.gru({ units: h, inputShape: [5, i] })] });
        expect(gru.layers[0].countParams()).toBe(3 * (h * (h + i) + h));
        expect(gru.layers[0].countParams()).toBe(resetBefore.params!.trainable);
        expect(keras.params!.trainable - gru.layers[0].countParams()).toBe(3 * h);
        gru.dispose();
        expect(() => tf.sequential({ layers: [tf.layers.gru({ units: h, resetAfter: true, inputShape: [5, i] } as never)] }))
            .toThrow(/does not support reset_after/);
    });

    // (b) Conv1D padding="causal": Keras pads (k − 1)·d zeros in front, so the length is kept
    // (ceil(T / s)). tfjs accepts the option and builds the layer, but its output-shape
    // arithmetic treats "causal" as "valid" (T − (k − 1)·d, then / s), and applying the layer
    // throws NotImplementedError ("CAUSAL padding mode ... not implemented yet"). Parameters agree.
    it.each([[10, 3, 1, 1], [10, 3, 2, 1], [21, 2, 1, 2], [9, 4, 1, 3]])('(b) Conv1D causal, T=%i k=%i d=%i s=%i', (T, k, d, s) => {
        const args = `4, ${k}, padding="causal"${d > 1 ? `, dilation_rate=${d}` : ''}${s > 1 ? `, strides=${s}` : ''}`;
        const lens = single(`model C { Conv1D(${args}, input_shape=(${T}, 3)) }`);
        expect(lens.output).toEqual([null, ceilDiv(T, s), 4]);
        const model = tf.sequential({
            layers: [tf.layers.conv1d({ filters: 4, kernelSize: k, dilationRate: d, strides: s, padding: 'causal', inputShape: [T, 3] })]
        });
        const valid = Math.floor((T - (k - 1) * d - 1) / s) + 1;
        expect(model.layers[0].outputShape).toEqual([null, valid, 4]);
        expect(model.layers[0].countParams()).toBe(lens.params!.trainable);
        expect(() => tf.tidy(() => model.predict(tf.zeros([1, T, 3])))).toThrow(/CAUSAL padding mode/);
        model.dispose();
    });

    // (c) Conv1D groups: Keras gives each of the g groups its own filters / g filters over
    // C / g input features: k·(C/g)·f + f. tfjs 4.22 has no `groups` (it is silently dropped:
    // not in getConfig), so it counts k·C·f + f and convolves all features with every filter.
    it.each([[4, 4, 3, 2], [6, 6, 2, 3], [8, 4, 1, 4]])('(c) Conv1D(%i, %i) on %i... groups', (f, C, k, g) => {
        const lens = single(`model C { Conv1D(${f}, ${k}, groups=${g}, input_shape=(10, ${C})) }`);
        expect(lens.params).toEqual({ trainable: k * (C / g) * f + f, nonTrainable: 0 });
        expect(lens.output).toEqual([null, 10 - k + 1, f]);
        const layer = tf.layers.conv1d({ filters: f, kernelSize: k, groups: g, inputShape: [10, C] } as never);
        const model = tf.sequential({ layers: [layer] });
        expect('groups' in layer.getConfig()).toBe(false);
        expect(layer.countParams()).toBe(k * C * f + f);
        expect(layer.outputShape).toEqual(lens.output);
        model.dispose();
    });

    // (d) Windows that leave no steps. Keras refuses them (a ValueError when the layer is built);
    // RNN Lens reports 'non-positive-length'. tfjs builds those that leave exactly 0 steps, with a
    // zero-length time axis (pooling: no parameters; Conv1D: its full parameter count), and
    // applying them gives an empty tensor; those whose arithmetic goes below 0 make
    // tf.sequential throw "Negative dimension size caused by adding layer ...". Its Cropping2D
    // (the stand-in for Cropping1D) behaves the same way.
    it.each<[string, () => TfLayer[], number[] | 'throws', number]>([
        ['MaxPooling1D(4)', () => [tf.layers.maxPooling1d({ poolSize: 4, inputShape: [3, 5] })], [0, 5], 0],
        ['AveragePooling1D(4)', () => [tf.layers.averagePooling1d({ poolSize: 4, inputShape: [3, 5] })], [0, 5], 0],
        ['MaxPooling1D(5, strides=1)', () => [tf.layers.maxPooling1d({ poolSize: 5, strides: 1, inputShape: [3, 5] })], 'throws', 0],
        ['Conv1D(2, 4)', () => [tf.layers.conv1d({ filters: 2, kernelSize: 4, inputShape: [3, 5] })], [0, 2], 4 * 5 * 2 + 2],
        ['Conv1D(2, 2, dilation_rate=3)', () => [tf.layers.conv1d({ filters: 2, kernelSize: 2, dilationRate: 3, inputShape: [3, 5] })], [0, 2], 2 * 5 * 2 + 2],
        ['Conv1D(2, 5)', () => [tf.layers.conv1d({ filters: 2, kernelSize: 5, inputShape: [3, 5] })], 'throws', 0],
        ['Cropping1D((2, 1))', () => via2d(() => tf.layers.cropping2D({ cropping: [[2, 1], [0, 0]] }), 3, 5, { inputShape: [3, 5] }, 0), [0, 5], 0],
        ['Cropping1D((2, 2))', () => via2d(() => tf.layers.cropping2D({ cropping: [[2, 2], [0, 0]] }), 3, 5, { inputShape: [3, 5] }, null), 'throws', 0]
    ])('(d) zero-length output: %s on (3, 5)', (call, build, tfOut, params) => {
        expect(errorCodes(`model Z { ${call.slice(0, -1)}, input_shape=(3, 5)) }`)).toEqual(['non-positive-length']);
        if (tfOut === 'throws') {
            expect(() => tf.sequential({ layers: build() })).toThrow(/Negative dimension size/);
            return;
        }
        const model = tf.sequential({ layers: build() });
        expect(model.layers[model.layers.length - 1].outputShape).toEqual([null, ...tfOut]);
        expect(model.countParams()).toBe(params);
        const y = tf.tidy(() => model.predict(tf.zeros([2, 3, 5])) as tf.Tensor);
        expect(y.shape).toEqual([2, ...tfOut]);
        y.dispose();
        model.dispose();
    });

    // Reshape with -1: Keras resolves it from the input size; tfjs's Reshape resolves it only when
    // every input dimension is known, and the batch dimension never is, so the symbolic output
    // keeps the -1 as None (the next layer that needs that size then fails to build).
    it('Reshape((4, -1)) on (17, 4)', () => {
        const lens = single('model R { Reshape((4, -1), input_shape=(17, 4)) }');
        expect(lens.output).toEqual([null, 4, 17]);
        const model = tf.sequential({ layers: [tf.layers.reshape({ targetShape: [4, -1], inputShape: [17, 4] })] });
        expect(model.layers[0].outputShape).toEqual([null, 4, null]);
        const y = tf.tidy(() => model.predict(tf.zeros([1, 17, 4])) as tf.Tensor);
        expect(y.shape).toEqual([1, 4, 17]);
        y.dispose();
        model.dispose();
        expect(() => tf.sequential({ layers: [tf.layers.reshape({ targetShape: [4, -1], inputShape: [17, 4] }), tf.layers.dense({ units: 2 })] }))
            .toThrow(/positive integers/);
    });

    // Keras refuses strides > 1 together with dilation_rate > 1 ("invalid-argument" in RNN Lens);
    // tfjs builds the layer (shape by its formula) and throws only when it is applied.
    it('Conv1D strides and dilation_rate both above 1', () => {
        expect(errorCodes('model S { Conv1D(2, 3, strides=2, dilation_rate=2, input_shape=(10, 3)) }')).toEqual(['invalid-argument']);
        const model = tf.sequential({ layers: [tf.layers.conv1d({ filters: 2, kernelSize: 3, strides: 2, dilationRate: 2, inputShape: [10, 3] })] });
        expect(model.layers[0].outputShape).toEqual([null, 3, 2]);
        expect(() => tf.tidy(() => model.predict(tf.zeros([1, 10, 3])))).toThrow(/Either stride or dilation must be 1/);
        model.dispose();
    });
});

// ---------------------------------------------------------------------------------------------
// The course notebook's seven models, built by hand in tfjs.

const NOTEBOOK = notebookInTfjs(tf);

describe('the course notebook (examples/advanced_rnn_theory.rnn) in tfjs', () => {
    const text = readFileSync(new URL('../../examples/advanced_rnn_theory.rnn', import.meta.url), 'utf8');
    const doc = analyzeText(text);

    it('has the seven models, without errors', () => {
        expect(doc.models.map(m => m.name)).toEqual(Object.keys(NOTEBOOK));
        expect(doc.diagnostics.filter(d => d.severity === 'error')).toEqual([]);
    });

    for (const name of Object.keys(NOTEBOOK)) {
        it(name, () => {
            const lens = doc.models.find(m => m.name === name)!;
            const model = tf.sequential({ layers: NOTEBOOK[name]() });
            try {
                expect(lens.layers).toHaveLength(model.layers.length);
                let difference = 0;
                lens.layers.forEach((layer, i) => {
                    const mine = lensOf(layer);
                    const theirs = observe([model.layers[i]]);
                    expect(mine.output, layer.name).toEqual(theirs.output);
                    if (name === 'Monster2' && layer.kind === 'GRU') {
                        // Keras's default reset_after=True: one more bias of h = 40 per gate, 3 × 40 = 120,
                        // which tfjs's GRU cannot have: 3·[40(40 + 120) + 2·40] = 19,440 against 19,320.
                        expect(mine.trainable).toBe(19_440);
                        expect(theirs.trainable).toBe(19_320);
                        difference = mine.total - theirs.total;
                    } else {
                        expect(mine, layer.name).toEqual(theirs);
                    }
                });
                expect(lens.totals.total - model.countParams()).toBe(difference);
                expect(difference).toBe(name === 'Monster2' ? 120 : 0);
            } finally {
                model.dispose();
            }
        });
    }
});
