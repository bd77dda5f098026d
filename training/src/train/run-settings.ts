/**
 * The epochs, batch size and learning rate a run uses: the caller's overrides, else `fit(...)`'s
 * and `compile(...)`'s, else Keras's defaults. Pure and tfjs-free, so that the training panel can
 * fill its inputs with them before anything is built.
 */
import { KERAS_DEFAULT_BATCH_SIZE, type ModelDescription, type Value } from '../../../language/src/index.js';
import { compileLearningRate } from '../build/compile.js';

export interface RunSettings {
    readonly epochs: number;
    readonly batchSize: number;
    /** Undefined where the optimizer cannot train (building says why). */
    readonly learningRate?: number;
}

/** The epochs and batch size: the overrides', else `fit(...)`'s, else Keras's (1 epoch, batches of 32). */
export function fitRunSettings(fitArgs: Readonly<Record<string, Value>>, overrides: { readonly epochs?: number; readonly batchSize?: number } = {}): { epochs: number; batchSize: number } {
    return {
        epochs: overrides.epochs ?? (typeof fitArgs.epochs === 'number' ? fitArgs.epochs : 1),
        batchSize: overrides.batchSize ?? (typeof fitArgs.batch_size === 'number' ? fitArgs.batch_size : KERAS_DEFAULT_BATCH_SIZE)
    };
}

/** What a model's own statements ask for. */
export function defaultRunSettings(model: Pick<ModelDescription, 'fit' | 'compile'>): RunSettings {
    return { ...fitRunSettings(model.fit?.args ?? {}), learningRate: compileLearningRate(model.compile) };
}
