/**
 * The calls and expressions that lowering reads, as both front ends hand them over: the `.rnn`
 * parser's AST (model/langium-syntax.ts) and Python code (python/python-syntax.ts) are two doors
 * into these plain records, so that binding (bind.ts), evaluation (evaluate.ts) and lowering of a
 * model (lower-model.ts) are written once. Ranges are in the door's own source text.
 */
import type { Position, SourceRange } from './source.js';
import type { Value } from './values.js';

export type SyntaxExpression =
    | { readonly kind: 'number'; readonly text: string; readonly range: SourceRange }
    | { readonly kind: 'string'; readonly value: string; readonly range: SourceRange }
    /** True, False, None. */
    | { readonly kind: 'keyword'; readonly value: boolean | null; readonly range: SourceRange }
    /** A constant of the file, looked up in the evaluation scope (`.rnn` references). */
    | { readonly kind: 'name'; readonly name: string; readonly range: SourceRange }
    /** A value the door has already computed (a Python constant defined earlier in the code). */
    /** `written`: a literal's spelling in the code (`1e-3`), for a writer that keeps it (`rnn-lens import`). */
    | { readonly kind: 'value'; readonly value: Value; readonly range: SourceRange; readonly written?: string }
    /** `(a, b)` or `(a)`; `trailingComma` tells `(a,)` from `(a)`. */
    | { readonly kind: 'group'; readonly items: readonly SyntaxExpression[]; readonly trailingComma: boolean; readonly range: SourceRange }
    | { readonly kind: 'list'; readonly items: readonly SyntaxExpression[]; readonly range: SourceRange }
    | { readonly kind: 'call'; readonly call: SyntaxCall; readonly range: SourceRange }
    | { readonly kind: 'unary'; readonly operator: string; readonly operand?: SyntaxExpression; readonly range: SourceRange }
    | { readonly kind: 'binary'; readonly operator: string; readonly left: SyntaxExpression; readonly right?: SyntaxExpression; readonly range: SourceRange }
    /** Something only running the code could tell (`X.shape[1]`, `int(sys.argv[1])`): `why` says what. */
    | { readonly kind: 'opaque'; readonly why: string; readonly range: SourceRange };

export interface SyntaxArgument {
    /** The keyword of `name=value`, as the catalog names it; undefined for a positional argument. */
    readonly keyword?: string;
    readonly keywordRange?: SourceRange;
    /** The whole argument: keyword and value. */
    readonly range: SourceRange;
    /** Undefined where the parser found none (`units=` half typed). */
    readonly value?: SyntaxExpression;
}

export interface SyntaxCall {
    /** The callee by its catalog name (`LSTM` for `keras.layers.LSTM`). */
    readonly callee: string;
    readonly calleeRange: SourceRange;
    readonly range: SourceRange;
    readonly args: readonly SyntaxArgument[];
    /** The closing parenthesis; undefined when the parser had to invent it. */
    readonly closeParen?: Position;
    readonly trailingComma: boolean;
}

/** Where a door writes a layer before another one (quick fixes that put `Input(...)` first). */
export interface LayerInsertion {
    readonly at: Position;
    /** The text before and after the new layer's call: `model.add(` and `)\n    ` in Python. */
    readonly prefix: string;
    readonly suffix: string;
}

/** One call of a model's body, as written: a layer, `Input(...)`, compile, fit or data. */
export interface SyntaxModelCall extends SyntaxCall {
    readonly insertion?: LayerInsertion;
    /** A layer the door could not read (a custom class, a layer added in a loop): kept in the stack, unknown, without a diagnostic. */
    readonly unfollowed?: boolean;
}

export interface SyntaxModel {
    readonly name: string;
    readonly range: SourceRange;
    readonly nameRange: SourceRange;
    readonly calls: readonly SyntaxModelCall[];
    readonly bodyStart: Position;
}
