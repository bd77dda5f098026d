/**
 * Argument specifications: name, type, Keras default, documentation. Binding and validation
 * of calls (positional order, types, ranges, enumerations) read these and nothing else.
 */
import type { Value } from '../model/values.js';

export type ArgType =
    | { readonly kind: 'int'; readonly min?: number; readonly max?: number }
    | {
        readonly kind: 'float'; readonly min?: number; readonly max?: number;
        readonly minExclusive?: boolean; readonly maxExclusive?: boolean;
    }
    | { readonly kind: 'bool' }
    | { readonly kind: 'string' }
    | { readonly kind: 'enum'; readonly values: readonly string[] }
    /** An integer, or a tuple/list of `length` integers (`kernel_size=2` or `(2,)`). */
    | { readonly kind: 'ints'; readonly length: number; readonly min?: number }
    /** A shape without the batch dimension: a tuple of positive integers or None. */
    | { readonly kind: 'shape' }
    /** A layer call, for wrappers. */
    | { readonly kind: 'layer' }
    /** Python code that RNN Lens keeps and cannot run (Lambda's function), written in `.rnn` as a string; Keras code gets the code itself. */
    | { readonly kind: 'python' }
    /**
     * A call to one of the named callables: `Adam(learning_rate=1e-3)`, `EarlyStopping(...)`;
     * `module` is where Keras keeps them (`keras.optimizers`), for code that RNN Lens writes.
     */
    | { readonly kind: 'call'; readonly callees: readonly string[]; readonly module?: string }
    /**
     * Anything Keras takes here (initializers, regularizers, constraints, callbacks ...): described
     * in words; `module` is where Keras keeps the classes it may be a call to (`keras.initializers`).
     */
    | { readonly kind: 'any'; readonly describe: string; readonly module?: string }
    /** The type, or None. */
    | { readonly kind: 'optional'; readonly of: ArgType }
    | { readonly kind: 'oneOf'; readonly of: readonly ArgType[] }
    | { readonly kind: 'list'; readonly of: ArgType };

export interface ArgSpec {
    readonly name: string;
    readonly type: ArgType;
    /** Keras's default; ignored when `required`. */
    readonly default: Value;
    readonly required?: boolean;
    /** Keras 3 requires it where Keras 2 had the default (AveragePooling1D's pool_size): code keeps it even at the default. */
    readonly requiredInKeras3?: boolean;
    /** Only by keyword: the base-layer arguments (`input_shape`, `name`, ...). */
    readonly keywordOnly?: boolean;
    /** What the argument means, in one or two sentences. */
    readonly doc: string;
}

/** The spec helpers keep the catalog files short and uniform. */
export function arg(name: string, type: ArgType, defaultValue: Value, doc: string): ArgSpec {
    return { name, type, default: defaultValue, doc };
}

export function required(name: string, type: ArgType, doc: string): ArgSpec {
    return { name, type, default: null, required: true, doc };
}

export const INT = (min?: number, max?: number): ArgType => ({ kind: 'int', min, max });
export const POSITIVE_INT: ArgType = { kind: 'int', min: 1 };
export const BOOL: ArgType = { kind: 'bool' };
export const STRING: ArgType = { kind: 'string' };
/** A rate in [0, 1], as Keras checks for the dropout layers ("Expected a float value between 0 and 1"); 1 drops everything. */
export const RATE: ArgType = { kind: 'float', min: 0, max: 1 };
export const FLOAT: ArgType = { kind: 'float' };
export const optional = (of: ArgType): ArgType => ({ kind: 'optional', of });
export const oneOf = (...of: ArgType[]): ArgType => ({ kind: 'oneOf', of });
export const enumOf = (...values: string[]): ArgType => ({ kind: 'enum', values });
export const INTS1: ArgType = { kind: 'ints', length: 1, min: 1 };

/** Keras's activation names (`keras.activations`). */
export const ACTIVATIONS = [
    'linear', 'relu', 'sigmoid', 'softmax', 'tanh', 'elu', 'selu', 'softplus', 'softsign', 'exponential',
    'leaky_relu', 'relu6', 'silu', 'swish', 'gelu', 'hard_sigmoid', 'hard_silu', 'hard_swish', 'mish',
    'log_softmax', 'celu', 'glu', 'hard_tanh', 'log_sigmoid', 'sparse_plus', 'soft_shrink', 'hard_shrink',
    'tanh_shrink', 'squareplus', 'sparsemax'
] as const;

export const ACTIVATION: ArgType = optional(enumOf(...ACTIVATIONS));

export const INITIALIZER: ArgType = {
    kind: 'any', describe: 'an initializer name (e.g. "glorot_uniform", "zeros", "orthogonal") or call', module: 'keras.initializers'
};
export const REGULARIZER: ArgType = {
    kind: 'any', describe: 'a regularizer ("l1", "l2", "l1_l2", or a call such as L2(0.01)) or None', module: 'keras.regularizers'
};
export const CONSTRAINT: ArgType = {
    kind: 'any', describe: 'a constraint ("max_norm", "non_neg", "unit_norm", or a call) or None', module: 'keras.constraints'
};

/**
 * The initializer, regularizer and constraint arguments of a layer's weights, in Keras's
 * signature order: every initializer, every regularizer, `activity_regularizer`, every constraint.
 * `weights` pairs each weight (`kernel`, `recurrent`, `bias`) with its default initializer.
 */
export function weightArgs(weights: ReadonlyArray<readonly [string, string]>, extraAfterInitializers: ArgSpec[] = []): ArgSpec[] {
    return [
        ...weights.map(([w, init]) => arg(`${w}_initializer`, INITIALIZER, init, `How the ${w} weights start.`)),
        ...extraAfterInitializers,
        ...weights.map(([w]) => arg(`${w}_regularizer`, REGULARIZER, null, `A penalty on the ${w} weights, added to the loss.`)),
        arg('activity_regularizer', REGULARIZER, null, 'A penalty on the layer\'s output, added to the loss.'),
        ...weights.map(([w]) => arg(`${w}_constraint`, CONSTRAINT, null, `A constraint applied to the ${w} weights after each update.`))
    ];
}

/** None is Keras 3's default: `keras.config.image_data_format()`, "channels_last" unless configured. */
export const DATA_FORMAT = arg('data_format', optional(enumOf('channels_last', 'channels_first')), 'channels_last',
    '"channels_last" reads inputs as (batch, steps, features); "channels_first" as (batch, features, steps); None means Keras\'s configured image_data_format, "channels_last" by default.');

/** Arguments every Keras layer takes (`keras.layers.Layer`), by keyword only. */
export const BASE_LAYER_ARGS: readonly ArgSpec[] = [
    arg('name', optional(STRING), null, 'The layer\'s name; Keras numbers the default names (`lstm`, `lstm_1`, ...).'),
    arg('trainable', BOOL, true, 'Whether the layer\'s weights are updated in training; False moves its parameters to non-trainable.'),
    arg('dtype', optional(STRING), null, 'The dtype policy of the weights and computations, e.g. "float32".'),
    arg('input_shape', optional({ kind: 'shape' }), null,
        'The shape of one sample, without the batch dimension: (steps, features). Goes on the first layer only.'),
    arg('batch_input_shape', optional({ kind: 'shape' }), null,
        'The input shape with the batch dimension first: (batch, steps, features). First layer only.'),
    arg('batch_size', optional(POSITIVE_INT), null, 'A fixed batch size, with `input_shape` on the first layer.'),
    arg('input_dim', optional(POSITIVE_INT), null, 'Shorthand for `input_shape=(input_dim,)` on the first layer.')
].map(spec => ({ ...spec, keywordOnly: true }));

/** Keras's recurrent dropout `seed` and similar: an integer or None. */
export const SEED = arg('seed', optional(INT()), null, 'The random seed for dropout masks.');
