/**
 * The small Python syntax tree the Keras bridge reads: the statements and expressions that
 * Sequential models are written with, each with its line. Everything else Python has is kept as
 * `other` with its source text, so that nothing is lost on the way (python-parse.ts builds it).
 */

interface Located {
    /** 1-based line where the node starts, in the parsed text. */
    readonly line: number;
    /** 1-based line where it ends. */
    readonly endLine: number;
    /** The node's source text, as written. */
    readonly text: string;
    /** Offsets of the node's start and end in the parsed text (UTF-16 units). */
    readonly from: number;
    readonly to: number;
}

export type PyExpr = Located & (
    | { readonly type: 'number'; readonly value: number }
    | { readonly type: 'string'; readonly value: string }
    /** True, False, None. */
    | { readonly type: 'constant'; readonly value: boolean | null }
    | { readonly type: 'name'; readonly name: string }
    /** `nameFrom`: where the attribute's name starts (`LSTM` of `layers.LSTM`). */
    | { readonly type: 'attribute'; readonly object: PyExpr; readonly name: string; readonly nameFrom: number }
    /** `closeParen`: the offset of `)`, undefined when the parser invented it. */
    | { readonly type: 'call'; readonly callee: PyExpr; readonly args: readonly PyArg[]; readonly closeParen?: number; readonly trailingComma: boolean }
    | { readonly type: 'tuple'; readonly items: readonly PyExpr[] }
    | { readonly type: 'list'; readonly items: readonly PyExpr[] }
    /** `(expr)`: kept, so that rewriting an expression keeps its grouping. */
    | { readonly type: 'paren'; readonly inner: PyExpr }
    | { readonly type: 'unary'; readonly op: string; readonly operand: PyExpr }
    | { readonly type: 'binary'; readonly op: string; readonly left: PyExpr; readonly right: PyExpr }
    /** Anything else: subscripts, f-strings, comprehensions, lambdas, comparisons ... */
    | { readonly type: 'other'; readonly why: string }
);

export interface PyArg {
    /** The keyword of `name=value`; undefined for a positional argument. */
    readonly keyword?: string;
    /** `*args` or `**kwargs`: cannot be read without running the code. */
    readonly star?: '*' | '**';
    readonly value: PyExpr;
    /** Offsets of the whole argument (keyword and value) and of the keyword. */
    readonly from: number;
    readonly to: number;
    readonly keywordFrom?: number;
}

/** `import a.b as c` and `from a.b import c as d`: the local name and the dotted path it stands for. */
export interface PyImportBinding {
    readonly local: string;
    readonly path: string;
}

export type PyStatement = Located & (
    /** `a = b = value`, `a, b = 1, 2`: each target is a name, a tuple of names, or something else (`other`). */
    | { readonly type: 'assign'; readonly targets: readonly PyExpr[]; readonly value: PyExpr }
    /** `n += 1`. */
    | { readonly type: 'update'; readonly target: PyExpr; readonly op: string; readonly value: PyExpr }
    | { readonly type: 'expression'; readonly value: PyExpr }
    | { readonly type: 'import'; readonly bindings: readonly PyImportBinding[] }
    /**
     * def, class, if, for, while, with, try, decorated definitions: kept whole, with the names
     * it defines, every identifier it uses (to tell whether it builds a model), the variables it
     * may assign (they no longer hold a known value after it) and, for `with`, its statements
     * (a `with` block runs once, where it stands).
     */
    | {
        readonly type: 'block'; readonly keyword: string; readonly names: readonly string[];
        readonly identifiers: ReadonlySet<string>; readonly assigned: ReadonlySet<string>; readonly body?: readonly PyStatement[];
    }
    /** pass, return, del, assert, global ...: nothing a model is made of. */
    | { readonly type: 'other' }
);

export interface PyModule {
    readonly statements: readonly PyStatement[];
}

/** Python source that does not parse: where, and what Python would say. */
export class PythonSyntaxError extends Error {
    constructor(message: string, readonly line: number, readonly column: number) {
        super(message);
        this.name = 'PythonSyntaxError';
    }
}

/** The dotted path of `a.b.c` (names and attributes only), or undefined. */
export function dottedPath(expr: PyExpr): string | undefined {
    if (expr.type === 'name') return expr.name;
    if (expr.type === 'attribute') {
        const head = dottedPath(expr.object);
        return head === undefined ? undefined : `${head}.${expr.name}`;
    }
    return undefined;
}
