/**
 * Python expressions → `.rnn` expressions. What the `.rnn` language can say (numbers, strings,
 * True/False/None, tuples, lists, `+ - * / // %`, constants, Keras calls) is written out with
 * the constants kept by name; anything computed at run time (`X.shape[1]`, `len(df)`, a custom
 * class) is refused with the reason, for a comment and a warning.
 */
import { kerasCallee } from '../python/keras-callee.js';
import type { KerasNames } from './import-names.js';
import type { PyArg, PyExpr } from './python-ast.js';
import { Untranslatable, writeArgument, writeExpression, type PyCall, type WriteHooks } from './python-write.js';

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
    | { readonly ok: true; readonly text: string; readonly refs: readonly LetItem[]; readonly hasCall: boolean }
    | { readonly ok: false; readonly why: string };

/** What a Python name holds at this point of the code, as far as the import can tell. */
export type Binding<Model> =
    | { readonly kind: 'let'; readonly item: LetItem }
    /** A call kept to be written where the name is used: `es = EarlyStopping(...)`, `opt = Adam(...)`. */
    | { readonly kind: 'value'; readonly translation: Translation & { ok: true } }
    | { readonly kind: 'model'; readonly model: Model };

export class ValueTranslator<Model> {
    readonly bindings = new Map<string, Binding<Model>>();
    /** What the expression being written uses: filled by the hooks. */
    private refs: LetItem[] = [];
    private hasCall = false;
    private readonly hooks: WriteHooks = {
        name: name => this.name(name),
        callee: call => this.callee(call)
    };

    constructor(readonly names: KerasNames) {}

    translate(expr: PyExpr): Translation {
        return this.attempt(() => writeExpression(expr, this.hooks));
    }

    /** One argument, `keyword=value` or a positional value; `renames` rewrites the keyword (InputLayer's input_shape → shape). */
    argument(arg: PyArg, renames: Readonly<Record<string, string>> = {}): Translation {
        return this.attempt(() => writeArgument(arg, this.hooks, renames));
    }

    private attempt(write: () => string): Translation {
        this.refs = [];
        this.hasCall = false;
        try {
            const text = write();
            return { ok: true, text, refs: this.refs, hasCall: this.hasCall };
        } catch (error) {
            if (error instanceof Untranslatable) return { ok: false, why: error.message };
            throw error;
        }
    }

    private name(name: string): string {
        const binding = this.bindings.get(name);
        if (binding?.kind === 'let') {
            this.refs.push(binding.item);
            return binding.item.name;
        }
        if (binding?.kind === 'value') {
            this.refs.push(...binding.translation.refs);
            this.hasCall = true;
            return binding.translation.text;
        }
        throw new Untranslatable(binding?.kind === 'model'
            ? `${name} is a model, not a value`
            : `${name} is not a constant of the code (it is computed when the code runs, or defined elsewhere)`);
    }

    /** A Keras class by its catalog name (`keras.layers.MaxPool1D` → MaxPooling1D); what is not Keras's is refused. */
    private callee(call: PyCall): { text: string; renames?: Readonly<Record<string, string>> } {
        const callee = kerasCallee(this.names, call.callee);
        if (callee.kind === 'functional') throw new Untranslatable(`${call.text} applies a layer to a tensor (the functional API)`);
        if (callee.kind !== 'layer' && callee.kind !== 'class') {
            throw new Untranslatable(`${call.callee.text}(...) is not a Keras class RNN Lens can read (a custom class, or computed when the code runs)`);
        }
        this.hasCall = true;
        return { text: callee.name, ...(callee.kind === 'layer' ? { renames: callee.renames } : {}) };
    }
}
