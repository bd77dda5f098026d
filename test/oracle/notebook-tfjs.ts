/**
 * The course notebook's seven models (examples/advanced_rnn_theory.rnn), written by hand with
 * tfjs layers: the oracle test compares them with RNN Lens, the benchmark times building them.
 */
import type * as tfjs from '@tensorflow/tfjs';

export type Tf = typeof tfjs;

/** Per model, in the file's order, the layers that build it (call once per model built). */
export function notebookInTfjs(tf: Tf): Record<string, () => tfjs.layers.Layer[]> {
    const relu = { activation: 'relu' as const };
    return {
        SingleSimpleRNN: () => [
            tf.layers.conv1d({ filters: 3, kernelSize: 2, inputShape: [21, 9] }),
            tf.layers.maxPooling1d({ poolSize: 2 }),
            tf.layers.simpleRNN({ units: 30, ...relu }),
            tf.layers.dropout({ rate: 0.1 }),
            tf.layers.dense({ units: 1 })
        ],
        SingleLSTM: () => [
            tf.layers.conv1d({ filters: 1, kernelSize: 2, inputShape: [21, 9] }),
            tf.layers.maxPooling1d({ poolSize: 2 }),
            tf.layers.lstm({ units: 30, ...relu, recurrentDropout: 0.2 }),
            tf.layers.dropout({ rate: 0.1 }),
            tf.layers.dense({ units: 1 })
        ],
        StackedLSTM: () => [
            tf.layers.conv1d({ filters: 1, kernelSize: 2, inputShape: [21, 9] }),
            tf.layers.maxPooling1d({ poolSize: 2 }),
            tf.layers.lstm({ units: 30, ...relu, recurrentDropout: 0.1, returnSequences: true }),
            tf.layers.lstm({ units: 40, ...relu, recurrentDropout: 0.1, returnSequences: true }),
            tf.layers.lstm({ units: 50, ...relu, recurrentDropout: 0.1, returnSequences: true }),
            tf.layers.lstm({ units: 60, ...relu, recurrentDropout: 0.1 }),
            tf.layers.dropout({ rate: 0.1 }),
            tf.layers.dense({ units: 1 })
        ],
        Monster1: () => [
            tf.layers.conv1d({ filters: 64, kernelSize: 2, inputShape: [50, 20] }),
            tf.layers.maxPooling1d({ poolSize: 2 }),
            tf.layers.conv1d({ filters: 128, kernelSize: 2 }),
            tf.layers.maxPooling1d({ poolSize: 2 }),
            tf.layers.simpleRNN({ units: 64, ...relu, returnSequences: true }),
            tf.layers.simpleRNN({ units: 120, ...relu, recurrentDropout: 0.1 }),
            tf.layers.dropout({ rate: 0.1 }),
            tf.layers.dense({ units: 1 })
        ],
        SingleBidirectional: () => [
            tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 30, ...relu }) as tfjs.RNN, inputShape: [21, 9] }),
            tf.layers.dropout({ rate: 0.1 }),
            tf.layers.dense({ units: 1 })
        ],
        StackedBidirectional: () => [
            tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 30, ...relu, returnSequences: true }) as tfjs.RNN, inputShape: [21, 9] }),
            tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 10, ...relu }) as tfjs.RNN }),
            tf.layers.dropout({ rate: 0.1 }),
            tf.layers.dense({ units: 1 })
        ],
        Monster2: () => [
            tf.layers.conv1d({ filters: 20, kernelSize: 2, inputShape: [21, 50] }),
            tf.layers.maxPooling1d({ poolSize: 2 }),
            tf.layers.conv1d({ filters: 10, kernelSize: 2 }),
            tf.layers.maxPooling1d({ poolSize: 2 }),
            tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 30, ...relu, returnSequences: true }) as tfjs.RNN }),
            tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 60, ...relu, returnSequences: true }) as tfjs.RNN }),
            tf.layers.gru({ units: 40, ...relu, returnSequences: true }),
            tf.layers.bidirectional({ layer: tf.layers.lstm({ units: 10, ...relu }) as tfjs.RNN }),
            tf.layers.dropout({ rate: 0.1 }),
            tf.layers.dense({ units: 1 })
        ]

    };
}
