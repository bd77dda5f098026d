/** Conv1D: filters that slide along the time axis, each mixing a window of steps and all features. */
import {
    ACTIVATION, BOOL, DATA_FORMAT, INTS1, POSITIVE_INT, arg, enumOf, required, weightArgs, type ArgSpec
} from './arg-spec.js';
import {
    droppedSteps, intArg, layoutOf, nonPositiveLength, paddingNote, sequenceShape, unknownChannels
} from './conv-common.js';
import { fail, isLayerError, type Formula, type LayerKind, type LayerResult } from './layer-kind.js';
import { formatShape, type Shape } from './shape.js';
import type { Value } from '../model/values.js';
import { DEFAULT_KERAS_VERSION, type KerasVersion } from '../model/keras-version.js';
import { NotTrainable } from './tfjs-build.js';
import { convOutputLength, effectiveKernel, type Padding } from './length-arithmetic.js';
import { formatCount, plural } from './numbers.js';
import { convConfig, convWindow, tfjsDataFormat } from './conv-tfjs.js';
import { loraArgs, loraCount, loraNote, loraRankOf, rejectLora } from './lora.js';

/** The window arguments every 1D convolution starts with, in Keras's order. */
export function convWindowArgs(paddings: readonly string[], what: string): ArgSpec[] {
    return [
        required('filters', POSITIVE_INT, `The number of filters: the size of the ${what} axis of the output, one feature per filter.`),
        required('kernel_size', INTS1, 'How many consecutive time steps each filter looks at (an integer or a 1-tuple).'),
        arg('strides', INTS1, 1, 'How many steps the window moves each time; above 1 the output is shorter. Cannot be combined with dilation_rate > 1.'),
        arg('padding', enumOf(...paddings), 'valid',
            `"valid": no padding, the output is shorter by kernel_size − 1; "same": zeros at both ends keep the length` +
            (paddings.includes('causal') ? '; "causal": zeros in front only, so no step sees the future.' : '.'))
    ];
}

export const DILATION_RATE = arg('dilation_rate', INTS1, 1,
    'The spacing between the steps a kernel looks at: with 2, a kernel of 3 covers 5 steps. Cannot be combined with strides > 1.');

/** Keras refuses strides > 1 together with dilation_rate > 1, for every 1D convolution. */
export function stridesWithDilation(layer: string, strides: number, dilation: number) {
    return fail('invalid-argument',
        `${layer} cannot combine strides=${strides} with dilation_rate=${dilation}: Keras supports strides > 1 or dilation_rate > 1, not both. ` +
        'Keep one of them at 1.', 'dilation_rate');
}

export const Conv1D: LayerKind = {
    name: 'Conv1D',
    kerasName: 'conv1d',
    keras: { aliases: { Convolution1D: {} } },
    category: 'convolution',
    summary: 'A 1D convolution: each filter slides a window of kernel_size steps along the sequence and turns every window of all the features into one new feature.',
    args: [
        ...convWindowArgs(['valid', 'same', 'causal'], 'features'),
        DATA_FORMAT,
        DILATION_RATE,
        arg('groups', POSITIVE_INT, 1,
            'Splits the input features into this many groups, each convolved by its own filters; must divide both the input features and filters.'),
        arg('activation', ACTIVATION, null, 'The function applied to the output; None means linear.'),
        arg('use_bias', BOOL, true, 'Whether each filter adds a bias.'),
        ...weightArgs([['kernel', 'glorot_uniform'], ['bias', 'zeros']]),
        ...loraArgs('kernel')
    ],
    // Keras's InputSpec is min_ndim=3: above 3D, Keras 2 convolves the last two axes, Keras 3 fails later.
    inputRank: { min: 3 },
    compute({ input, args, keras }) {
        return input.length === 3 ? computeConv1D(input, args) : computeAbove3D(input, args, keras);
    },
    tfjs(context) {
        if (context.input.length > 3) {
            throw new NotTrainable(`RNN Lens trains Conv1D on 3D inputs (batch, steps, features), not on ${formatShape(context.input)}: put it inside TimeDistributed, or Reshape to 3D first.`);
        }
        rejectLora(context, 'convolution');
        const config = convConfig(context, ['kernel', 'bias']);
        const { padding, dilation } = convWindow(context);
        const groups = typeof context.args.groups === 'number' ? context.args.groups : 1;
        const dataFormat = tfjsDataFormat(context.args.data_format);
        // tfjs's Conv1D is Keras's only for valid/same, dilation 1 (it has no gradient above), no groups
        // (ignored) and channels_last (channels_first returns the steps in the wrong order); and even
        // then RNN Lens's is one operation where tfjs's is a dozen, so training takes it.
        if (context.stockLayers && padding !== 'causal' && dilation === 1 && groups === 1 && dataFormat === 'channelsLast') {
            return context.tf.layers.conv1d(config as unknown as Parameters<typeof context.tf.layers.conv1d>[0]);
        }
        return context.custom.conv1d({ ...config, groups, dataFormat });
    }
};

/** Conv1D on (batch, steps, features), or (batch, features, steps) with channels_first. */
function computeConv1D(input: Shape, args: Readonly<Record<string, Value>>): LayerResult {
    const filters = args.filters as number;
    const k = intArg(args.kernel_size, 1);
    const s = intArg(args.strides, 1);
    const d = intArg(args.dilation_rate, 1);
    const padding = args.padding as Padding;
    const groups = typeof args.groups === 'number' ? args.groups : 1;
    const layout = layoutOf(input, args.data_format);

    if (s > 1 && d > 1) return stridesWithDilation('Conv1D', s, d);
    if (filters % groups !== 0) {
        return fail('invalid-argument',
            `groups=${groups} must divide filters=${filters}: each group gets filters / groups filters of its own. ` +
            `Pick a number of filters that is a multiple of ${groups}, or change groups.`, 'groups');
    }
    const c = layout.channels;
    if (c === null) return unknownChannels('Conv1D', input, layout);
    if (c % groups !== 0) {
        return fail('invalid-argument',
            `groups=${groups} must divide the ${plural(c, 'input feature')}: each group convolves input features / groups of them. ` +
            `Use a groups value that divides ${c}.`, 'groups');
    }

    const span = effectiveKernel(k, d);
    const len = convOutputLength(layout.steps, k, s, d, padding);
    if (len.length !== null && len.length <= 0) {
        return nonPositiveLength('Conv1D', len.length, len.step,
            `The kernel covers ${plural(span, 'step')} but the input has only ${plural(layout.steps ?? 0, 'step')}. ` +
            `Use a smaller kernel_size${d > 1 ? ' or dilation_rate' : ''}, padding="same" or "causal", or longer input sequences.`);
    }

    const perGroup = c / groups;
    const useBias = args.use_bias === true;
    const kernelCount = k * perGroup * filters;
    const bias = useBias ? filters : 0;
    const loraRank = loraRankOf(args);
    const lora = loraRank === null ? 0 : loraCount(k * perGroup, filters, loraRank);
    const params = loraRank === null
        ? { trainable: kernelCount + bias, nonTrainable: 0 }
        : { trainable: lora + bias, nonTrainable: kernelCount };

    const warnings = len.dropped > 0 && layout.steps !== null && len.length !== null
        ? [droppedSteps(`Conv1D with kernel_size ${k} and strides ${s}`, layout.steps,
            `⌊(${layout.steps} − ${span}) / ${s}⌋ + 1 = ${len.length}`, len.dropped)]
        : [];

    const notes = [paddingNote(padding, span)];
    if (s > 1) notes.push(`strides=${s}: the window moves ${s} steps at a time, so the output has about 1/${s} of the steps.`);
    if (d > 1) notes.push(`dilation_rate=${d}: the kernel's ${k} taps are ${d} steps apart, covering ${span} steps with only ${k} weights per feature.`);
    if (groups > 1) {
        notes.push(`groups=${groups}: the ${c} input features are split into ${groups} groups of ${perGroup}; ` +
            `each group has its own ${filters / groups} filters, which see only that group.`);
    }
    notes.push(`The same ${formatCount(kernelCount + bias)} weights are used at every window position along the sequence.`);
    if (loraRank !== null) notes.push(loraNote(loraRank, 'kernel', kernelCount, lora));

    return {
        output: sequenceShape(layout, len.length, filters),
        params,
        shapeSteps: [
            `steps: ${len.step}`,
            `features: ${c} in, ${filters} out (one per filter)`
        ],
        formula: convFormula(k, c, filters, groups, useBias, loraRank),
        notes,
        warnings
    };
}

/**
 * Conv1D above 3D. Keras 2 (tf_keras 2.21) takes the leading axes as batch axes and convolves the
 * last two as (steps, features): (None, 5, 10, 3) → Conv1D(8, 3) → (None, 5, 8, 8), 80 parameters.
 * Keras 3.15 fails ("Kernel shape must have the same length as input"). Both checked:
 * test/fixtures/keras/conv1d-above-3d.json.
 */
function computeAbove3D(input: Shape, args: Readonly<Record<string, Value>>, keras: KerasVersion | undefined): LayerResult {
    const k = intArg(args.kernel_size, 1);
    const channels = args.data_format === 'channels_first' ? input[1] : input[input.length - 1];
    // As Keras 3 prints it: the whole channels axis, even with groups (checked).
    const kernel = `(${k}, ${channels === null ? 'None' : channels}, ${args.filters})`;
    if ((keras ?? DEFAULT_KERAS_VERSION) !== 2) {
        return fail('incompatible-rank',
            `Conv1D expects a 3D (batch, steps, features) input but gets ${formatShape(input)}; Keras 3 fails: "Kernel shape must have the same length as input, but received kernel of shape ${kernel} and input of shape ${formatShape(input)}". ` +
            'Wrap it in TimeDistributed to run it on each item, or Reshape to 3D first. (Keras 2 convolves the last two axes.)');
    }
    if (args.data_format === 'channels_first') {
        return fail('incompatible-rank',
            `RNN Lens follows Keras 2's Conv1D above 3D only with channels_last; ${formatShape(input)} with channels_first is not followed. Wrap it in TimeDistributed, or Reshape to 3D first.`, 'data_format');
    }
    const lead = input.slice(0, -2);
    const result = computeConv1D([input[0], input[input.length - 2], input[input.length - 1]], args);
    if (isLayerError(result)) return result;
    return {
        ...result,
        output: [...lead, ...result.output.slice(1)],
        notes: [`Keras 2 convolves the last two axes of ${formatShape(input)} as (steps, features); the axes before them are batch axes (Keras 3 fails on this input).`, ...result.notes]
    };
}

function convFormula(k: number, i: number, f: number, groups: number, useBias: boolean, loraRank: number | null): Formula {
    const grouped = groups > 1;
    const inSym = grouped ? '(i / g)' : 'i';
    const inVal = grouped ? `(${i} / ${groups})` : `${i}`;
    let symbolic = `k × ${inSym} × f`;
    let substituted = `${k} × ${inVal} × ${f}`;
    const legend = [`k = ${k} kernel width`, `i = ${i} input features`];
    if (grouped) legend.push(`g = ${groups} groups`);
    if (loraRank !== null) {
        symbolic += ` + (k × ${inSym} × r + r × f)`;
        substituted += ` + (${k} × ${inVal} × ${loraRank} + ${loraRank} × ${f})`;
        legend.push(`r = ${loraRank} LoRA rank (the kernel k × ${inSym} × f is frozen)`);
    }
    if (useBias) {
        symbolic += ' + f';
        substituted += ` + ${f}`;
        legend.push(`f = ${f} filters (one bias each)`);
    } else {
        legend.push(`f = ${f} filters, no bias`);
    }
    return { symbolic, substituted, legend };
}
