/** Bidirectional and TimeDistributed: layers that run another layer. */
import { enumOf, optional, arg, required, type ArgSpec } from './arg-spec.js';
import { fail, isLayerError, type LayerKind } from './layer-kind.js';
import { findLayerKind } from './index.js';
import { withBackwardLayer } from './bidirectional-backward.js';
import { formatCount } from './numbers.js';
import { formatShape, lastDim, withLastDim } from './shape.js';
import { NotTrainable } from './tfjs-build.js';
import { extraLayer, rejectIfSet } from './tfjs-helpers.js';

const LAYER_ARG: ArgSpec = required('layer', { kind: 'layer' }, 'The layer to wrap, e.g. LSTM(30).');

export const Bidirectional: LayerKind = {
    name: 'Bidirectional',
    kerasName: 'bidirectional',
    category: 'wrapper',
    summary: 'Runs a copy of the wrapped recurrent layer forwards and another backwards over the sequence, and merges their outputs.',
    args: [
        LAYER_ARG,
        arg('merge_mode', optional(enumOf('concat', 'sum', 'mul', 'ave')), 'concat',
            'How the two directions are merged: "concat" (default) doubles the last axis; "sum", "mul", "ave" keep it.'),
        arg('weights', { kind: 'any', describe: 'initial weights' }, null, 'Initial weights for both directions.'),
        arg('backward_layer', optional({ kind: 'layer' }), null,
            'A different recurrent layer for the backward direction, with go_backwards=True (default: a copy of `layer` reading backwards).')
    ],
    inputRank: { min: 3, max: 3 },
    wraps: { argument: 'layer', accepts: 'recurrent', second: 'backward_layer' },
    compute({ input, args, keras, computeInner, innerKind, computeSecond, secondKind }) {
        if (!computeInner || !innerKind) return fail('missing-argument', 'Bidirectional needs the layer to wrap, e.g. Bidirectional(LSTM(30)).', 'layer');
        const mode = args.merge_mode;
        if (mode === null) {
            return fail('invalid-argument', 'merge_mode=None returns the two directions as two outputs; a Sequential model passes one tensor on, so Keras fails. Use "concat", "sum", "mul" or "ave".', 'merge_mode');
        }
        const inner = computeInner(input);
        if (isLayerError(inner)) return inner;
        if (computeSecond && secondKind) {
            const backward = computeSecond(input);
            if (isLayerError(backward)) return backward;
            return withBackwardLayer(args, inner, innerKind, backward, secondKind, keras);
        }
        const perDirection = inner.params;
        const units = lastDim(inner.output);
        const output = mode === 'concat' && units !== null ? withLastDim(inner.output, units * 2) : inner.output;
        const merged = mode === 'concat'
            ? `concat joins forward and backward: ${units} + ${units} = ${units === null ? 'None' : units * 2} units`
            : `merge_mode="${mode}" combines the two directions element by element: still ${units} units`;
        return {
            output,
            params: { trainable: 2 * perDirection.trainable, nonTrainable: 2 * perDirection.nonTrainable },
            shapeSteps: [...inner.shapeSteps.map(s => `each direction: ${s}`), merged],
            formula: {
                symbolic: `2 × (${inner.formula?.symbolic ?? 'parameters of one direction'})`,
                substituted: `2 × ${formatCount(perDirection.trainable + perDirection.nonTrainable)}`,
                legend: [`2 directions, each a ${innerKind.name} with its own weights`, ...(inner.formula ? [`one direction: ${inner.formula.substituted} = ${formatCount(perDirection.trainable + perDirection.nonTrainable)}`] : []), ...(inner.formula?.legend ?? [])]
            },
            notes: [
                `Two ${innerKind.name} layers read the sequence, one from the first step and one from the last, so training takes about twice as long.`,
                ...inner.notes.filter(n => !n.startsWith('The same'))
            ],
            warnings: inner.warnings,
            inner
        };
    },
    tfjs(context) {
        rejectIfSet(context, 'backward_layer', 'RNN Lens builds the backward direction as a copy of `layer` (Keras\'s default); it cannot train a separate backward_layer.');
        rejectIfSet(context, 'weights', 'RNN Lens cannot load initial weights from a .rnn file; remove weights= to train from Keras\'s initializers.');
        const mode = context.args.merge_mode;
        if (mode !== 'concat' && mode !== 'sum' && mode !== 'mul' && mode !== 'ave') {
            throw new NotTrainable('Bidirectional needs merge_mode "concat", "sum", "mul" or "ave" in a Sequential model.', 'merge_mode');
        }
        // tfjs clones `layer` into forward_ and backward_ copies (go_backwards flipped), as Keras does.
        const inner = context.buildInner!();
        const config = { ...context.base, layer: inner as never, mergeMode: mode as 'concat' | 'sum' | 'mul' | 'ave' };
        // RNN Lens's runs both directions as one operation; tfjs's stays for the stock baseline and the export.
        const own = context.stockLayers ? undefined : extraLayer(context, 'bidirectional');
        const layer = own ? own(config) : context.tf.layers.bidirectional(config);
        // tfjs's Bidirectional otherwise starts trainable, whatever the layer it copies says.
        layer.trainable = context.base.trainable && inner.trainable;
        return layer;
    }
};

export const TimeDistributed: LayerKind = {
    name: 'TimeDistributed',
    kerasName: 'time_distributed',
    category: 'wrapper',
    summary: 'Applies the wrapped layer to every time step on its own, with the same weights at each step.',
    args: [LAYER_ARG],
    inputRank: { min: 3 },
    wraps: { argument: 'layer', accepts: 'any' },
    compute({ input, computeInner, innerKind }) {
        if (!computeInner || !innerKind) return fail('missing-argument', 'TimeDistributed needs the layer to wrap, e.g. TimeDistributed(Dense(1)).', 'layer');
        const perStep = [input[0], ...input.slice(2)];
        const inner = computeInner(perStep);
        if (isLayerError(inner)) return inner;
        const steps = input[1];
        return {
            output: [inner.output[0], steps, ...inner.output.slice(1)],
            params: inner.params,
            shapeSteps: [
                `each of the ${steps ?? 'None'} steps goes through ${innerKind.name} as ${formatShape(perStep)} → ${formatShape(inner.output)}`,
                ...inner.shapeSteps
            ],
            formula: inner.formula,
            notes: [`One ${innerKind.name} is shared by every time step: the parameters are counted once.`, ...inner.notes],
            warnings: inner.warnings,
            inner
        };
    },
    tfjs(context) {
        const inner = context.description?.inner;
        if (!context.stockLayers && inner && findLayerKind(inner.kind)?.recurrent) {
            // RNN Lens's recurrent layers keep one call's state for its gradient; TimeDistributed calls them once per step.
            throw new NotTrainable(`RNN Lens's ${inner.kind} runs once per batch, and TimeDistributed would run it at every step: it cannot train a recurrent layer inside TimeDistributed yet.`, 'layer');
        }
        const layer = context.tf.layers.timeDistributed({ ...context.base, layer: context.buildInner!() });
        if (!context.base.trainable) layer.trainable = false; // freezes the wrapped layer, as in Keras
        return layer;
    }
};

export const WRAPPER_LAYERS: readonly LayerKind[] = [Bidirectional, TimeDistributed];
