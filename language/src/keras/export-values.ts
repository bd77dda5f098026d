/**
 * The values of a `.rnn` model as Python: each argument is read back from the text it was
 * written with (its range in the description), so that constants stay constants
 * (`input_shape=(n_steps, n_features)`), and calls are qualified with their Keras module
 * (`keras.optimizers.Adam(...)`). A `.rnn` expression is Python's expression syntax, so the
 * Python parser reads it.
 */
import type { ArgType } from '../catalog/arg-spec.js';
import { findKerasLayer, kerasCallModule, kerasLayerPath, kerasModuleIn } from '../catalog/keras-form.js';
import type { BoundCall, DocumentDescription } from '../model/description.js';
import type { SourceRange } from '../model/source.js';
import { formatValue, type Value } from '../model/values.js';
import type { PyExpr } from './python-ast.js';
import { parsePythonExpression } from './python-parse.js';
import { writeExpression, type PyCall } from './python-write.js';

/** Python's keywords: a `.rnn` constant of that name is renamed in the script. */
const PYTHON_KEYWORDS = [
    'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except',
    'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass',
    'raise', 'return', 'try', 'while', 'with', 'yield'
];

const RNN_WORDS: Readonly<Record<string, string>> = { true: 'True', false: 'False', none: 'None' };

export class ExportValues {
    /** The constants the written values use, by `.rnn` name. */
    private readonly used = new Set<string>();
    private readonly lineStarts: number[] = [0];
    private readonly taken: ReadonlySet<string>;

    /** `scriptNames`: what the script itself defines or imports; a constant of such a name gets a trailing `_`. */
    constructor(private readonly text: string, private readonly document: DocumentDescription, scriptNames: readonly string[]) {
        for (let i = 0; i < text.length; i++) if (text[i] === '\n') this.lineStarts.push(i + 1);
        this.taken = new Set([...PYTHON_KEYWORDS, ...scriptNames]);
    }

    /** A given argument of a bound call as Python, or undefined when it was not given. */
    argument(call: BoundCall, name: string, type?: ArgType): string | undefined {
        const range = call.valueRanges[name];
        return range ? this.write(this.expression(range), type) : undefined;
    }

    /** The argument as written, or its value (Keras's default) when it was not given. */
    argumentOrValue(call: BoundCall | undefined, name: string, value: Value): string {
        return (call && this.argument(call, name)) ?? formatValue(value);
    }

    /** The Python name of a `.rnn` constant. */
    pythonName(name: string): string {
        return this.taken.has(name) ? `${name}_` : name;
    }

    /** `name = value` for every constant the written values use (and those they use), in the file's order. */
    constantLines(): string[] {
        const lines: string[] = [];
        const constants = this.document.constants;
        // A constant's value may use earlier constants: collect those first, from the last backwards.
        for (let i = constants.length - 1; i >= 0; i--) {
            if (this.used.has(constants[i].name)) this.constantValue(i);
        }
        constants.forEach((constant, i) => {
            if (this.used.has(constant.name)) lines.push(`${this.pythonName(constant.name)} = ${this.constantValue(i)}`);
        });
        return lines;
    }

    private constantValue(index: number): string {
        const { range, nameRange } = this.document.constants[index];
        // `let NAME = VALUE`: the value is what follows the `=` after the name.
        const rest = this.slice({ start: nameRange.end, end: range.end });
        return this.write(this.parse(rest.slice(rest.indexOf('=') + 1)));
    }

    private write(expr: PyExpr, type?: ArgType): string {
        return writeExpression(expr, {
            name: name => {
                if (RNN_WORDS[name]) return RNN_WORDS[name];
                this.used.add(name);
                return this.pythonName(name);
            },
            callee: (call: PyCall) => ({ text: this.qualified(call.callee.text, type) })
        });
    }

    /** `LSTM` → `layers.LSTM`, `Adam` → `keras.optimizers.Adam`; a name Keras does not have is kept as written. */
    private qualified(callee: string, type: ArgType | undefined): string {
        const layer = findKerasLayer(callee);
        if (layer) return kerasLayerPath(layer.kind);
        const module = (type && kerasModuleIn(type, callee)) ?? kerasCallModule(callee);
        return module ? `${module}.${callee}` : callee;
    }

    private expression(range: SourceRange): PyExpr {
        return this.parse(this.slice(range));
    }

    /** Parenthesised, so that a value written over several lines is one Python expression. */
    private parse(source: string): PyExpr {
        const wrapped = parsePythonExpression(`(${source.trim()}\n)`);
        return wrapped.type === 'paren' ? wrapped.inner : wrapped;
    }

    private slice(range: SourceRange): string {
        const offset = (p: SourceRange['start']) => this.lineStarts[p.line] + p.character;
        return this.text.slice(offset(range.start), offset(range.end));
    }
}
