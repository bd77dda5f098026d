/**
 * SimpleRNN, LSTM and GRU. One shape rule and one parameter rule with the gate count `g`:
 * g × [h(h + i) + h] (SimpleRNN g = 1, LSTM g = 4, GRU g = 3; GRU with reset_after=True,
 * Keras's default, has a second bias: g × [h(h + i) + 2h]).
 */
import type { Value } from '../model/values.js';
import type { KerasVersion } from '../model/keras-version.js';
import {
    ACTIVATION, BOOL, FLOAT, INT, POSITIVE_INT, arg, enumOf, oneOf, optional, required, weightArgs, type ArgSpec
} from './arg-spec.js';
import { fail, type LayerIssue, type LayerKind, type LayerResult } from './layer-kind.js';
import { formatCount } from './numbers.js';
import { formatShape } from './shape.js';
import { NotTrainable, type TfjsBuildContext, type TfLayer } from './tfjs-build.js';
import { rejectActivityRegularizer, weightConfig } from './tfjs-helpers.js';

export interface RecurrentFamily {
    readonly name: 'SimpleRNN' | 'LSTM' | 'GRU';
    readonly kerasName: string;
    readonly gates: number;
    readonly gateWords: string;
    readonly summary: string;
}

const units = required('units', POSITIVE_INT, 'The size of the hidden state h: how many numbers the layer carries from step to step.');
export const activation = arg('activation', ACTIVATION, 'tanh', 'The activation of the candidate state (Keras default tanh).');
export const recurrentActivation = arg('recurrent_activation', ACTIVATION, 'sigmoid', 'The activation of the gates (Keras default sigmoid).');
export const useBias = arg('use_bias', BOOL, true, 'Whether the layer adds bias vectors.');
// Keras takes any number here and clips it to [0, 1]; it drops only when 0 < rate < 1.
export const dropout = arg('dropout', FLOAT, 0, 'The fraction of the inputs x_t dropped in training, inside the layer, between 0 and 1.');
export const recurrentDropout = arg('recurrent_dropout', FLOAT, 0,
    'The fraction of the recurrent state h_(t−1) dropped in training, inside the layer, between 0 and 1: not the same as a Dropout layer after it.');
const seed = arg('seed', optional(INT()), null, 'The random seed for the dropout masks.');
export const sequenceArgs: ArgSpec[] = [
    arg('return_sequences', BOOL, false,
        'True returns the hidden state of every time step (a 3D sequence for the next recurrent layer); False only the last one (2D).'),
    arg('return_state', BOOL, false, 'Also return the final states; a Sequential model cannot pass several outputs on.'),
    arg('go_backwards', BOOL, false, 'Read the sequence from the last step to the first.'),
    arg('stateful', BOOL, false, 'Carry the states from one batch to the next.'),
    arg('unroll', BOOL, false, 'Unroll the loop over time steps: faster for short sequences, more memory.')
];
const useCudnn = arg('use_cudnn', oneOf(enumOf('auto'), BOOL), 'auto', 'Whether to use the cuDNN kernel on a GPU ("auto": when the settings allow).');
export const weights = [['kernel', 'glorot_uniform'], ['recurrent', 'orthogonal'], ['bias', 'zeros']] as const;
/** LSTM's weight arguments, unit_forget_bias among them (ConvLSTM1D's too). */
export const lstmWeightArgs = weightArgs(weights, [arg('unit_forget_bias', BOOL, true, 'Start the forget gate\'s bias at 1, so that the layer remembers at first (Keras default True).')]);

function recurrentKind(family: RecurrentFamily, args: ArgSpec[]): LayerKind {
    return {
        name: family.name,
        kerasName: family.kerasName,
        category: 'recurrent',
        summary: family.summary,
        args,
        inputRank: { min: 3, max: 3 },
        recurrent: true,
        compute: context => computeRecurrent(family, context.input, context.args, context.keras),
        tfjs: context => buildRecurrent(family.name, context),
        tfjsNote: args => recurrentTfjsNote(family.name, args)
    };
}

/**
 * What the recurrent loop's own arguments refuse, for SimpleRNN, LSTM, GRU and RNN(cell) alike:
 * several outputs in the middle of a stack, stateful without a batch size, and (Keras 2 only)
 * unroll over a None number of steps.
 */
export function sequenceArgumentError(name: string, input: readonly (number | null)[], args: Readonly<Record<string, Value>>, keras: KerasVersion | undefined): LayerResult | undefined {
    if (args.return_state === true) {
        return fail('invalid-argument',
            `return_state=True makes ${name} return its output and its states; a Sequential model passes one tensor from layer to layer, so Keras fails. Remove return_state.`,
            'return_state');
    }
    if (args.stateful === true && (input[0] === null || input[0] === undefined)) {
        return fail('invalid-argument',
            `stateful=True carries ${name}'s states from one batch to the next, sample by sample, so Keras needs a fixed batch size, but the batch dimension of ${formatShape(input)} is None ` +
            '(Keras: "When using `stateful=True` in a RNN, the batch size must be static"). Give it with Input(shape=..., batch_size=...) or batch_input_shape=(batch, steps, features) on the first layer, or remove stateful=True.',
            'stateful');
    }
    if (keras === 2 && args.unroll === true && (input[1] === null || input[1] === undefined)) {
        return fail('invalid-argument',
            `unroll=True writes ${name}'s loop out step by step, so Keras 2 needs a fixed number of steps, but the input ${formatShape(input)} has None ("Cannot unroll a RNN if the time dimension is undefined."). Keras 3 builds it. Give the steps in the input shape, or remove unroll=True.`,
            'unroll');
    }
    return undefined;
}

export function computeRecurrent(family: RecurrentFamily, input: readonly (number | null)[], args: Readonly<Record<string, Value>>, keras?: KerasVersion): LayerResult {
    const [, steps, i] = input;
    const h = args.units as number;
    const g = family.gates;
    if (i === null || i === undefined) {
        return fail('incompatible-rank', `${family.name} needs to know how many features each time step has, but the input shape ${formatShape(input)} ends in None.`);
    }
    const refused = sequenceArgumentError(family.name, input, args, keras);
    if (refused) return refused;
    const resetAfter = family.name === 'GRU' && args.reset_after === true;
    const bias = args.use_bias === true ? (resetAfter ? 2 * h : h) : 0;
    const perGate = h * (h + i) + bias;
    const total = g * perGate;
    const sequences = args.return_sequences === true;
    const output = sequences ? [null, steps ?? null, h] : [null, h];
    const stepsText = steps === null || steps === undefined ? 'a variable number of' : String(steps);
    return {
        output,
        params: { trainable: total, nonTrainable: 0 },
        shapeSteps: [sequences
            ? `return_sequences=True: the hidden state of each of the ${stepsText} steps, ${h} units each`
            : `return_sequences=False: only the last hidden state, ${h} units`],
        formula: formulaOf(family, g, h, i, args.use_bias === true, resetAfter),
        notes: notesFor(args, sequences, h, total),
        warnings: [...dropoutRateWarnings(family.name, args), ...slowKernelWarnings(family, args)]
    };
}

function formulaOf(family: RecurrentFamily, g: number, h: number, i: number, useBias: boolean, resetAfter: boolean) {
    const legend = [`g = ${g} ${family.gateWords}`, `h = ${h} units`, `i = ${i} input feature${i === 1 ? '' : 's'}`];
    if (!useBias) {
        return { symbolic: 'g × h(h + i)', substituted: `${g} × ${h} × (${h} + ${i})`, legend };
    }
    if (resetAfter) {
        return {
            symbolic: 'g × [h(h + i) + 2h]',
            substituted: `${g} × [${h} × (${h} + ${i}) + 2 × ${h}]`,
            legend: [...legend, 'reset_after=True: two bias vectors per gate (input and recurrent)']
        };
    }
    return { symbolic: 'g × [h(h + i) + h]', substituted: `${g} × [${h} × (${h} + ${i}) + ${h}]`, legend };
}

function notesFor(args: Readonly<Record<string, Value>>, sequences: boolean, h: number, total: number): string[] {
    const notes: string[] = [];
    notes.push(sequences
        ? 'With return_sequences=True the output is still a sequence, as the next recurrent or Conv1D layer needs.'
        : `Only the last hidden state comes out (${h} numbers per sample): right before Dense, wrong before another recurrent layer.`);
    const rd = droppedRate(args.recurrent_dropout);
    if (rd > 0) {
        notes.push(`recurrent_dropout=${rd} drops ${Math.round(rd * 100)}% of the recurrent connections h_(t−1) → h_t at each step in training, inside the layer; a Dropout layer after it would drop outputs instead. It adds no parameters.`);
    }
    const d = droppedRate(args.dropout);
    if (d > 0) notes.push(`dropout=${d} drops ${Math.round(d * 100)}% of the inputs x_t in training, inside the layer.`);
    notes.push(`The same ${formatCount(total)} weights are used at every time step: the count does not depend on the sequence length.`);
    return notes;
}

/** A dropout rate as Keras's recurrent cells keep it: clipped to [0, 1]. */
export function clippedRate(value: Value | undefined): number {
    return Math.min(1, Math.max(0, typeof value === 'number' ? value : 0));
}

/** The rate the cells actually drop at: they drop only when 0 < rate < 1. */
function droppedRate(value: Value | undefined): number {
    const rate = clippedRate(value);
    return rate < 1 ? rate : 0;
}

/**
 * Keras clips `dropout` and `recurrent_dropout` to [0, 1] without a word, and drops only when
 * 0 < rate < 1: a rate of 1 (or more) drops nothing at all, the opposite of what it says.
 */
export function dropoutRateWarnings(layer: string, args: Readonly<Record<string, Value>>): LayerIssue[] {
    const warnings: LayerIssue[] = [];
    for (const name of ['dropout', 'recurrent_dropout']) {
        const given = args[name];
        if (typeof given !== 'number') continue;
        const rate = clippedRate(given);
        const clipped = rate !== given ? ` Keras clips ${given} to ${rate} without a word.` : '';
        if (rate >= 1) {
            warnings.push({
                code: 'invalid-argument', severity: 'warning', argument: name,
                message: `${name}=${given} asks ${layer} to drop everything, but Keras drops only when 0 < ${name} < 1: with ${rate}, nothing is dropped at all (as with ${name}=0).${clipped} Use a rate below 1, such as 0.2.`
            });
        } else if (clipped) {
            warnings.push({ code: 'invalid-argument', severity: 'warning', argument: name, message: `${name}=${given} is not a fraction between 0 and 1.${clipped}` });
        }
    }
    return warnings;
}

/** TensorFlow's fused cuDNN kernel for LSTM/GRU needs the default activations and no recurrent dropout. */
function slowKernelWarnings(family: RecurrentFamily, args: Readonly<Record<string, Value>>): LayerIssue[] {
    if (family.name === 'SimpleRNN') return [];
    const reasons: Array<[string, string]> = [];
    if (args.activation !== 'tanh') reasons.push(['activation', `activation=${JSON.stringify(args.activation)} (cuDNN needs "tanh")`]);
    if (args.recurrent_activation !== 'sigmoid') reasons.push(['recurrent_activation', `recurrent_activation=${JSON.stringify(args.recurrent_activation)} (cuDNN needs "sigmoid")`]);
    if (clippedRate(args.recurrent_dropout) > 0) reasons.push(['recurrent_dropout', `recurrent_dropout=${args.recurrent_dropout} (cuDNN needs 0)`]);
    if (args.unroll === true) reasons.push(['unroll', 'unroll=True']);
    if (args.use_bias !== true) reasons.push(['use_bias', 'use_bias=False']);
    if (family.name === 'GRU' && args.reset_after !== true) reasons.push(['reset_after', 'reset_after=False']);
    if (reasons.length === 0) return [];
    return [{
        code: 'slow-recurrent-kernel',
        argument: reasons[0][0],
        message: `${family.name} cannot use TensorFlow's fast cuDNN kernel on a GPU because of ${reasons.map(r => r[1]).join(', ')}; it falls back to a generic loop that is often several times slower. Fine on a CPU or for learning.`
    }];
}

/** Mirrors buildRecurrent's choice, in words for the hover and the training panel. */
export function recurrentTfjsNote(kind: RecurrentFamily['name'], args: Readonly<Record<string, Value>>): string | undefined {
    if (kind === 'GRU' && args.reset_after === true) {
        return 'tfjs\'s GRU has no reset_after=True (Keras\'s default): RNN Lens trains its own GRU layer with Keras\'s math, weight layout and parameter count instead of tfjs\'s.';
    }
    if (droppedRate(args.dropout) > 0 || droppedRate(args.recurrent_dropout) > 0) {
        return `tfjs's ${kind} draws its dropout masks differently from Keras 3 (one mask per gate) and cannot seed them: RNN Lens trains its own ${kind} layer with Keras's dropout masks instead.`;
    }
    return undefined;
}

/**
 * The stock tfjs layers with every Keras default given explicitly (tfjs's own defaults differ:
 * recurrentActivation hardSigmoid, kernelInitializer glorotNormal, no unitForgetBias). RNN Lens's
 * own layer where tfjs cannot be Keras: GRU with reset_after=True, LSTM/GRU with recurrent_dropout
 * (Keras then draws one mask per gate and GRU mixes the undropped state), and any dropout (tfjs
 * keeps its last masks alive after the layer is disposed, and cannot seed them).
 */
export function buildRecurrent(kind: RecurrentFamily['name'], context: TfjsBuildContext): TfLayer {
    const { args, tf } = context;
    if (args.stateful === true) {
        throw new NotTrainable(`${kind}(stateful=True) carries its states from one batch to the next; RNN Lens trains on shuffled batches of independent windows, so it cannot train a stateful layer. Remove stateful=True.`, 'stateful');
    }
    if (args.return_state === true) throw new NotTrainable(`${kind}(return_state=True) returns several tensors; a Sequential model cannot pass them on.`, 'return_state');
    rejectActivityRegularizer(context);
    // Keras's rates as its cells use them: clipped, and a rate of 1 drops nothing.
    const dropout = droppedRate(args.dropout);
    const recurrentDropout = droppedRate(args.recurrent_dropout);
    // unroll and use_cudnn change how Keras runs the loop, not what it computes: nothing to pass.
    const config = {
        ...context.base,
        units: args.units as number,
        activation: context.activation(args.activation),
        ...(kind === 'SimpleRNN' ? {} : { recurrentActivation: context.activation(args.recurrent_activation) }),
        useBias: args.use_bias === true,
        ...weightConfig(context, ['kernel', 'recurrent', 'bias']),
        ...(kind === 'LSTM' ? { unitForgetBias: args.unit_forget_bias === true } : {}),
        dropout,
        recurrentDropout,
        returnSequences: args.return_sequences === true,
        goBackwards: args.go_backwards === true
    };
    const resetAfter = kind === 'GRU' && args.reset_after === true;
    if (!context.stockLayers || resetAfter || dropout > 0 || recurrentDropout > 0) {
        // The baseline keeps the loop op by op, as tfjs's own layers run it.
        return context.custom.recurrent(kind, { ...config, resetAfter, seed: typeof args.seed === 'number' ? args.seed : null, ...(context.stockLayers ? { fastLoop: false } : {}) });
    }
    switch (kind) {
        case 'SimpleRNN': return tf.layers.simpleRNN(config as never);
        // tfjs's LSTM leaks its unitForgetBias initialisation unless built inside tf.tidy.
        case 'LSTM': return tf.layers.lstm(config as never);
        case 'GRU': return tf.layers.gru(config as never);
    }
}

export const RECURRENT_FAMILIES: Readonly<Record<RecurrentFamily['name'], RecurrentFamily>> = {
    SimpleRNN: {
        name: 'SimpleRNN', kerasName: 'simple_rnn', gates: 1, gateWords: 'gate (a plain recurrent cell)',
        summary: 'A fully connected recurrent layer: at each time step the new hidden state is activation(W·x_t + U·h_(t−1) + b).'
    },
    LSTM: {
        name: 'LSTM', kerasName: 'lstm', gates: 4, gateWords: 'gates (input, forget, cell candidate, output)',
        summary: 'Long short-term memory: a recurrent layer whose input, forget and output gates decide what its cell state keeps from step to step.'
    },
    GRU: {
        name: 'GRU', kerasName: 'gru', gates: 3, gateWords: 'gates (update, reset, candidate)',
        summary: 'Gated recurrent unit: a recurrent layer with update and reset gates, lighter than an LSTM (3 gate blocks instead of 4).'
    }
};

export const SimpleRNN = recurrentKind(RECURRENT_FAMILIES.SimpleRNN, [units, activation, useBias, ...weightArgs(weights), dropout, recurrentDropout, ...sequenceArgs, seed]);

export const LSTM = recurrentKind(RECURRENT_FAMILIES.LSTM, [
    units, activation, recurrentActivation, useBias,
    ...lstmWeightArgs,
    dropout, recurrentDropout, seed, ...sequenceArgs, useCudnn
]);

export const GRU = recurrentKind(RECURRENT_FAMILIES.GRU, [
    units, activation, recurrentActivation, useBias, ...weightArgs(weights),
    dropout, recurrentDropout, seed, ...sequenceArgs,
    arg('reset_after', BOOL, true, 'Apply the reset gate after the recurrent matrix multiplication (Keras 2+ and cuDNN default): one more bias vector per gate.'),
    useCudnn
]);

export const RECURRENT_LAYERS: readonly LayerKind[] = [SimpleRNN, LSTM, GRU];
