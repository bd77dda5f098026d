/**
 * The plain model description: what the AST lowers to (constants evaluated, positional
 * arguments bound to Keras names, defaults filled in). Analysis, training and export read
 * only this; nothing downstream touches the AST. Plain JSON data throughout.
 */
import type { Value } from './values.js';
import type { Position, SourceRange } from './source.js';
import type { RnnDiagnostic } from './diagnostic.js';
import type { Dim } from '../catalog/shape.js';
import type { KerasVersion } from './keras-version.js';
import type { DiagnosticLevels } from '../analysis/diagnostic-levels.js';
import type { LayerInsertion } from './syntax.js';

/** Where a call's arguments end, so that quick fixes can add one. */
export interface CallSyntax {
    /** The position of the closing parenthesis; undefined when the parser had to invent it. */
    readonly closeParen?: Position;
    readonly argumentCount: number;
    readonly trailingComma: boolean;
}

/** Arguments of a call as bound to the callee's signature. */
export interface BoundCall {
    /** Every argument the callee takes, with the user's value or Keras's default. */
    readonly args: Readonly<Record<string, Value>>;
    /** The names of the arguments the user wrote, in the order written. */
    readonly given: readonly string[];
    /** The range of each given argument (keyword and value). */
    readonly argRanges: Readonly<Record<string, SourceRange>>;
    /** The range of each given argument's value alone. */
    readonly valueRanges: Readonly<Record<string, SourceRange>>;
    /** For values written as a list or tuple: the range of each item (`features=["a", "b"]`). */
    readonly itemRanges: Readonly<Record<string, readonly SourceRange[]>>;
    readonly range: SourceRange;
    /** The range of the callee's name. */
    readonly nameRange: SourceRange;
    readonly syntax: CallSyntax;
    /** False when an argument was missing or invalid: the call cannot be computed (a diagnostic says why). */
    readonly valid: boolean;
}

export interface LayerDescription extends BoundCall {
    /** The catalog name of the layer kind, e.g. `LSTM`. */
    readonly kind: string;
    /** The layer that a wrapper (Bidirectional, TimeDistributed) wraps. */
    readonly inner?: LayerDescription;
    /** Bidirectional's `backward_layer`, when one is given (the kind's `wraps.second`). */
    readonly second?: LayerDescription;
    /** How to write a layer before this one, where the door is not `.rnn` (Python's `model.add(...)`). */
    readonly insertion?: LayerInsertion;
    /** The layers of a list argument of wrapped layers: StackedRNNCells's cells, or RNN's list of cells. */
    readonly items?: readonly LayerDescription[];
}

export interface StatementDescription extends BoundCall {
    readonly kind: 'compile' | 'fit' | 'data';
}

/** The model's input, from `Input(shape=...)` or from `input_shape=` & co. on the first layer. */
export interface InputDescription {
    /** The shape without the batch dimension. */
    readonly shape: readonly Dim[];
    readonly batchSize: number | null;
    /** Where it was given: the whole argument or call. */
    readonly range: SourceRange;
    /** The shape's value alone (`(21, 9)`), for fixes that rewrite it. */
    readonly valueRange: SourceRange;
    readonly source: 'Input' | 'input_shape' | 'batch_input_shape' | 'input_dim' | 'input_length';
    /** The call of `Input(...)`, when the input came from one. */
    readonly call?: BoundCall;
}

export interface ModelDescription {
    readonly name: string;
    readonly range: SourceRange;
    readonly nameRange: SourceRange;
    readonly input?: InputDescription;
    /** The layers of the stack, in order, without `Input`. */
    readonly layers: readonly LayerDescription[];
    readonly compile?: StatementDescription;
    readonly fit?: StatementDescription;
    readonly data?: StatementDescription;
    /** Where the model's body opens, for quick fixes that insert a first statement. */
    readonly bodyStart: Position;
    /** The door could not read the input (Python: a shape computed at run time, a first layer not followed): no missing-input-shape. */
    readonly inputUnknown?: boolean;
    /**
     * Python: Keras builds a model with no input when it is first called on data (fit, predict), so
     * a missing input is not a mistake there, only the reason no shapes can be shown (an information note).
     */
    readonly buildsWhenCalled?: boolean;
}

export interface ConstantDescription {
    readonly name: string;
    /** undefined when the expression could not be evaluated (a diagnostic says why). */
    readonly value: Value | undefined;
    readonly range: SourceRange;
    readonly nameRange: SourceRange;
}

/** `keras 2` / `keras 3`: the Keras version the file follows, whatever the editor or CLI default. */
export interface KerasDirective {
    readonly version: KerasVersion;
    readonly range: SourceRange;
}

export interface DocumentDescription {
    readonly constants: readonly ConstantDescription[];
    readonly models: readonly ModelDescription[];
    /** The file's own `keras N` statement, when it has one. */
    readonly keras?: KerasDirective;
    /** What lowering found: syntax, names, arguments, order. */
    readonly diagnostics: readonly RnnDiagnostic[];
    /** The levels the file's `# rnn-lens: allow(...)` comments give codes (model/directives.ts). */
    readonly directives?: DiagnosticLevels;
}
