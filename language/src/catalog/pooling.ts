/** Pooling along the time axis: windowed (MaxPooling1D, AveragePooling1D) and global. */
import { BOOL, DATA_FORMAT, INTS1, arg, enumOf, optional } from './arg-spec.js';
import { droppedSteps, intArg, layoutOf, nonPositiveLength, sequenceShape, windowArithmetic } from './conv-common.js';
import type { LayerKind } from './layer-kind.js';
import { poolOutputLength } from './length-arithmetic.js';
import { dimText, plural } from './numbers.js';
import { tfjsDataFormat } from './conv-tfjs.js';
import { extraLayer, requireExtra } from './tfjs-helpers.js';

function windowPooling(name: string, kerasName: string, op: 'max' | 'average'): LayerKind {
    const what = op === 'max' ? 'maximum' : 'average';
    return {
        name,
        kerasName,
        category: 'pooling',
        summary: `Shortens the sequence: each output step is the ${what} of a window of pool_size consecutive steps, taken feature by feature; it has no weights.`,
        args: [
            { ...arg('pool_size', INTS1, 2, `How many consecutive steps each output step takes the ${what} of.`), ...(op === 'average' ? { requiredInKeras3: true } : {}) },
            arg('strides', optional(INTS1), null, 'How far the window moves each time; None means pool_size (windows side by side, no overlap).'),
            arg('padding', enumOf('valid', 'same'), 'valid',
                '"valid": only whole windows, leftover steps at the end are dropped; "same": the last window is padded so every step is used.'),
            DATA_FORMAT
        ],
        inputRank: { min: 3, max: 3 },
        compute({ input, args }) {
            const pool = intArg(args.pool_size, 2);
            const stride = args.strides === null || args.strides === undefined ? pool : intArg(args.strides, pool);
            const padding = args.padding === 'same' ? 'same' : 'valid';
            const layout = layoutOf(input, args.data_format);
            const len = poolOutputLength(layout.steps, pool, stride, padding);
            const L = layout.steps;
            if (len.length !== null && len.length <= 0) {
                return nonPositiveLength(name, len.length, L === null ? len.step : windowArithmetic(L, pool, stride, len.length),
                    `A window of ${plural(pool, 'step')} does not fit in ${plural(L ?? 0, 'step')}. ` +
                    'Use a smaller pool_size, padding="same", or longer input sequences.');
            }
            const description = stride === pool
                ? `${name} with pool_size ${pool}`
                : `${name} with pool_size ${pool} and strides ${stride}`;
            const warnings = len.dropped > 0 && L !== null && len.length !== null
                ? [droppedSteps(description, L, windowArithmetic(L, pool, stride, len.length), len.dropped)]
                : [];
            const notes = [
                `Each output step is the ${what} of ${plural(pool, 'step')}, for every feature separately: the ${dimText(layout.channels)} features are kept.`,
                stride === pool
                    ? `strides defaults to pool_size (${pool}): the windows sit side by side without overlapping.`
                    : `strides=${stride} with pool_size ${pool}: the windows ${stride < pool ? `overlap by ${plural(pool - stride, 'step')}` : `skip ${plural(stride - pool, 'step')} between them`}.`
            ];
            if (padding === 'same') {
                notes.push(op === 'max'
                    ? 'padding="same" lets the last window run past the end, so no step is lost.'
                    : 'padding="same" lets the last window run past the end, so no step is lost; the padded positions are not counted in the average.');
            } else if (len.dropped === 0 && L !== null) {
                notes.push('padding="valid": the windows cover every step exactly, nothing is dropped.');
            }
            return {
                output: sequenceShape(layout, len.length, layout.channels),
                params: { trainable: 0, nonTrainable: 0 },
                shapeSteps: [`steps: ${len.step}`, `features: ${dimText(layout.channels)}, unchanged`],
                notes,
                warnings
            };
        },
        tfjs(context) {
            const poolSize = intArg(context.args.pool_size, 2);
            const strides = context.args.strides === null || context.args.strides === undefined ? poolSize : intArg(context.args.strides, poolSize);
            const padding = context.args.padding === 'same' ? 'same' : 'valid';
            const dataFormat = tfjsDataFormat(context.args.data_format);
            const config = { ...context.base, poolSize, strides, padding } as const;
            // tfjs's pooling is TF's (SAME: padding never the maximum, not counted in the average), but has
            // no data_format: channels_first would pool the features. RNN Lens's pools in one operation
            // where tfjs's takes three, so training takes it where it is there.
            const extra = extraLayer(context, 'pooling1d');
            if (dataFormat === 'channelsFirst' || (extra && !context.stockLayers)) {
                return requireExtra(context, 'pooling1d', `${name} with data_format="channels_first"`)({ ...config, mode: op === 'max' ? 'max' : 'avg', dataFormat });
            }
            return op === 'max' ? context.tf.layers.maxPooling1d(config) : context.tf.layers.averagePooling1d(config);
        }
    };
}

// Keras also exports the pooling layers under their short names (`layers.MaxPool1D`).
export const MaxPooling1D: LayerKind = { ...windowPooling('MaxPooling1D', 'max_pooling1d', 'max'), keras: { aliases: { MaxPool1D: {} } } };
export const AveragePooling1D: LayerKind = { ...windowPooling('AveragePooling1D', 'average_pooling1d', 'average'), keras: { aliases: { AvgPool1D: {} } } };

function globalPooling(name: string, kerasName: string, op: 'max' | 'average'): LayerKind {
    const what = op === 'max' ? 'maximum' : 'average';
    return {
        name,
        kerasName,
        category: 'pooling',
        summary: `Removes the time axis: each feature becomes the ${what} over all the steps, so a (steps, features) sequence becomes one vector of features.`,
        args: [
            DATA_FORMAT,
            arg('keepdims', BOOL, false, 'Keep the time axis with length 1: (batch, 1, features) instead of (batch, features).')
        ],
        inputRank: { min: 3, max: 3 },
        compute({ input, args }) {
            const layout = layoutOf(input, args.data_format);
            const keepdims = args.keepdims === true;
            const output = keepdims ? sequenceShape(layout, 1, layout.channels) : [layout.batch, layout.channels];
            return {
                output,
                params: { trainable: 0, nonTrainable: 0 },
                shapeSteps: [keepdims
                    ? `steps: ${dimText(layout.steps)} → 1 (keepdims=True keeps the axis); features: ${dimText(layout.channels)}`
                    : `steps: ${dimText(layout.steps)} → removed; features: ${dimText(layout.channels)}`],
                notes: [
                    `Each of the ${dimText(layout.channels)} features is the ${what} of its values over all ${layout.steps === null ? 'the' : layout.steps} steps` +
                    (layout.steps === null ? ', whatever the sequence length: it works with variable-length input.' : '.'),
                    keepdims
                        ? 'With keepdims=True the output stays 3D, with a time axis of length 1.'
                        : 'The output is 2D, so a Dense layer after it gives one prediction per sequence.'
                ],
                warnings: []
            };
        },
        tfjs(context) {
            const dataFormat = tfjsDataFormat(context.args.data_format);
            const keepdims = context.args.keepdims === true;
            const config = { ...context.base, mode: op === 'max' ? 'max' : 'avg', dataFormat, keepdims };
            // tfjs's global pooling has no data_format nor keepdims, and its average ignores the mask
            // (Keras 3 averages over the unmasked steps): RNN Lens's own where training/ supplies it.
            const own = extraLayer(context, 'globalPooling1d');
            if (own && (op === 'average' || dataFormat === 'channelsFirst' || keepdims)) return own(config);
            if (dataFormat === 'channelsFirst' || keepdims) {
                return requireExtra(context, 'globalPooling1d', `${name} with ${keepdims ? 'keepdims=True' : 'data_format="channels_first"'}`)(config);
            }
            return op === 'max' ? context.tf.layers.globalMaxPooling1d(context.base) : context.tf.layers.globalAveragePooling1d(context.base);
        }
    };
}

export const GlobalMaxPooling1D: LayerKind = { ...globalPooling('GlobalMaxPooling1D', 'global_max_pooling1d', 'max'), keras: { aliases: { GlobalMaxPool1D: {} } } };
export const GlobalAveragePooling1D: LayerKind = { ...globalPooling('GlobalAveragePooling1D', 'global_average_pooling1d', 'average'), keras: { aliases: { GlobalAvgPool1D: {} } } };
