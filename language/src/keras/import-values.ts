/**
 * Python expressions → `.rnn` expressions, through the Python door's syntax records: the door
 * reads each expression (python/python-syntax.ts, in the import's words for what it leaves
 * opaque), and this writes the record out. What the `.rnn` language can say (numbers as written,
 * strings, True/False/None, tuples, lists, `+ - * / // %`, constants by their `let` name, Keras
 * calls) is written; anything computed at run time (`X.shape[1]`, `len(df)`, a custom class) is
 * refused with the reason, for a comment and a warning.
 */
import type { PyArg, PyExpr } from './python-ast.js';
import { fileUnits } from '../python/program.js';
import { PythonSyntax, type OpaqueWording, type Place, type PyBinding } from '../python/python-syntax.js';
import type { KerasNames } from './import-names.js';
import type { SyntaxExpression } from '../model/syntax.js';

/** A `let` of the output: a module-level constant of the code. */
export interface LetItem {
    readonly kind: 'let';
    /** The Python variable. */
    readonly pyName: string;
    /** The `.rnn` name: the variable's, numbered when the variable gets another value later. */
    readonly name: string;
    /** The value, in `.rnn`. */
    readonly text: string;
    /** The constants the value uses. */
    readonly refs: readonly LetItem[];
}

export type Translation =
    | { readonly ok: true; readonly text: string; readonly refs: readonly LetItem[]; readonly hasCall: boolean; readonly record: SyntaxExpression }
    | { readonly ok: false; readonly why: string };

const unpacks = (arg: PyArg) => `${arg.star}${arg.value.text} unpacks arguments when the code runs`;

/** What the import's comments say of what it leaves out. `**` has no `.rnn` counterpart. */
const IMPORT_WORDING: OpaqueWording = {
    binaryOperators: new Set(['+', '-', '*', '/', '//', '%']),
    unbound: name => `${name} is not a constant of the code (it is computed when the code runs, or defined elsewhere)`,
    attribute: expr => `${expr.text} is computed when the code runs`,
    operator: expr => (expr.type === 'unary'
        ? `${expr.text} uses "${expr.op}", which .rnn has no counterpart for`
        : `${expr.text} uses "${expr.op}"; .rnn constants have + - * / // % only`),
    other: expr => `${expr.text} (${expr.why}) is computed when the code runs`,
    functional: call => `${call.text} applies a layer to a tensor (the functional API)`,
    notKeras: call => `${call.callee.text}(...) is not a Keras class RNN Lens can read (a custom class, or computed when the code runs)`,
    notClass: call => `${call.callee.text}(...) is not a Keras class RNN Lens can read (a custom class, or computed when the code runs)`,
    star: (_, arg) => unpacks(arg)
};

/** Thrown while writing a record that holds what `.rnn` cannot: the message says why. */
class Untranslatable extends Error {}

export class ValueTranslator<Model> {
    /** What each name holds: constants by their `let` name (`named`), kept Keras calls (`expr`), models. */
    readonly bindings = new Map<string, PyBinding<Model>>();
    private readonly syntax: PythonSyntax<Model>;
    private readonly place: Place;
    /** The lets by their `.rnn` name, for the constants a written value uses. */
    private readonly lets = new Map<string, LetItem>();

    /** `source`: the parsed text, for the records' ranges. */
    constructor(readonly names: KerasNames, source: string) {
        this.syntax = new PythonSyntax<Model>(names, this.bindings, IMPORT_WORDING);
        this.place = { unit: fileUnits(source)[0], base: 0 };
    }

    /** A new `let`, that later values may use by name. */
    addLet(item: LetItem): void {
        this.lets.set(item.name, item);
    }

    translate(expr: PyExpr): Translation {
        return this.write(this.syntax.expression(expr, this.place));
    }

    /** One argument, `keyword=value` or a positional value; `renames` rewrites the keyword (InputLayer's input_shape → shape). */
    argument(arg: PyArg, renames: Readonly<Record<string, string>> = {}): Translation {
        // The door reads a call's arguments whole; here each is written or left out on its own.
        if (arg.star) return { ok: false, why: unpacks(arg) };
        const record = this.syntax.argument(arg, this.place, renames);
        const value = this.write(record.value!);
        return value.ok && record.keyword !== undefined ? { ...value, text: `${record.keyword}=${value.text}` } : value;
    }

    /** A record as `.rnn` text, with the lets it uses and whether it holds a call. */
    write(record: SyntaxExpression): Translation {
        const uses = { refs: [] as LetItem[], hasCall: false };
        try {
            const text = this.text(record, uses);
            return { ok: true, text, refs: uses.refs, hasCall: uses.hasCall, record };
        } catch (error) {
            if (error instanceof Untranslatable) return { ok: false, why: error.message };
            throw error;
        }
    }

    private text(expr: SyntaxExpression, uses: { refs: LetItem[]; hasCall: boolean }): string {
        const write = (e: SyntaxExpression | undefined) => (e ? this.text(e, uses) : '');
        switch (expr.kind) {
            // Decimal literals as written (`1e-3`, `1_000`); hex, octal and binary by value.
            case 'value': return expr.written !== undefined && /^[0-9_.eE+-]+$/.test(expr.written) ? expr.written : String(expr.value);
            case 'number': return expr.text;
            case 'string': return JSON.stringify(expr.value);
            case 'keyword': return expr.value === null ? 'None' : expr.value ? 'True' : 'False';
            case 'name': {
                const item = this.lets.get(expr.name);
                if (item) uses.refs.push(item);
                return expr.name;
            }
            case 'group': return expr.trailingComma ? `(${write(expr.items[0])},)` : `(${expr.items.map(write).join(', ')})`;
            case 'list': return `[${expr.items.map(write).join(', ')}]`;
            case 'call':
                uses.hasCall = true;
                return `${expr.call.callee}(${expr.call.args.map(a => (a.keyword === undefined ? '' : `${a.keyword}=`) + write(a.value)).join(', ')})`;
            case 'unary': return `${expr.operator}${write(expr.operand)}`;
            case 'binary': return `${write(expr.left)} ${expr.operator} ${write(expr.right)}`;
            case 'opaque': throw new Untranslatable(expr.why);
        }
    }
}
