/**
 * ConvLSTM1D: an LSTM whose input and recurrent transformations are 1D convolutions. Its input
 * is a sequence of 1D signals, (batch, time, rows, channels); every time step is convolved along
 * its rows, so the rows shrink as in Conv1D and the filters become the channels.
 */
import { BOOL, DATA_FORMAT, SEED, arg } from './arg-spec.js';
import { intArg, unknownChannels, nonPositiveLength } from './conv-common.js';
import { DILATION_RATE, convWindowArgs, stridesWithDilation } from './conv1d.js';
import { fail, type LayerKind } from './layer-kind.js';
import { convOutputLength, type Padding } from './length-arithmetic.js';
import { dimText, formatCount, plural } from './numbers.js';
import { activation, dropout, dropoutRateWarnings, lstmWeightArgs, recurrentActivation, recurrentDropout, sequenceArgs, useBias } from './recurrent.js';
import type { Dim, Shape } from './shape.js';
import { NotTrainable } from './tfjs-build.js';

/** Where the rows and channels of one time step are, by data_format: (rows, channels) or (channels, rows). */
function stepLayout(input: Shape, dataFormat: unknown): { rows: Dim; channels: Dim; channelsFirst: boolean } {
    const channelsFirst = dataFormat === 'channels_first';
    const a = input[2] ?? null;
    const b = input[3] ?? null;
    return channelsFirst ? { rows: b, channels: a, channelsFirst } : { rows: a, channels: b, channelsFirst };
}

export const ConvLSTM1D: LayerKind = {
    name: 'ConvLSTM1D',
    kerasName: 'conv_lstm1d',
    category: 'recurrent',
    summary: 'An LSTM over a sequence of 1D signals: its gates are 1D convolutions along the rows of each time step instead of matrix products.',
    args: [
        ...convWindowArgs(['valid', 'same'], 'channels'),
        DATA_FORMAT,
        DILATION_RATE,
        activation, recurrentActivation, useBias, ...lstmWeightArgs, dropout, recurrentDropout,
        SEED,
        arg('return_sequences', BOOL, false, 'True returns the state of every time step, (batch, time, rows, filters); False only the last one, (batch, rows, filters).'),
        // return_state, go_backwards, stateful as the other recurrent layers; no unroll.
        ...sequenceArgs.filter(a => a.name !== 'return_sequences' && a.name !== 'unroll')
    ],
    inputRank: { min: 4, max: 4 },
    compute({ input, args, keras }) {
        const f = args.filters as number;
        const k = intArg(args.kernel_size, 1);
        const s = intArg(args.strides, 1);
        const d = intArg(args.dilation_rate, 1);
        if (s > 1 && d > 1) return stridesWithDilation('ConvLSTM1D', s, d);
        if (args.return_state === true) {
            return fail('invalid-argument', 'return_state=True makes ConvLSTM1D return its output and its states; a Sequential model passes one tensor from layer to layer, so Keras fails. Remove return_state.', 'return_state');
        }
        const step = stepLayout(input, args.data_format);
        const c = step.channels;
        if (c === null) return unknownChannels('ConvLSTM1D', [input[0], input[2] ?? null, input[3] ?? null], { batch: null, steps: step.rows, channels: c, channelsFirst: step.channelsFirst });
        // Keras 2 (tf_keras 2.21) builds None rows into None rows; Keras 3 refuses them.
        if (step.rows === null && keras !== 2) {
            return fail('incompatible-rank', 'ConvLSTM1D needs the number of rows of each time step, but it is None: Keras 3: "ConvLSTM layers only support static input shapes for the spatial dimension" (Keras 2 built it with None rows). Give the rows a fixed size in the input shape (time, rows, channels).');
        }
        const len = convOutputLength(step.rows, k, s, d, args.padding as Padding);
        if (len.length !== null && len.length <= 0) {
            return nonPositiveLength('ConvLSTM1D', len.length, len.step, `The kernel does not fit in the ${plural(step.rows ?? 0, 'row')} of a step. Use a smaller kernel_size or padding="same".`);
        }
        const rowsOut = len.length;
        const perStep: Dim[] = step.channelsFirst ? [f, rowsOut] : [rowsOut, f];
        const sequences = args.return_sequences === true;
        const output: Shape = sequences ? [input[0], input[1] ?? null, ...perStep] : [input[0], ...perStep];
        const bias = args.use_bias === true ? f : 0;
        const total = 4 * (k * c * f + k * f * f + bias);
        return {
            output,
            params: { trainable: total, nonTrainable: 0 },
            shapeSteps: [
                `rows of each step: ${len.step}`,
                `channels: ${c} in, ${f} out (one per filter)`,
                sequences ? `return_sequences=True: all ${dimText(input[1] ?? null)} time steps are kept` : 'return_sequences=False: only the last time step comes out'
            ],
            formula: {
                symbolic: args.use_bias === true ? '4 × (k·c·f + k·f·f + f)' : '4 × (k·c·f + k·f·f)',
                substituted: `4 × (${k} × ${c} × ${f} + ${k} × ${f} × ${f}${bias ? ` + ${f}` : ''})`,
                legend: [
                    '4 gates (input, forget, cell candidate, output), each two convolutions',
                    `k = ${k} kernel width, c = ${c} input channels, f = ${f} filters`,
                    'k·c·f: the input convolution; k·f·f: the recurrent convolution over the state (padding "same", stride 1)'
                ]
            },
            notes: [`The same ${formatCount(total)} weights are used at every time step and every row position.`],
            warnings: dropoutRateWarnings('ConvLSTM1D', args)
        };
    },
    tfjs() {
        throw new NotTrainable('tfjs has no ConvLSTM1D layer (nor a 1D ConvLSTM cell); RNN Lens cannot train ConvLSTM1D.');
    }
};
