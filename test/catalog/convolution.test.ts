import { describe, it, expect } from 'vitest';
import { findLayerKind, withDefaults } from '../../language/src/catalog/index.js';
import { CONVOLUTION_LAYERS } from '../../language/src/catalog/convolution.js';
import { isLayerError, type LayerOutcome, type LayerResult } from '../../language/src/catalog/layer-kind.js';
import type { Shape } from '../../language/src/catalog/shape.js';
import type { Value } from '../../language/src/model/values.js';
import type { DiagnosticCode } from '../../language/src/model/diagnostic.js';

const N = null;
const tuple = (...items: Value[]): Value => ({ kind: 'tuple', items });
const list = (...items: Value[]): Value => ({ kind: 'list', items });

interface Case {
    readonly input: Shape;
    readonly args: Readonly<Record<string, Value>>;
    /** Expected output shape, or the error code. */
    readonly output?: Shape;
    readonly params?: readonly [number, number];
    readonly error?: DiagnosticCode;
    readonly warning?: DiagnosticCode;
    readonly note?: string;
}

function run(name: string, input: Shape, given: Readonly<Record<string, Value>>): LayerResult {
    const kind = findLayerKind(name);
    expect(kind, name).toBeDefined();
    return kind!.compute({ input, args: withDefaults(kind!, given) });
}

function ok(result: LayerResult): LayerOutcome {
    if (isLayerError(result)) throw new Error(`unexpected error: ${result.error.code}: ${result.error.message}`);
    return result;
}

function table(name: string, cases: readonly Case[]): void {
    describe(name, () => {
        for (const c of cases) {
            const title = `${JSON.stringify(c.input)} ${JSON.stringify(c.args)} → ${c.error ?? JSON.stringify(c.output)}${c.note ? ` (${c.note})` : ''}`;
            it(title, () => {
                const result = run(name, c.input, c.args);
                if (c.error) {
                    expect(isLayerError(result)).toBe(true);
                    if (isLayerError(result)) {
                        expect(result.error.code).toBe(c.error);
                        expect(result.error.message.length).toBeGreaterThan(20);
                    }
                    return;
                }
                const outcome = ok(result);
                expect(outcome.output).toEqual(c.output);
                if (c.params) expect([outcome.params.trainable, outcome.params.nonTrainable]).toEqual(c.params);
                expect(outcome.shapeSteps.length).toBeGreaterThan(0);
                expect(outcome.warnings.map(w => w.code)).toEqual(c.warning ? [c.warning] : []);
            });
        }
    });
}

table('Conv1D', [
    { input: [N, 21, 9], args: { filters: 3, kernel_size: 2 }, output: [N, 20, 3], params: [57, 0], note: 'notebook' },
    { input: [N, 21, 9], args: { filters: 1, kernel_size: 2 }, output: [N, 20, 1], params: [19, 0], note: 'notebook' },
    { input: [N, 50, 20], args: { filters: 64, kernel_size: 2 }, output: [N, 49, 64], params: [2624, 0], note: 'notebook' },
    { input: [N, 24, 64], args: { filters: 128, kernel_size: 2 }, output: [N, 23, 128], params: [16512, 0], note: 'notebook' },
    { input: [N, 21, 50], args: { filters: 20, kernel_size: 2 }, output: [N, 20, 20], params: [2020, 0], note: 'notebook' },
    { input: [N, 10, 20], args: { filters: 10, kernel_size: 2 }, output: [N, 9, 10], params: [410, 0], note: 'notebook' },
    { input: [N, 21, 9], args: { filters: 3, kernel_size: tuple(2) }, output: [N, 20, 3], params: [57, 0], note: 'kernel as 1-tuple' },
    { input: [N, 21, 9], args: { filters: 3, kernel_size: list(2) }, output: [N, 20, 3], params: [57, 0], note: 'kernel as list' },
    { input: [N, 21, 9], args: { filters: 3, kernel_size: 2, use_bias: false }, output: [N, 20, 3], params: [54, 0] },
    { input: [N, 21, 9], args: { filters: 4, kernel_size: 3, padding: 'same' }, output: [N, 21, 4], params: [112, 0] },
    { input: [N, 21, 9], args: { filters: 4, kernel_size: 3, padding: 'causal' }, output: [N, 21, 4], params: [112, 0] },
    { input: [N, 21, 9], args: { filters: 4, kernel_size: 3, padding: 'causal', dilation_rate: 4 }, output: [N, 21, 4], params: [112, 0] },
    { input: [N, 21, 9], args: { filters: 4, kernel_size: 3, dilation_rate: 2 }, output: [N, 17, 4], params: [112, 0], note: 'dilated span 5' },
    { input: [N, 10, 4], args: { filters: 2, kernel_size: 3, strides: 2 }, output: [N, 4, 2], params: [26, 0], warning: 'pooling-drops-steps' },
    { input: [N, 11, 4], args: { filters: 2, kernel_size: 3, strides: 2 }, output: [N, 5, 2], params: [26, 0], note: 'fits evenly' },
    { input: [N, 10, 4], args: { filters: 2, kernel_size: 1, strides: 3 }, output: [N, 4, 2], params: [10, 0] },
    { input: [N, 10, 4], args: { filters: 2, kernel_size: 3, strides: 2, padding: 'same' }, output: [N, 5, 2], params: [26, 0] },
    { input: [N, 10, 4], args: { filters: 2, kernel_size: 3, strides: 3, padding: 'causal' }, output: [N, 4, 2], params: [26, 0] },
    { input: [N, 21, 8], args: { filters: 6, kernel_size: 2, groups: 2 }, output: [N, 20, 6], params: [54, 0] },
    { input: [N, 21, 8], args: { filters: 8, kernel_size: 3, groups: 8 }, output: [N, 19, 8], params: [32, 0], note: 'depthwise-like' },
    { input: [N, 21, 9], args: { filters: 6, kernel_size: 2, groups: 2 }, error: 'invalid-argument', note: 'groups ∤ channels' },
    { input: [N, 21, 8], args: { filters: 5, kernel_size: 2, groups: 2 }, error: 'invalid-argument', note: 'groups ∤ filters' },
    { input: [N, 21, 8], args: { filters: 4, kernel_size: 2, strides: 2, dilation_rate: 2 }, error: 'invalid-argument' },
    { input: [N, 9, 21], args: { filters: 3, kernel_size: 2, data_format: 'channels_first' }, output: [N, 3, 20], params: [57, 0] },
    { input: [N, 9, N], args: { filters: 3, kernel_size: 2, data_format: 'channels_first' }, output: [N, 3, N], params: [57, 0] },
    { input: [N, N, 9], args: { filters: 3, kernel_size: 2 }, output: [N, N, 3], params: [57, 0], note: 'None length' },
    { input: [N, N, 9], args: { filters: 3, kernel_size: 3, strides: 2 }, output: [N, N, 3], params: [84, 0] },
    { input: [N, 21, N], args: { filters: 3, kernel_size: 2 }, error: 'incompatible-rank' },
    { input: [N, 3, 9], args: { filters: 3, kernel_size: 5 }, error: 'non-positive-length' },
    { input: [N, 3, 9], args: { filters: 3, kernel_size: 4 }, error: 'non-positive-length', note: 'exactly 0' },
    { input: [N, 3, 9], args: { filters: 3, kernel_size: 3 }, output: [N, 1, 3], params: [84, 0] },
    { input: [N, 5, 9], args: { filters: 3, kernel_size: 3, dilation_rate: 3 }, error: 'non-positive-length', note: 'dilated span 7' },
    { input: [N, 3, 9], args: { filters: 3, kernel_size: 5, padding: 'same' }, output: [N, 3, 3], params: [138, 0] },
    { input: [N, 21, 9], args: { filters: 3, kernel_size: 2, lora_rank: 4 }, output: [N, 20, 3], params: [87, 54], note: 'LoRA freezes the kernel' }
]);

table('Conv1DTranspose', [
    { input: [N, 10, 4], args: { filters: 2, kernel_size: 3 }, output: [N, 12, 2], params: [26, 0] },
    { input: [N, 10, 4], args: { filters: 2, kernel_size: 3, use_bias: false }, output: [N, 12, 2], params: [24, 0] },
    { input: [N, 10, 4], args: { filters: 2, kernel_size: 3, strides: 2 }, output: [N, 21, 2], params: [26, 0] },
    { input: [N, 10, 4], args: { filters: 2, kernel_size: 2, strides: 2 }, output: [N, 20, 2], params: [18, 0] },
    { input: [N, 10, 4], args: { filters: 2, kernel_size: 2, strides: 3 }, output: [N, 30, 2], params: [18, 0], note: 'stride beyond kernel' },
    { input: [N, 10, 4], args: { filters: 2, kernel_size: 3, strides: 2, padding: 'same' }, output: [N, 20, 2], params: [26, 0] },
    { input: [N, 10, 4], args: { filters: 2, kernel_size: 3, padding: 'same' }, output: [N, 10, 2], params: [26, 0] },
    { input: [N, 10, 4], args: { filters: 2, kernel_size: 3, strides: 2, output_padding: 1 }, output: [N, 22, 2], params: [26, 0] },
    { input: [N, 10, 4], args: { filters: 2, kernel_size: 3, strides: 2, output_padding: 0 }, output: [N, 21, 2], params: [26, 0] },
    { input: [N, 10, 4], args: { filters: 2, kernel_size: 3, strides: 2, padding: 'same', output_padding: 1 }, output: [N, 20, 2], params: [26, 0] },
    { input: [N, 10, 4], args: { filters: 2, kernel_size: 4, strides: 2, padding: 'same', output_padding: tuple(1) }, output: [N, 19, 2], params: [34, 0] },
    { input: [N, 10, 4], args: { filters: 2, kernel_size: 3, output_padding: 1 }, error: 'invalid-argument', note: 'output_padding ≥ strides' },
    { input: [N, 10, 4], args: { filters: 2, kernel_size: 3, strides: 2, dilation_rate: 2 }, error: 'invalid-argument' },
    { input: [N, 10, 4], args: { filters: 2, kernel_size: 3, dilation_rate: 2 }, output: [N, 14, 2], params: [26, 0] },
    { input: [N, 4, 10], args: { filters: 2, kernel_size: 3, data_format: 'channels_first' }, output: [N, 2, 12], params: [26, 0] },
    { input: [N, N, 4], args: { filters: 2, kernel_size: 3, strides: 2 }, output: [N, N, 2], params: [26, 0] },
    { input: [N, 10, N], args: { filters: 2, kernel_size: 3 }, error: 'incompatible-rank' },
    { input: [N, 1, 4], args: { filters: 2, kernel_size: 2, strides: 2, padding: 'same', output_padding: 0 }, error: 'non-positive-length' }
]);

table('SeparableConv1D', [
    { input: [N, 21, 9], args: { filters: 3, kernel_size: 2 }, output: [N, 20, 3], params: [48, 0] },
    { input: [N, 21, 9], args: { filters: 3, kernel_size: 2, depth_multiplier: 2 }, output: [N, 20, 3], params: [93, 0] },
    { input: [N, 21, 9], args: { filters: 3, kernel_size: 2, use_bias: false }, output: [N, 20, 3], params: [45, 0] },
    { input: [N, 21, 9], args: { filters: 3, kernel_size: 2, padding: 'same' }, output: [N, 21, 3], params: [48, 0] },
    { input: [N, 21, 9], args: { filters: 3, kernel_size: 3, dilation_rate: 2 }, output: [N, 17, 3], params: [57, 0] },
    { input: [N, 10, 4], args: { filters: 2, kernel_size: 3, strides: 2 }, output: [N, 4, 2], params: [22, 0], warning: 'pooling-drops-steps' },
    { input: [N, 10, 4], args: { filters: 2, kernel_size: 3, strides: 2, dilation_rate: 2 }, error: 'invalid-argument' },
    { input: [N, 9, 21], args: { filters: 3, kernel_size: 2, data_format: 'channels_first' }, output: [N, 3, 20], params: [48, 0] },
    { input: [N, N, 9], args: { filters: 3, kernel_size: 2 }, output: [N, N, 3], params: [48, 0] },
    { input: [N, 21, N], args: { filters: 3, kernel_size: 2 }, error: 'incompatible-rank' },
    { input: [N, 2, 9], args: { filters: 3, kernel_size: 3 }, error: 'non-positive-length' }
]);

for (const pooling of ['MaxPooling1D', 'AveragePooling1D']) {
    table(pooling, [
        { input: [N, 20, 3], args: {}, output: [N, 10, 3], params: [0, 0], note: 'notebook' },
        { input: [N, 20, 3], args: { pool_size: 2 }, output: [N, 10, 3], params: [0, 0], note: 'notebook' },
        { input: [N, 49, 64], args: { pool_size: 2 }, output: [N, 24, 64], params: [0, 0], warning: 'pooling-drops-steps', note: 'notebook' },
        { input: [N, 23, 128], args: { pool_size: 2 }, output: [N, 11, 128], params: [0, 0], warning: 'pooling-drops-steps', note: 'notebook' },
        { input: [N, 9, 10], args: { pool_size: 2 }, output: [N, 4, 10], params: [0, 0], warning: 'pooling-drops-steps', note: 'notebook' },
        { input: [N, 21, 3], args: { pool_size: 2, padding: 'same' }, output: [N, 11, 3], params: [0, 0] },
        { input: [N, 10, 3], args: { pool_size: 2, strides: 1 }, output: [N, 9, 3], params: [0, 0] },
        { input: [N, 10, 3], args: { pool_size: 3, strides: 2 }, output: [N, 4, 3], params: [0, 0], warning: 'pooling-drops-steps' },
        { input: [N, 10, 3], args: { pool_size: 3, strides: 4 }, output: [N, 2, 3], params: [0, 0], warning: 'pooling-drops-steps' },
        { input: [N, 10, 3], args: { pool_size: 3, strides: 2, padding: 'same' }, output: [N, 5, 3], params: [0, 0] },
        { input: [N, 12, 3], args: { pool_size: tuple(3) }, output: [N, 4, 3], params: [0, 0] },
        { input: [N, 12, 3], args: { pool_size: 3, strides: list(3) }, output: [N, 4, 3], params: [0, 0] },
        { input: [N, 3, 21], args: { pool_size: 2, data_format: 'channels_first' }, output: [N, 3, 10], params: [0, 0], warning: 'pooling-drops-steps' },
        { input: [N, N, 3], args: { pool_size: 2 }, output: [N, N, 3], params: [0, 0] },
        { input: [N, 20, N], args: { pool_size: 2 }, output: [N, 10, N], params: [0, 0] },
        { input: [N, 3, 4], args: { pool_size: 5 }, error: 'non-positive-length' },
        { input: [N, 3, 4], args: { pool_size: 5, padding: 'same' }, output: [N, 1, 4], params: [0, 0] }
    ]);
}

for (const pooling of ['GlobalMaxPooling1D', 'GlobalAveragePooling1D']) {
    table(pooling, [
        { input: [N, 20, 3], args: {}, output: [N, 3], params: [0, 0] },
        { input: [N, 20, 3], args: { keepdims: true }, output: [N, 1, 3], params: [0, 0] },
        { input: [N, 3, 20], args: { data_format: 'channels_first' }, output: [N, 3], params: [0, 0] },
        { input: [N, 3, 20], args: { data_format: 'channels_first', keepdims: true }, output: [N, 3, 1], params: [0, 0] },
        { input: [N, N, 3], args: {}, output: [N, 3], params: [0, 0] }
    ]);
}

table('ZeroPadding1D', [
    { input: [N, 10, 3], args: {}, output: [N, 12, 3], params: [0, 0] },
    { input: [N, 10, 3], args: { padding: 3 }, output: [N, 16, 3], params: [0, 0] },
    { input: [N, 10, 3], args: { padding: tuple(1, 2) }, output: [N, 13, 3], params: [0, 0] },
    { input: [N, 10, 3], args: { padding: tuple(0, 0) }, output: [N, 10, 3], params: [0, 0] },
    { input: [N, N, 3], args: { padding: 2 }, output: [N, N, 3], params: [0, 0] }
]);

table('Cropping1D', [
    { input: [N, 10, 3], args: {}, output: [N, 8, 3], params: [0, 0] },
    { input: [N, 10, 3], args: { cropping: tuple(2, 3) }, output: [N, 5, 3], params: [0, 0] },
    { input: [N, 10, 3], args: { cropping: 4 }, output: [N, 2, 3], params: [0, 0] },
    { input: [N, 10, 3], args: { cropping: list(0, 9) }, output: [N, 1, 3], params: [0, 0] },
    { input: [N, 10, 3], args: { cropping: tuple(5, 5) }, error: 'non-positive-length' },
    { input: [N, N, 3], args: { cropping: 4 }, output: [N, N, 3], params: [0, 0] }
]);

table('UpSampling1D', [
    { input: [N, 10, 3], args: {}, output: [N, 20, 3], params: [0, 0] },
    { input: [N, 10, 3], args: { size: 3 }, output: [N, 30, 3], params: [0, 0] },
    { input: [N, N, 3], args: { size: 3 }, output: [N, N, 3], params: [0, 0] }
]);

describe('convolution catalog entries', () => {
    const expected: Record<string, readonly [string, string]> = {
        Conv1D: ['conv1d', 'convolution'],
        Conv1DTranspose: ['conv1d_transpose', 'convolution'],
        SeparableConv1D: ['separable_conv1d', 'convolution'],
        MaxPooling1D: ['max_pooling1d', 'pooling'],
        AveragePooling1D: ['average_pooling1d', 'pooling'],
        GlobalMaxPooling1D: ['global_max_pooling1d', 'pooling'],
        GlobalAveragePooling1D: ['global_average_pooling1d', 'pooling'],
        ZeroPadding1D: ['zero_padding1d', 'reshaping'],
        Cropping1D: ['cropping1d', 'reshaping'],
        UpSampling1D: ['up_sampling1d', 'reshaping']
    };

    it('exports every kind once, with Keras names, categories and a 3D input rank', () => {
        expect(CONVOLUTION_LAYERS.map(k => k.name).sort()).toEqual(Object.keys(expected).sort());
        for (const kind of CONVOLUTION_LAYERS) {
            expect([kind.kerasName, kind.category]).toEqual(expected[kind.name]);
            // Conv1D's Keras InputSpec is min_ndim=3 (Keras 2 convolves the last two axes above 3D).
            expect(kind.inputRank).toEqual(kind.name === 'Conv1D' ? { min: 3 } : { min: 3, max: 3 });
            expect(findLayerKind(kind.name)).toBe(kind);
            expect(kind.summary.endsWith('.')).toBe(true);
            for (const spec of kind.args) expect(spec.doc.length, `${kind.name}.${spec.name}`).toBeGreaterThan(10);
        }
    });

    it('keeps Keras positional order', () => {
        const names = (n: string) => findLayerKind(n)!.args.map(a => a.name);
        expect(names('Conv1D').slice(0, 7)).toEqual(['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'groups']);
        expect(names('Conv1DTranspose').slice(0, 7)).toEqual(['filters', 'kernel_size', 'strides', 'padding', 'output_padding', 'data_format', 'dilation_rate']);
        expect(names('SeparableConv1D').slice(0, 7)).toEqual(['filters', 'kernel_size', 'strides', 'padding', 'data_format', 'dilation_rate', 'depth_multiplier']);
        expect(names('SeparableConv1D')).toContain('pointwise_constraint');
        expect(names('MaxPooling1D')).toEqual(['pool_size', 'strides', 'padding', 'data_format']);
        expect(names('GlobalAveragePooling1D')).toEqual(['data_format', 'keepdims']);
    });
});

describe('explanations', () => {
    it('Conv1D gives the formula with its legend', () => {
        const outcome = ok(run('Conv1D', [N, 21, 9], { filters: 3, kernel_size: 2 }));
        expect(outcome.formula).toEqual({
            symbolic: 'k × i × f + f',
            substituted: '2 × 9 × 3 + 3',
            legend: ['k = 2 kernel width', 'i = 9 input features', 'f = 3 filters (one bias each)']
        });
        expect(outcome.shapeSteps.join(' ')).toContain('21 − 2 + 1 = 20');
    });

    it('grouped Conv1D shows the groups in the formula', () => {
        const outcome = ok(run('Conv1D', [N, 21, 8], { filters: 6, kernel_size: 2, groups: 2 }));
        expect(outcome.formula?.symbolic).toBe('k × (i / g) × f + f');
        expect(outcome.formula?.substituted).toBe('2 × (8 / 2) × 6 + 6');
    });

    it('pooling remainder warning teaches the arithmetic', () => {
        const outcome = ok(run('MaxPooling1D', [N, 21, 3], { pool_size: 2 }));
        expect(outcome.output).toEqual([N, 10, 3]);
        expect(outcome.warnings).toEqual([{
            code: 'pooling-drops-steps',
            message: 'MaxPooling1D with pool_size 2 over 21 steps gives ⌊21 / 2⌋ = 10 steps: the last 1 step is dropped. ' +
                'Use padding="same" to keep it, or pick sizes that divide evenly.'
        }]);
    });

    it('strided Conv1D remainder warning names kernel and strides', () => {
        const outcome = ok(run('Conv1D', [N, 10, 4], { filters: 2, kernel_size: 3, strides: 2 }));
        expect(outcome.warnings[0].message).toContain('Conv1D with kernel_size 3 and strides 2 over 10 steps gives ⌊(10 − 3) / 2⌋ + 1 = 4 steps');
    });

    it('non-positive length messages carry the numbers', () => {
        const result = run('Conv1D', [N, 3, 9], { filters: 3, kernel_size: 5 });
        expect(isLayerError(result) && result.error.message).toContain('3 − 5 + 1 = -1');
        const crop = run('Cropping1D', [N, 10, 3], { cropping: tuple(5, 5) });
        expect(isLayerError(crop) && crop.error.message).toContain('10 − 5 − 5 = 0');
    });

    it('invalid-argument errors point at the argument', () => {
        const groups = run('Conv1D', [N, 21, 9], { filters: 6, kernel_size: 2, groups: 2 });
        expect(isLayerError(groups) && groups.error.argument).toBe('groups');
        const dil = run('Conv1D', [N, 21, 9], { filters: 6, kernel_size: 2, strides: 2, dilation_rate: 2 });
        expect(isLayerError(dil) && dil.error.argument).toBe('dilation_rate');
        const op = run('Conv1DTranspose', [N, 21, 9], { filters: 6, kernel_size: 2, output_padding: 2, strides: 2 });
        expect(isLayerError(op) && op.error.argument).toBe('output_padding');
    });
});
