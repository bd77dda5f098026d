/**
 * The training statements of a model: `compile`, `fit` and `data`, described like the layers
 * so that binding, validation, completion and hovers treat them alike.
 */
import {
    BOOL, INT, POSITIVE_INT, STRING, arg, enumOf, oneOf, optional, type ArgSpec, type ArgType
} from './arg-spec.js';

export type StatementName = 'compile' | 'fit' | 'data';

export interface StatementKind {
    readonly name: StatementName;
    readonly summary: string;
    readonly args: readonly ArgSpec[];
    /** How Keras's own method differs, for reading and writing Keras code (language/src/keras). */
    readonly keras?: {
        /** Keras's positional order, where it is not the order of `args`. */
        readonly positional?: readonly string[];
        /** Keras's arguments that hold the data itself: in RNN Lens, `data(...)` gives them. */
        readonly dataArgs?: readonly string[];
    };
}

export const OPTIMIZERS = ['adam', 'sgd', 'rmsprop', 'adagrad', 'adamax', 'adadelta', 'nadam', 'adamw', 'ftrl', 'lion'] as const;
export const OPTIMIZER_CALLS = ['Adam', 'SGD', 'RMSprop', 'Adagrad', 'Adamax', 'Adadelta', 'Nadam', 'AdamW', 'Ftrl', 'Lion'] as const;
export const LOSSES = [
    'mse', 'mae', 'mape', 'msle', 'mean_squared_error', 'mean_absolute_error', 'mean_absolute_percentage_error',
    'mean_squared_logarithmic_error', 'huber', 'log_cosh', 'binary_crossentropy', 'categorical_crossentropy',
    'sparse_categorical_crossentropy', 'hinge', 'squared_hinge', 'categorical_hinge', 'kl_divergence', 'poisson',
    'cosine_similarity'
] as const;
export const METRICS = [
    'accuracy', 'acc', 'mse', 'mae', 'mape', 'msle', 'rmse', 'mean_squared_error', 'mean_absolute_error',
    'root_mean_squared_error', 'mean_absolute_percentage_error', 'binary_accuracy', 'categorical_accuracy',
    'sparse_categorical_accuracy', 'top_k_categorical_accuracy', 'auc', 'precision', 'recall',
    'binary_crossentropy', 'categorical_crossentropy', 'sparse_categorical_crossentropy', 'cosine_similarity', 'r2_score'
] as const;

const LOSS: ArgType = optional(oneOf(enumOf(...LOSSES), { kind: 'call', callees: ['MeanSquaredError', 'MeanAbsoluteError', 'Huber', 'BinaryCrossentropy', 'CategoricalCrossentropy', 'SparseCategoricalCrossentropy'], module: 'keras.losses' }));
const UNIT_FRACTION: ArgType = { kind: 'float', min: 0, max: 1, maxExclusive: true };

export const Compile: StatementKind = {
    name: 'compile',
    summary: 'Configures training: the optimizer, the loss to minimise and the metrics to report (Keras `model.compile`).',
    args: [
        arg('optimizer', oneOf(enumOf(...OPTIMIZERS), { kind: 'call', callees: OPTIMIZER_CALLS, module: 'keras.optimizers' }), 'rmsprop',
            'The optimizer: a name ("adam") or a call with settings (Adam(learning_rate=0.001)). Keras default "rmsprop".'),
        arg('loss', LOSS, null, 'The loss to minimise: "mse" for regression, "sparse_categorical_crossentropy" for class indices, ...'),
        arg('loss_weights', { kind: 'any', describe: 'a list or dict of weights' }, null, 'Weights of the losses of several outputs.'),
        arg('metrics', optional({ kind: 'list', of: oneOf(enumOf(...METRICS), { kind: 'any', describe: 'a metric call', module: 'keras.metrics' }) }), null,
            'Metrics reported during training, e.g. ["mae"] or ["accuracy"]; they do not change what is learnt.'),
        arg('weighted_metrics', { kind: 'any', describe: 'a list of metrics' }, null, 'Metrics weighted by sample weights.'),
        arg('run_eagerly', BOOL, false, 'Run step by step instead of as a compiled graph (debugging).'),
        arg('steps_per_execution', POSITIVE_INT, 1, 'Batches run per compiled call.'),
        arg('jit_compile', oneOf(enumOf('auto'), BOOL), 'auto', 'Compile the training step with XLA.'),
        arg('auto_scale_loss', BOOL, true, 'Scale the loss under a mixed-precision policy.')
    ]
};

export const Fit: StatementKind = {
    name: 'fit',
    summary: 'Trains the model: how many epochs, the batch size, the validation split and callbacks such as EarlyStopping (Keras `model.fit`).',
    args: [
        arg('epochs', POSITIVE_INT, 1, 'How many passes over the training data (Keras default 1).'),
        arg('batch_size', optional(POSITIVE_INT), null, 'Samples per gradient update; None means Keras\'s 32.'),
        arg('validation_split', UNIT_FRACTION, 0, 'The fraction of the training windows held out for validation (taken from the end, before shuffling).'),
        arg('shuffle', BOOL, true, 'Shuffle the training windows before each epoch.'),
        arg('callbacks', optional({ kind: 'list', of: { kind: 'call', callees: ['EarlyStopping', 'ReduceLROnPlateau', 'ModelCheckpoint', 'TerminateOnNaN'], module: 'keras.callbacks' } }), null,
            'Callbacks, e.g. [EarlyStopping(monitor="val_loss", patience=5, restore_best_weights=True)].'),
        arg('verbose', oneOf(enumOf('auto'), INT(0, 2)), 'auto', 'How much Keras prints: 0 silent, 1 progress bar, 2 one line per epoch.'),
        arg('validation_data', { kind: 'any', describe: 'a tuple (x, y)' }, null, 'Explicit validation data; data(split=...) gives it here.'),
        arg('class_weight', { kind: 'any', describe: 'a dict of class weights' }, null, 'Weights of the classes in the loss.'),
        arg('initial_epoch', INT(0), 0, 'The epoch to start at (to resume training).'),
        arg('steps_per_epoch', optional(POSITIVE_INT), null, 'Batches per epoch; None means all of them.'),
        arg('validation_steps', optional(POSITIVE_INT), null, 'Validation batches per epoch.'),
        arg('validation_batch_size', optional(POSITIVE_INT), null, 'The validation batch size; None means batch_size.'),
        arg('validation_freq', POSITIVE_INT, 1, 'Validate every this many epochs.')
    ],
    keras: {
        positional: ['x', 'y', 'batch_size', 'epochs', 'verbose', 'callbacks', 'validation_split', 'validation_data', 'shuffle'],
        dataArgs: ['x', 'y', 'validation_data', 'sample_weight']
    }
};

export const SCALES = ['minmax', 'standard', 'none'] as const;

export const Data: StatementKind = {
    name: 'data',
    summary: 'The data the model trains on: a CSV file\'s columns cut into windows of `lookback` rows, each predicting `target` `horizon` steps later.',
    args: [
        arg('path', optional(STRING), null, 'The CSV file, relative to the .rnn file.'),
        arg('features', optional({ kind: 'list', of: STRING }), null, 'The input columns; their count is the input\'s last dimension.'),
        arg('target', optional(STRING), null, 'The column to predict; a non-numeric column means classification.'),
        arg('lookback', optional(POSITIVE_INT), null, 'Rows per window: the input\'s time dimension.'),
        arg('horizon', POSITIVE_INT, 1, 'How many steps after the end of the window the target is taken.'),
        arg('scale', enumOf(...SCALES), 'minmax', 'How features are scaled, fitted on the training part only: "minmax", "standard" or "none".'),
        arg('split', { kind: 'any', describe: 'a tuple of train/validation/test fractions' }, { kind: 'tuple', items: [0.7, 0.15, 0.15] },
            'Chronological train/validation/test fractions, e.g. (0.7, 0.15, 0.15).'),
        arg('synthetic', optional(enumOf('sine', 'random_walk')), null, 'Instead of a file: a generated dataset of the model\'s input shape.'),
        arg('length', POSITIVE_INT, 2000, 'Rows of the synthetic dataset.'),
        arg('seed', INT(), 0, 'The seed of the synthetic dataset.')
    ]
};

export const STATEMENT_KINDS: readonly StatementKind[] = [Compile, Fit, Data];

export function findStatementKind(name: string): StatementKind | undefined {
    return STATEMENT_KINDS.find(s => s.name === name);
}

/** Keras's fit() uses 32 when batch_size is None. */
export const KERAS_DEFAULT_BATCH_SIZE = 32;

