/**
 * Which engine trained a model and on how many threads, in words: `rnn-lens train`'s Engine line
 * and the training panel's backend line say the same.
 */
import type { TrainResult } from './train-model.js';

export function engineText(result: Pick<TrainResult, 'engine' | 'engineReason' | 'threads'>): string {
    if (result.engine === 'whole-step') {
        return result.threads === 1 ? `whole-step (one wasm call a batch, on one thread${result.engineReason ? `: ${result.engineReason}` : ''})`
            : `whole-step (one wasm call a batch on each of ${result.threads} threads, which share its rows)`;
    }
    const threads = result.threads === 1 ? '; on one thread' : `; its recurrent kernels and Conv1D share each batch among ${result.threads} threads`;
    return `per-layer (tfjs's fit over RNN Lens's layers${result.engineReason ? `: ${result.engineReason}` : ''}${threads})`;
}
