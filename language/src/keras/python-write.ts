/**
 * Writes an expression of the small Python tree back as text: the part that Python and the
 * `.rnn` language share (numbers, strings, True/False/None, tuples, lists, `+ - * / // %`,
 * calls). The Keras export (export-values.ts) writes `.rnn` values back as Python with it, the
 * hooks saying what a name and a callee become; what neither language can hold is refused with
 * an Untranslatable error. (`rnn-lens import` writes the Python door's records instead: import-values.ts.)
 */
import type { PyArg, PyExpr } from './python-ast.js';

/** Thrown (by the writer or a hook) for what cannot be written: the message says why. */
export class Untranslatable extends Error {}

export type PyCall = PyExpr & { readonly type: 'call' };

export interface WriteHooks {
    /** The text for a variable name. */
    name(name: string): string;
    /** The callee's text, and keywords to rename (an alias such as InputLayer(input_shape=...)). */
    callee(call: PyCall): { readonly text: string; readonly renames?: Readonly<Record<string, string>> };
}

const ARITHMETIC = new Set(['+', '-', '*', '/', '//', '%']);

export function writeExpression(expr: PyExpr, hooks: WriteHooks): string {
    const write = (e: PyExpr) => writeExpression(e, hooks);
    switch (expr.type) {
        // Decimal literals as written (`1e-3`, `1_000`); hex, octal and binary by value.
        case 'number': return /^[0-9_.eE+-]+$/.test(expr.text) ? expr.text : String(expr.value);
        case 'string': return JSON.stringify(expr.value);
        case 'constant': return expr.value === null ? 'None' : expr.value ? 'True' : 'False';
        case 'name': return hooks.name(expr.name);
        case 'attribute': throw new Untranslatable(`${expr.text} is computed when the code runs`);
        case 'call': {
            const callee = hooks.callee(expr);
            return `${callee.text}(${expr.args.map(arg => writeArgument(arg, hooks, callee.renames)).join(', ')})`;
        }
        case 'paren': return `(${write(expr.inner)})`;
        case 'tuple': return expr.items.length === 1 ? `(${write(expr.items[0])},)` : `(${expr.items.map(write).join(', ')})`;
        case 'list': return `[${expr.items.map(write).join(', ')}]`;
        case 'unary':
            if (expr.op !== '-' && expr.op !== '+') throw new Untranslatable(`${expr.text} uses "${expr.op}", which .rnn has no counterpart for`);
            return `${expr.op}${write(expr.operand)}`;
        case 'binary':
            if (!ARITHMETIC.has(expr.op)) throw new Untranslatable(`${expr.text} uses "${expr.op}"; .rnn constants have + - * / // % only`);
            return `${write(expr.left)} ${expr.op} ${write(expr.right)}`;
        case 'other': throw new Untranslatable(`${expr.text} (${expr.why}) is computed when the code runs`);
    }
}

/** `keyword=value` or a positional value. */
function writeArgument(arg: PyArg, hooks: WriteHooks, renames: Readonly<Record<string, string>> = {}): string {
    if (arg.star) throw new Untranslatable(`${arg.star}${arg.value.text} unpacks arguments when the code runs`);
    const value = writeExpression(arg.value, hooks);
    return arg.keyword === undefined ? value : `${renames[arg.keyword] ?? arg.keyword}=${value}`;
}
