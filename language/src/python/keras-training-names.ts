/**
 * What real Keras takes in `compile(...)` and `fit(...)` beyond what RNN Lens trains with: the
 * optimizers, losses and callbacks of Keras 3.15.1 (and the names only tf-keras 2.21 adds), as
 * printed by `dir(keras.optimizers)` & co. and `keras.losses.get(name)`, and the strings
 * `compile` itself reads ("crossentropy"). Such a value is no mistake of the code: the Python
 * door leaves the argument unread (as one computed at run time) instead of reporting
 * `invalid-argument`; a name Keras does not know either is still reported (did you mean).
 */
import type { ArgType } from '../catalog/arg-spec.js';
import type { SyntaxExpression } from '../model/syntax.js';

const KERAS_CLASSES: ReadonlySet<string> = new Set([
    // keras.optimizers
    'Adadelta', 'Adafactor', 'Adagrad', 'Adam', 'AdamW', 'Adamax', 'Ftrl', 'Lamb', 'Lion', 'LossScaleOptimizer',
    'MultiOptimizer', 'Muon', 'Nadam', 'Optimizer', 'RMSprop', 'SGD', 'ScheduleFreeAdamW', 'TFOptimizer',
    // keras.losses
    'BinaryCrossentropy', 'BinaryFocalCrossentropy', 'CTC', 'CategoricalCrossentropy', 'CategoricalFocalCrossentropy',
    'CategoricalGeneralizedCrossEntropy', 'CategoricalHinge', 'Circle', 'CosineSimilarity', 'Dice', 'Hinge', 'Huber',
    'KLDivergence', 'LogCosh', 'Loss', 'LossFunctionWrapper', 'MeanAbsoluteError', 'MeanAbsolutePercentageError',
    'MeanSquaredError', 'MeanSquaredLogarithmicError', 'Poisson', 'SparseCategoricalCrossentropy', 'SquaredHinge', 'Tversky',
    // keras.callbacks
    'BackupAndRestore', 'BackupAndRestoreExperimental', 'BaseLogger', 'CSVLogger', 'Callback', 'CallbackList', 'EarlyStopping',
    'History', 'LambdaCallback', 'LearningRateScheduler', 'ModelCheckpoint', 'OrbaxCheckpoint', 'ProgbarLogger',
    'ReduceLROnPlateau', 'RemoteMonitor', 'SwapEMAWeights', 'TensorBoard', 'TerminateOnNaN', 'UpdateEmbeddingCallback'
]);

const KERAS_STRINGS: ReadonlySet<string> = new Set([
    // keras.optimizers.get(name)
    'adadelta', 'adafactor', 'adagrad', 'adam', 'adamax', 'adamw', 'ftrl', 'lion', 'muon', 'nadam', 'rmsprop',
    'schedulefreeadamw', 'sgd',
    // keras.losses.get(name), and what compile reads itself
    'binary_crossentropy', 'binary_focal_crossentropy', 'categorical_crossentropy', 'categorical_focal_crossentropy',
    'categorical_hinge', 'circle', 'cosine_similarity', 'ctc', 'dice', 'hinge', 'huber', 'kl_divergence', 'log_cosh',
    'mean_absolute_error', 'mean_absolute_percentage_error', 'mean_squared_error', 'mean_squared_logarithmic_error',
    'poisson', 'sparse_categorical_crossentropy', 'squared_hinge', 'tversky', 'bce', 'huber_loss', 'kld',
    'kullback_leibler_divergence', 'logcosh', 'mae', 'mape', 'mse', 'msle', 'crossentropy', 'ce',
    // keras.metrics.get(name), and what compile reads itself
    'accuracy', 'acc', 'binary_accuracy', 'categorical_accuracy', 'concordance_correlation', 'pearson_correlation',
    'sparse_categorical_accuracy', 'sparse_top_k_categorical_accuracy', 'top_k_categorical_accuracy'
]);

/** What a type of kind `any` takes: anything. */
const ANY = '*';

/**
 * The value as RNN Lens reads it: without the items of a list that are Keras optimizers, losses,
 * metrics or callbacks that `type`, the catalog's, does not take (`callbacks=[RemoteMonitor(),
 * EarlyStopping()]` keeps EarlyStopping); undefined when the value itself is one (`optimizer=Muon()`).
 */
export function withoutKerasBeyondCatalog(value: SyntaxExpression, type: ArgType): SyntaxExpression | undefined {
    const taken = takenBy(type);
    const beyond = (v: SyntaxExpression): boolean => {
        if (taken.has(ANY)) return false;
        if (v.kind === 'string') return KERAS_STRINGS.has(v.value) && !taken.has(v.value);
        return v.kind === 'call' && KERAS_CLASSES.has(v.call.callee) && !taken.has(v.call.callee);
    };
    if (beyond(value)) return undefined;
    if (value.kind !== 'list' || !value.items.some(beyond)) return value;
    return { ...value, items: value.items.filter(item => !beyond(item)) };
}

/** The names and callees a catalog type takes, at any depth. */
function takenBy(type: ArgType, into = new Set<string>()): Set<string> {
    if (type.kind === 'enum') type.values.forEach(v => into.add(v));
    else if (type.kind === 'call') type.callees.forEach(c => into.add(c));
    else if (type.kind === 'any') into.add(ANY);
    else if (type.kind === 'optional' || type.kind === 'list') takenBy(type.of, into);
    else if (type.kind === 'oneOf') type.of.forEach(t => takenBy(t, into));
    return into;
}
