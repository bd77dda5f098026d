/**
 * `compile(...)` → tfjs: the optimizer with Keras's defaults (learning rates, epsilon 1e-7),
 * the loss and the metrics by their tfjs names. What tfjs lacks is NotTrainable, said up front.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { NotTrainable, type StatementDescription, formatValue, isCall, sequenceItems, type Value } from '../../../language/src/index.js';
import { stockKernels } from '../backend/kernel-switch.js';
import { fusedAdam } from './fused-adam.js';

export interface CompiledSettings {
    readonly optimizer: tfjs.Optimizer;
    /** The optimizer in words, for reports: `adam (learning_rate=0.001)`. */
    readonly optimizerText: string;
    readonly learningRate: number;
    /** The tfjs loss name. */
    readonly loss: string;
    /** The Keras loss name, as the user wrote it. */
    readonly kerasLoss: string;
    /** Keras metric names, and the tfjs names they map to. */
    readonly metrics: ReadonlyArray<{ readonly keras: string; readonly tfjs: string }>;
}

/** Keras 3's default learning rates. */
const DEFAULT_LEARNING_RATE: Record<string, number> = {
    adam: 0.001, sgd: 0.01, rmsprop: 0.001, adagrad: 0.001, adamax: 0.001, adadelta: 0.001
};

const LOSSES: Record<string, string> = {
    mse: 'meanSquaredError', mean_squared_error: 'meanSquaredError',
    mae: 'meanAbsoluteError', mean_absolute_error: 'meanAbsoluteError',
    mape: 'meanAbsolutePercentageError', mean_absolute_percentage_error: 'meanAbsolutePercentageError',
    msle: 'meanSquaredLogarithmicError', mean_squared_logarithmic_error: 'meanSquaredLogarithmicError',
    binary_crossentropy: 'binaryCrossentropy', categorical_crossentropy: 'categoricalCrossentropy',
    sparse_categorical_crossentropy: 'sparseCategoricalCrossentropy', hinge: 'hinge', squared_hinge: 'squaredHinge',
    categorical_hinge: 'categoricalHinge', log_cosh: 'logcosh', kl_divergence: 'kullbackLeiblerDivergence', poisson: 'poisson'
};

const METRICS: Record<string, string> = {
    accuracy: 'accuracy', acc: 'accuracy', mse: 'mse', mae: 'mae', mape: 'mape', mean_squared_error: 'mse',
    mean_absolute_error: 'mae', mean_absolute_percentage_error: 'mape', binary_accuracy: 'binaryAccuracy',
    categorical_accuracy: 'categoricalAccuracy', sparse_categorical_accuracy: 'sparseCategoricalAccuracy',
    binary_crossentropy: 'binaryCrossentropy', categorical_crossentropy: 'categoricalCrossentropy',
    sparse_categorical_crossentropy: 'sparseCategoricalCrossentropy', precision: 'precision', recall: 'recall',
    cosine_similarity: 'cosineProximity'
};

export function compileSettings(tf: typeof tfjs, compile: StatementDescription | undefined, learningRateOverride?: number): CompiledSettings {
    const args = compile?.args ?? { optimizer: 'rmsprop', loss: 'mse', metrics: null };
    const { name, settings } = optimizerOf(args.optimizer ?? 'rmsprop');
    const learningRate = learningRateOverride ?? numberOr(settings.learning_rate, DEFAULT_LEARNING_RATE[name]);
    const optimizer = makeOptimizer(tf, name, learningRate, settings);
    const kerasLoss = typeof args.loss === 'string' ? args.loss : args.loss === null ? 'mse' : lossName(args.loss);
    const loss = LOSSES[kerasLoss];
    if (!loss) throw new NotTrainable(`tfjs has no loss "${kerasLoss}"; use one of ${Object.keys(LOSSES).join(', ')}.`, 'loss');
    const metrics = (sequenceItems(args.metrics ?? null) ?? []).map(m => {
        const keras = typeof m === 'string' ? m : formatValue(m);
        const mapped = METRICS[keras];
        if (!mapped) throw new NotTrainable(`tfjs has no metric ${keras}; use one of ${Object.keys(METRICS).join(', ')}.`, 'metrics');
        return { keras, tfjs: mapped };
    });
    return { optimizer, optimizerText: `${name} (learning_rate=${learningRate})`, learningRate, loss, kerasLoss, metrics };
}

/** The learning rate `compile(...)` asks for (Keras's default for its optimizer), without building anything: what the training panel's input starts from. Undefined where the optimizer cannot train. */
export function compileLearningRate(compile: StatementDescription | undefined): number | undefined {
    try {
        const { name, settings } = optimizerOf(compile?.args.optimizer ?? 'rmsprop');
        return typeof settings.learning_rate === 'number' ? settings.learning_rate : DEFAULT_LEARNING_RATE[name];
    } catch {
        return undefined;
    }
}

function optimizerOf(value: Value): { name: string; settings: Readonly<Record<string, Value>> } {
    if (typeof value === 'string') return { name: value, settings: {} };
    if (isCall(value)) {
        const settings: Record<string, Value> = { ...value.keywords };
        if (value.positional.length > 0) settings.learning_rate = value.positional[0];
        return { name: value.callee.toLowerCase(), settings };
    }
    throw new NotTrainable(`Cannot train with the optimizer ${formatValue(value)}.`, 'optimizer');
}

function lossName(value: Value): string {
    if (isCall(value)) return value.callee.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
    return formatValue(value);
}

function numberOr(value: Value | undefined, fallback: number | undefined): number {
    if (typeof value === 'number') return value;
    if (fallback === undefined) throw new NotTrainable('This optimizer needs a learning_rate.');
    return fallback;
}

function makeOptimizer(tf: typeof tfjs, name: string, lr: number, s: Readonly<Record<string, Value>>): tfjs.Optimizer {
    const n = (key: string, fallback: number) => (typeof s[key] === 'number' ? (s[key] as number) : fallback);
    switch (name) {
        // The fused update reads every weight back each batch: cheap where tensors live in
        // memory (cpu, wasm), a stall per weight on a GPU backend, which keeps tfjs's.
        case 'adam': return stockKernels() || !['cpu', 'wasm'].includes(tf.getBackend())
            ? tf.train.adam(lr, n('beta_1', 0.9), n('beta_2', 0.999), n('epsilon', 1e-7))
            : fusedAdam(tf, lr, n('beta_1', 0.9), n('beta_2', 0.999), n('epsilon', 1e-7));
        case 'sgd': return tf.train.momentum(lr, n('momentum', 0), s.nesterov === true);
        case 'rmsprop': return tf.train.rmsprop(lr, n('rho', 0.9), n('momentum', 0), n('epsilon', 1e-7), s.centered === true);
        case 'adagrad': return tf.train.adagrad(lr, n('initial_accumulator_value', 0.1));
        case 'adamax': return tf.train.adamax(lr, n('beta_1', 0.9), n('beta_2', 0.999), n('epsilon', 1e-7));
        case 'adadelta': return tf.train.adadelta(lr, n('rho', 0.95), n('epsilon', 1e-7));
        default:
            throw new NotTrainable(`tfjs has no ${name} optimizer; use adam, sgd, rmsprop, adagrad, adamax or adadelta.`, 'optimizer');
    }
}
