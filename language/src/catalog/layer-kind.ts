/**
 * What the catalog says about one layer kind: its arguments, how it maps an input shape to an
 * output shape, how many parameters it has and how to explain both. Each kind is described
 * once (in the files beside this one) and every feature reads that description.
 */
import type { Value } from '../model/values.js';
import type { DiagnosticCode, Severity } from '../model/diagnostic.js';
import type { KerasVersion } from '../model/keras-version.js';
import type { ArgSpec } from './arg-spec.js';
import type { KerasForm } from './keras-form.js';
import type { Shape } from './shape.js';
import type { TfjsBuild } from './tfjs-build.js';

export type LayerCategory =
    | 'input' | 'convolution' | 'pooling' | 'reshaping' | 'recurrent' | 'wrapper'
    | 'core' | 'regularization' | 'normalization' | 'embedding'
    /** A recurrent cell (LSTMCell, ...): one step, run over the sequence only inside RNN(...). */
    | 'cell';

export interface ParamCount {
    readonly trainable: number;
    readonly nonTrainable: number;
}

/** A parameter formula: symbols, then the same with the values put in; the result is the count. */
export interface Formula {
    /** `g × [h(h + i) + h]` */
    readonly symbolic: string;
    /** `4 × [30 × (30 + 1) + 30]` */
    readonly substituted: string;
    /** What each symbol stands for: `g = 4 gates`, `h = 30 units`, ... */
    readonly legend: readonly string[];
}

/** Something the layer has to say about its arguments or input: an error or a warning. */
export interface LayerIssue {
    readonly code: DiagnosticCode;
    readonly message: string;
    /** When set, the issue is about this argument (the diagnostic goes on its value). */
    readonly argument?: string;
    /** Overrides the code's usual severity. */
    readonly severity?: Severity;
    /** A value that fixes the argument (`units=1`): offered as the preferred quick fix on its value. */
    readonly nearest?: string;
}

export interface LayerOutcome {
    /** The output shape, batch first. */
    readonly output: Shape;
    readonly params: ParamCount;
    /** The shape arithmetic, one line a step: `21 − 2 + 1 = 20`. */
    readonly shapeSteps: readonly string[];
    /** How the parameters are counted; absent for layers without weights. */
    readonly formula?: Formula;
    /** Everything else worth knowing at this point (what `return_sequences` did, ...). */
    readonly notes: readonly string[];
    readonly warnings: readonly LayerIssue[];
    /** The per-direction (Bidirectional) or per-step (TimeDistributed) outcome of a wrapped layer. */
    readonly inner?: LayerOutcome;
    /** Bidirectional's separate backward layer's outcome. */
    readonly second?: LayerOutcome;
    /** The outcome of each layer of a list argument (StackedRNNCells's cells), in order. */
    readonly items?: readonly LayerOutcome[];
}

export type LayerResult = LayerOutcome | { readonly error: LayerIssue };

export function isLayerError(result: LayerResult): result is { readonly error: LayerIssue } {
    return 'error' in result;
}

export interface LayerContext {
    /** The input shape, batch first. Its rank has been checked against `inputRank`. */
    readonly input: Shape;
    /** Every argument, bound and defaulted. */
    readonly args: Readonly<Record<string, Value>>;
    /** The Keras version the analysis follows (3 when absent); see analysis/keras-versions.ts for the differences. */
    readonly keras?: KerasVersion;
    /** For wrappers: computes the wrapped layer on the shape the wrapper gives it. */
    readonly computeInner?: (input: Shape) => LayerResult;
    /** The Keras name of the wrapped layer (`lstm`), for explanations. */
    readonly innerKind?: LayerKind;
    /** The second wrapped layer (`wraps.second`), when it is given: computed as `computeInner`. */
    readonly computeSecond?: (input: Shape) => LayerResult;
    readonly secondKind?: LayerKind;
    /** For a list of wrapped layers (StackedRNNCells's cells, RNN's list of cells): each computed as `computeInner`. */
    readonly computeItems?: ReadonlyArray<(input: Shape) => LayerResult>;
    readonly itemKinds?: readonly (LayerKind | undefined)[];
}

export interface LayerKind {
    /** The Keras class name, as written in `.rnn` files: `LSTM`. */
    readonly name: string;
    /** The Keras base layer name (`lstm`); layers are numbered from it: `lstm`, `lstm_1`, ... */
    readonly kerasName: string;
    readonly category: LayerCategory;
    /** What the layer does, in one sentence. */
    readonly summary: string;
    /** Every argument Keras takes, positional order first; the common base-layer ones are added by the catalog. */
    readonly args: readonly ArgSpec[];
    /** The input ranks (batch included) the layer accepts, e.g. exactly 3 for recurrent layers. */
    readonly inputRank: { readonly min: number; readonly max?: number };
    /** The argument holding a wrapped layer, for wrappers. */
    readonly wraps?: {
        readonly argument: string;
        /** 'any' is any layer but a cell; 'cell' only cells (RNN's, StackedRNNCells's). */
        readonly accepts: 'recurrent' | 'any' | 'cell';
        /** A second wrapped layer, optional, of the same kinds: Bidirectional's `backward_layer`. */
        readonly second?: string;
    };
    /** True for recurrent layers: their output is 2D unless `return_sequences=True`. */
    readonly recurrent?: boolean;
    compute(context: LayerContext): LayerResult;
    /** How to build the layer in tfjs (training/ supplies tfjs and the custom layers). */
    readonly tfjs?: TfjsBuild;
    /**
     * Where tfjs, left to itself, would train something other than Keras with these arguments,
     * and what RNN Lens does about it: told in the layer's hover and the training panel (an engine
     * detail, not a problem of the user's model). Undefined when tfjs is Keras.
     */
    readonly tfjsNote?: (args: Readonly<Record<string, Value>>) => string | undefined;
    /** How Keras code may spell the kind besides `layers.<name>(...)` (keras-form.ts has the generic rules). */
    readonly keras?: KerasForm;
}

export function fail(code: DiagnosticCode, message: string, argument?: string): { readonly error: LayerIssue } {
    return { error: argument === undefined ? { code, message } : { code, message, argument } };
}
