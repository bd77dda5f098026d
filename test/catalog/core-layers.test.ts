/**
 * Core, regularization, reshaping, embedding and normalization layers (and Dense): output
 * shapes and parameter counts as Keras reports them, and the errors Keras would raise.
 */
import { describe, it, expect } from 'vitest';
import { findLayerKind, withDefaults } from '../../language/src/catalog/index.js';
import { CORE_LAYERS } from '../../language/src/catalog/core-layers.js';
import { isLayerError, type LayerResult } from '../../language/src/catalog/layer-kind.js';
import type { Shape } from '../../language/src/catalog/shape.js';
import type { Value } from '../../language/src/model/values.js';

const N = null;
const tuple = (...items: Value[]): Value => ({ kind: 'tuple', items });
const list = (...items: Value[]): Value => ({ kind: 'list', items });

function run(name: string, input: Shape, given: Record<string, Value>): LayerResult {
    const kind = findLayerKind(name);
    if (!kind) throw new Error(`no layer kind ${name}`);
    return kind.compute({ input, args: withDefaults(kind, given) });
}

interface OkCase {
    readonly layer: string;
    readonly input: Shape;
    readonly args: Record<string, Value>;
    readonly output: Shape;
    readonly trainable: number;
    readonly nonTrainable?: number;
}

interface ErrorCase {
    readonly layer: string;
    readonly input: Shape;
    readonly args: Record<string, Value>;
    readonly code: string;
    readonly argument?: string;
    /** Numbers (or words) the message must name. */
    readonly mentions?: readonly string[];
}

const okCases: OkCase[] = [
    // Dense
    { layer: 'Dense', input: [N, 30], args: { units: 1 }, output: [N, 1], trainable: 31 },
    { layer: 'Dense', input: [N, 60], args: { units: 1 }, output: [N, 1], trainable: 61 },
    { layer: 'Dense', input: [N, 20], args: { units: 1 }, output: [N, 1], trainable: 21 },
    { layer: 'Dense', input: [N, 10, 8], args: { units: 5 }, output: [N, 10, 5], trainable: 45 },
    { layer: 'Dense', input: [N, 10, 8], args: { units: 5, use_bias: false }, output: [N, 10, 5], trainable: 40 },
    { layer: 'Dense', input: [N, 30], args: { units: 64, use_bias: false }, output: [N, 64], trainable: 1920 },
    // Dropout
    { layer: 'Dropout', input: [N, 30], args: { rate: 0.2 }, output: [N, 30], trainable: 0 },
    { layer: 'Dropout', input: [N, 20, 3], args: { rate: 0.5 }, output: [N, 20, 3], trainable: 0 },
    { layer: 'Dropout', input: [N, N, 8], args: { rate: 0 }, output: [N, N, 8], trainable: 0 },
    { layer: 'Dropout', input: [N, 20, 3], args: { rate: 0.1, noise_shape: tuple(N, 1, 3) }, output: [N, 20, 3], trainable: 0 },
    { layer: 'Dropout', input: [N, N, 3], args: { rate: 0.1, noise_shape: tuple(N, 1, N) }, output: [N, N, 3], trainable: 0 },
    // SpatialDropout1D
    { layer: 'SpatialDropout1D', input: [N, 20, 3], args: { rate: 0.3 }, output: [N, 20, 3], trainable: 0 },
    { layer: 'SpatialDropout1D', input: [N, N, 16], args: { rate: 0.1, seed: 7 }, output: [N, N, 16], trainable: 0 },
    // Activation
    { layer: 'Activation', input: [N, 30], args: { activation: 'relu' }, output: [N, 30], trainable: 0 },
    { layer: 'Activation', input: [N, 10, 5], args: { activation: 'softmax' }, output: [N, 10, 5], trainable: 0 },
    { layer: 'Activation', input: [N, 7], args: { activation: null }, output: [N, 7], trainable: 0 },
    // Masking
    { layer: 'Masking', input: [N, N, 4], args: {}, output: [N, N, 4], trainable: 0 },
    { layer: 'Masking', input: [N, 12, 2], args: { mask_value: -1 }, output: [N, 12, 2], trainable: 0 },
    // Flatten
    { layer: 'Flatten', input: [N, 20, 3], args: {}, output: [N, 60], trainable: 0 },
    { layer: 'Flatten', input: [N, 30], args: {}, output: [N, 30], trainable: 0 },
    { layer: 'Flatten', input: [N, 10, 4, 2], args: {}, output: [N, 80], trainable: 0 },
    { layer: 'Flatten', input: [N, N, 3], args: {}, output: [N, N], trainable: 0 },
    { layer: 'Flatten', input: [N, 5, 8], args: { data_format: 'channels_first' }, output: [N, 40], trainable: 0 },
    { layer: 'Flatten', input: [N], args: {}, output: [N, 1], trainable: 0 },
    // Reshape
    { layer: 'Reshape', input: [N, 60], args: { target_shape: tuple(20, 3) }, output: [N, 20, 3], trainable: 0 },
    { layer: 'Reshape', input: [N, 20, 3], args: { target_shape: tuple(-1) }, output: [N, 60], trainable: 0 },
    { layer: 'Reshape', input: [N, 12], args: { target_shape: list(3, -1) }, output: [N, 3, 4], trainable: 0 },
    { layer: 'Reshape', input: [N, 6, 4], args: { target_shape: tuple(-1, 2, 3) }, output: [N, 4, 2, 3], trainable: 0 },
    { layer: 'Reshape', input: [N, N, 3], args: { target_shape: tuple(-1, 3) }, output: [N, N, 3], trainable: 0 },
    { layer: 'Reshape', input: [N, N, 3], args: { target_shape: tuple(5, 3) }, output: [N, 5, 3], trainable: 0 },
    // RepeatVector
    { layer: 'RepeatVector', input: [N, 30], args: { n: 5 }, output: [N, 5, 30], trainable: 0 },
    { layer: 'RepeatVector', input: [N, 1], args: { n: 12 }, output: [N, 12, 1], trainable: 0 },
    { layer: 'RepeatVector', input: [N, N], args: { n: 3 }, output: [N, 3, N], trainable: 0 },
    // Permute
    { layer: 'Permute', input: [N, 20, 3], args: { dims: tuple(2, 1) }, output: [N, 3, 20], trainable: 0 },
    { layer: 'Permute', input: [N, 20, 3], args: { dims: tuple(1, 2) }, output: [N, 20, 3], trainable: 0 },
    { layer: 'Permute', input: [N, 4, 5, 6], args: { dims: list(3, 1, 2) }, output: [N, 6, 4, 5], trainable: 0 },
    { layer: 'Permute', input: [N, N, 3], args: { dims: tuple(2, 1) }, output: [N, 3, N], trainable: 0 },
    // Embedding
    { layer: 'Embedding', input: [N, 20], args: { input_dim: 1000, output_dim: 64 }, output: [N, 20, 64], trainable: 64000 },
    { layer: 'Embedding', input: [N, N], args: { input_dim: 5000, output_dim: 32 }, output: [N, N, 32], trainable: 160000 },
    { layer: 'Embedding', input: [N, 10, 4], args: { input_dim: 50, output_dim: 8 }, output: [N, 10, 4, 8], trainable: 400 },
    { layer: 'Embedding', input: [N, 15], args: { input_dim: 101, output_dim: 16, mask_zero: true }, output: [N, 15, 16], trainable: 1616 },
    // LoRA: the table is frozen, the adapters v × r and r × d are trained.
    { layer: 'Embedding', input: [N, 20], args: { input_dim: 1000, output_dim: 64, lora_rank: 4 }, output: [N, 20, 64], trainable: 4256, nonTrainable: 64000 },
    // BatchNormalization
    { layer: 'BatchNormalization', input: [N, 20, 3], args: {}, output: [N, 20, 3], trainable: 6, nonTrainable: 6 },
    { layer: 'BatchNormalization', input: [N, 64], args: {}, output: [N, 64], trainable: 128, nonTrainable: 128 },
    { layer: 'BatchNormalization', input: [N, 64], args: { center: false }, output: [N, 64], trainable: 64, nonTrainable: 128 },
    { layer: 'BatchNormalization', input: [N, 64], args: { center: false, scale: false }, output: [N, 64], trainable: 0, nonTrainable: 128 },
    { layer: 'BatchNormalization', input: [N, 20, 3], args: { axis: 1 }, output: [N, 20, 3], trainable: 40, nonTrainable: 40 },
    { layer: 'BatchNormalization', input: [N, 20, 3], args: { axis: -2 }, output: [N, 20, 3], trainable: 40, nonTrainable: 40 },
    { layer: 'BatchNormalization', input: [N, N, 10], args: {}, output: [N, N, 10], trainable: 20, nonTrainable: 20 },
    // LayerNormalization
    { layer: 'LayerNormalization', input: [N, 20, 3], args: {}, output: [N, 20, 3], trainable: 6, nonTrainable: 0 },
    { layer: 'LayerNormalization', input: [N, 64], args: {}, output: [N, 64], trainable: 128 },
    { layer: 'LayerNormalization', input: [N, 20, 3], args: { axis: list(1, 2) }, output: [N, 20, 3], trainable: 120 },
    { layer: 'LayerNormalization', input: [N, 20, 3], args: { axis: tuple(-2, -1) }, output: [N, 20, 3], trainable: 120 },
    { layer: 'LayerNormalization', input: [N, 20, 3], args: { axis: 1 }, output: [N, 20, 3], trainable: 40 },
    { layer: 'LayerNormalization', input: [N, 64], args: { rms_scaling: true }, output: [N, 64], trainable: 64 },
    { layer: 'LayerNormalization', input: [N, 64], args: { center: false }, output: [N, 64], trainable: 64 },
    { layer: 'LayerNormalization', input: [N, 64], args: { center: false, scale: false }, output: [N, 64], trainable: 0 },
    { layer: 'LayerNormalization', input: [N, N, 8], args: {}, output: [N, N, 8], trainable: 16 }
];

const errorCases: ErrorCase[] = [
    { layer: 'Dense', input: [N, 10, N], args: { units: 5 }, code: 'incompatible-rank' },
    { layer: 'Dropout', input: [N, 20, 3], args: { rate: 0.1, noise_shape: tuple(N, 1) }, code: 'invalid-argument', argument: 'noise_shape', mentions: ['2', '3'] },
    { layer: 'Dropout', input: [N, 20, 3], args: { rate: 0.1, noise_shape: tuple(N, 5, 3) }, code: 'invalid-argument', argument: 'noise_shape', mentions: ['5', '20'] },
    { layer: 'Reshape', input: [N, 20, 3], args: { target_shape: tuple(7, 9) }, code: 'invalid-argument', argument: 'target_shape', mentions: ['60', '63'] },
    { layer: 'Reshape', input: [N, 10], args: { target_shape: tuple(3, -1) }, code: 'invalid-argument', argument: 'target_shape', mentions: ['10', '3'] },
    { layer: 'Reshape', input: [N, 12], args: { target_shape: tuple(-1, -1) }, code: 'invalid-argument', argument: 'target_shape' },
    { layer: 'Reshape', input: [N, 12], args: { target_shape: tuple(0, -1) }, code: 'invalid-argument', argument: 'target_shape' },
    { layer: 'Permute', input: [N, 20, 3], args: { dims: tuple(0, 1) }, code: 'invalid-argument', argument: 'dims' },
    { layer: 'Permute', input: [N, 20, 3], args: { dims: tuple(1, 3) }, code: 'invalid-argument', argument: 'dims' },
    { layer: 'Permute', input: [N, 20, 3], args: { dims: tuple(2, 2) }, code: 'invalid-argument', argument: 'dims' },
    { layer: 'Permute', input: [N, 4, 5, 6], args: { dims: tuple(2, 1) }, code: 'incompatible-rank', mentions: ['3', '4'] },
    { layer: 'BatchNormalization', input: [N, 20, 3], args: { axis: 3 }, code: 'invalid-argument', argument: 'axis' },
    { layer: 'BatchNormalization', input: [N, 20, 3], args: { axis: -4 }, code: 'invalid-argument', argument: 'axis' },
    { layer: 'BatchNormalization', input: [N, 20, 3], args: { axis: 0 }, code: 'invalid-argument', argument: 'axis' },
    { layer: 'BatchNormalization', input: [N, 20, N], args: {}, code: 'incompatible-rank' },
    { layer: 'LayerNormalization', input: [N, 20, 3], args: { axis: 0 }, code: 'invalid-argument', argument: 'axis' },
    { layer: 'LayerNormalization', input: [N, 20, 3], args: { axis: list(1, -2) }, code: 'invalid-argument', argument: 'axis' },
    { layer: 'LayerNormalization', input: [N, 20, 3], args: { axis: list() }, code: 'invalid-argument', argument: 'axis' },
    { layer: 'LayerNormalization', input: [N, N, 3], args: { axis: list(1, 2) }, code: 'incompatible-rank' }
];

const describeShape = (s: Shape) => `(${s.map(d => (d === null ? 'None' : d)).join(', ')})`;

describe('layer outcomes: output shapes and parameter counts', () => {
    it.each(okCases.map(c => [`${c.layer}(${JSON.stringify(c.args)}) on ${describeShape(c.input)}`, c] as const))('%s', (_, c) => {
        const result = run(c.layer, c.input, c.args);
        if (isLayerError(result)) throw new Error(`unexpected error: ${result.error.message}`);
        expect(result.output).toEqual(c.output);
        expect(result.params).toEqual({ trainable: c.trainable, nonTrainable: c.nonTrainable ?? 0 });
        expect(result.shapeSteps.length).toBeGreaterThan(0);
        if (result.params.trainable + result.params.nonTrainable > 0) {
            expect(result.formula).toBeDefined();
        }
    });
});

describe('layer errors', () => {
    it.each(errorCases.map(c => [`${c.layer}(${JSON.stringify(c.args)}) on ${describeShape(c.input)} → ${c.code}`, c] as const))('%s', (_, c) => {
        const result = run(c.layer, c.input, c.args);
        if (!isLayerError(result)) throw new Error(`expected ${c.code}, got ${describeShape(result.output)}`);
        expect(result.error.code).toBe(c.code);
        expect(result.error.argument).toBe(c.argument);
        for (const m of c.mentions ?? []) expect(result.error.message).toContain(m);
    });
});

describe('catalog entries', () => {
    const expected: Array<[string, string, string, { min: number; max?: number }, string[]]> = [
        ['Dropout', 'dropout', 'regularization', { min: 1 }, ['rate', 'noise_shape', 'seed']],
        ['SpatialDropout1D', 'spatial_dropout1d', 'regularization', { min: 3, max: 3 }, ['rate', 'seed']],
        ['GaussianNoise', 'gaussian_noise', 'regularization', { min: 1 }, ['stddev', 'seed']],
        ['GaussianDropout', 'gaussian_dropout', 'regularization', { min: 1 }, ['rate', 'seed']],
        ['AlphaDropout', 'alpha_dropout', 'regularization', { min: 1 }, ['rate', 'noise_shape', 'seed']],
        ['Activation', 'activation', 'core', { min: 1 }, ['activation']],
        ['ReLU', 're_lu', 'core', { min: 1 }, ['max_value', 'negative_slope', 'threshold']],
        ['LeakyReLU', 'leaky_re_lu', 'core', { min: 1 }, ['negative_slope']],
        ['PReLU', 'p_re_lu', 'core', { min: 2 }, ['alpha_initializer', 'alpha_regularizer', 'alpha_constraint', 'shared_axes']],
        ['ELU', 'elu', 'core', { min: 1 }, ['alpha']],
        ['Softmax', 'softmax', 'core', { min: 1 }, ['axis']],
        ['Masking', 'masking', 'core', { min: 1 }, ['mask_value']],
        ['Flatten', 'flatten', 'reshaping', { min: 1 }, ['data_format']],
        ['Reshape', 'reshape', 'reshaping', { min: 1 }, ['target_shape']],
        ['RepeatVector', 'repeat_vector', 'reshaping', { min: 2, max: 2 }, ['n']],
        ['Permute', 'permute', 'reshaping', { min: 1 }, ['dims']],
        ['Embedding', 'embedding', 'embedding', { min: 1 },
            ['input_dim', 'output_dim', 'embeddings_initializer', 'embeddings_regularizer', 'embeddings_constraint', 'mask_zero', 'weights', 'lora_rank', 'lora_alpha']],
        ['BatchNormalization', 'batch_normalization', 'normalization', { min: 2 },
            ['axis', 'momentum', 'epsilon', 'center', 'scale', 'beta_initializer', 'gamma_initializer', 'moving_mean_initializer',
                'moving_variance_initializer', 'beta_regularizer', 'gamma_regularizer', 'beta_constraint', 'gamma_constraint', 'renorm',
                'renorm_clipping', 'renorm_momentum', 'synchronized']],
        ['LayerNormalization', 'layer_normalization', 'normalization', { min: 2 },
            ['axis', 'epsilon', 'center', 'scale', 'rms_scaling', 'beta_initializer', 'gamma_initializer',
                'beta_regularizer', 'gamma_regularizer', 'beta_constraint', 'gamma_constraint']]
    ];

    it('CORE_LAYERS holds every kind, each found by name', () => {
        expect(CORE_LAYERS.map(k => k.name).sort()).toEqual(expected.map(e => e[0]).sort());
        for (const [name] of expected) expect(findLayerKind(name)).toBeDefined();
    });

    it.each(expected)('%s: Keras name, category, input rank, positional order', (name, kerasName, category, inputRank, positional) => {
        const kind = findLayerKind(name)!;
        expect(kind.kerasName).toBe(kerasName);
        expect(kind.category).toBe(category);
        expect(kind.inputRank).toEqual(inputRank);
        expect(kind.args.slice(0, positional.length).map(a => a.name)).toEqual(positional);
        expect(kind.summary.length).toBeGreaterThan(20);
    });

    it('Keras defaults', () => {
        const d = (name: string) => withDefaults(findLayerKind(name)!, {});
        expect(d('Masking').mask_value).toBe(0);
        expect(d('Embedding').embeddings_initializer).toBe('uniform');
        expect(d('Embedding').mask_zero).toBe(false);
        expect(d('BatchNormalization')).toMatchObject({ axis: -1, momentum: 0.99, epsilon: 0.001, center: true, scale: true, synchronized: false });
        expect(d('LayerNormalization')).toMatchObject({ axis: -1, epsilon: 0.001, center: true, scale: true, rms_scaling: false });
        expect(findLayerKind('Dropout')!.args[0].required).toBe(true);
        expect(findLayerKind('Activation')!.args[0].required).toBe(true);
    });
});

describe('what the layers teach', () => {
    it('Dropout: training only, and not recurrent_dropout', () => {
        const r = run('Dropout', [N, 30], { rate: 0.2 });
        if (isLayerError(r)) throw new Error(r.error.message);
        const text = r.notes.join(' ');
        expect(text).toContain('20%');
        expect(text).toMatch(/training only/);
        expect(text).toContain('recurrent_dropout');
    });

    it('BatchNormalization explains its non-trainable moving statistics', () => {
        const r = run('BatchNormalization', [N, 20, 3], {});
        if (isLayerError(r)) throw new Error(r.error.message);
        expect(r.notes.join(' ')).toMatch(/moving mean.*non-trainable/);
        expect(r.formula?.substituted).toBe('2 × 3 + 2 × 3');
    });

    it('Embedding formula is v × d with the values put in', () => {
        const r = run('Embedding', [N, 20], { input_dim: 1000, output_dim: 64 });
        if (isLayerError(r)) throw new Error(r.error.message);
        expect(r.formula).toMatchObject({ symbolic: 'v × d', substituted: '1000 × 64' });
    });

    it('Embedding warns that input_length is ignored in Keras 3', () => {
        const r = run('Embedding', [N, 20], { input_dim: 1000, output_dim: 64, input_length: 20 });
        if (isLayerError(r)) throw new Error(r.error.message);
        expect(r.output).toEqual([N, 20, 64]);
        expect(r.warnings).toHaveLength(1);
        expect(r.warnings[0]).toMatchObject({ code: 'invalid-argument', severity: 'warning', argument: 'input_length' });
    });

    it('Reshape shows how -1 is inferred', () => {
        const r = run('Reshape', [N, 20, 3], { target_shape: tuple(10, -1) });
        if (isLayerError(r)) throw new Error(r.error.message);
        expect(r.output).toEqual([N, 10, 6]);
        expect(r.shapeSteps.join(' ')).toContain('60 / 10 = 6');
    });

    it('Flatten shows the product', () => {
        const r = run('Flatten', [N, 20, 3], {});
        if (isLayerError(r)) throw new Error(r.error.message);
        expect(r.shapeSteps[0]).toContain('20 × 3 = 60');
    });
});
