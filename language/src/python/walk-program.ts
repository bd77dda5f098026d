/**
 * The one walk over a Python program's statements that both readers of Keras code share: the
 * Python door (read-models.ts: models for hints, diagnostics and training) and `rnn-lens import`
 * (keras/import-translate.ts: models as `.rnn` text). It runs the code top to bottom as Python
 * would: imports name Keras's classes, assignments bind names (`a, b = 1, 2`; `n += 1` is
 * `n = n + 1`), a `with` block runs where it stands, other blocks make what they assign unknown,
 * and it finds the Sequential models and the calls on them (`model.add(...)`, `model.fit(...)`).
 * What each reader keeps of these is its own: the subclass's methods below.
 */
import { findStatementKind } from '../catalog/statements.js';
import { KerasNames } from '../keras/import-names.js';
import type { PyArg, PyExpr, PyStatement } from '../keras/python-ast.js';

export type PyCallExpr = PyExpr & { readonly type: 'call' };
export type PyBlock = PyStatement & { readonly type: 'block' };

/** A name bound to a Sequential model of the code: the binding kind both readers share. */
export interface ModelBinding<Model> {
    readonly kind: 'model';
    readonly model: Model;
}

/**
 * `Model`: a reader's model; `Binding`: what a name holds for that reader (its model bindings
 * are ModelBinding<Model>); `Place`: where the statements stand (the door's chunk), passed through.
 */
export abstract class ProgramWalker<Model, Binding extends { readonly kind: string }, Place> {
    /** Which Keras class each name of the code stands for, as the imports and definitions so far say. */
    protected readonly names = new KerasNames();

    protected abstract get bindings(): Map<string, Binding>;

    protected walk(statements: readonly PyStatement[], place: Place): void {
        for (const statement of statements) this.statement(statement, place);
    }

    protected statement(statement: PyStatement, place: Place): void {
        this.visit(statement, place);
        switch (statement.type) {
            case 'import':
                this.names.addImports(statement.bindings);
                this.imported(statement, place);
                statement.bindings.forEach(b => this.bindings.delete(b.local));
                return;
            case 'assign':
                for (const target of statement.targets) this.assign(target, statement.value, statement, place);
                return;
            case 'update':
                // `n += 1` is `n = n + 1`.
                if (statement.target.type === 'name') {
                    const value: PyExpr = { ...statement.value, type: 'binary', op: statement.op, left: statement.target, right: statement.value };
                    this.assign(statement.target, value, statement, place);
                }
                return;
            case 'expression':
                if (statement.value.type === 'call') this.call(statement.value, statement, place);
                return;
            case 'block':
                // A `with` block runs once, where it stands.
                if (statement.body) return this.walk(statement.body, place);
                this.names.addDefinitions(statement.names);
                this.block(statement, place);
                // What the block may assign is no longer known afterwards (it may run any number of times).
                [...statement.names, ...statement.assigned].forEach(n => this.bindings.delete(n));
                return;
            case 'other':
                return;
        }
    }

    protected assign(target: PyExpr, value: PyExpr, statement: PyStatement, place: Place): void {
        if (target.type === 'tuple') {
            const values = value.type === 'tuple' && value.items.length === target.items.length ? value.items : undefined;
            target.items.forEach((item, i) => (values ? this.assign(item, values[i], statement, place) : this.unbind(item)));
            return;
        }
        if (target.type !== 'name') return;
        if (value.type === 'call' && this.assignCall(target, value, statement, place)) return;
        this.assignValue(target, value, statement, place);
    }

    /** `model = Sequential(...)`, `history = model.fit(...)`, and what a reader handles first (`assignsElsewhere`). True when handled. */
    private assignCall(target: PyExpr & { type: 'name' }, value: PyCallExpr, statement: PyStatement, place: Place): boolean {
        if (this.assignsElsewhere(target, value, statement, place)) return true;
        const resolved = value.callee.type === 'call' ? undefined : this.names.resolve(value.callee);
        if (resolved?.keras && resolved.name === 'Sequential') {
            this.sequential(target, value, statement, place);
            return true;
        }
        if (this.modelOf(value)) {
            this.call(value, statement, place);
            this.bindings.delete(target.name);
            return true;
        }
        return false;
    }

    /** A call statement: on a model of the code (`model.add(...)`), or anything else. */
    protected call(call: PyCallExpr, statement: PyStatement, place: Place): void {
        const target = this.modelOf(call);
        if (target) this.modelCall(target.model, target.method, call, statement, place);
        else this.otherCall(call, statement, place);
    }

    /** The model and method of `model.method(...)`, when `model` is a Sequential model of the code. */
    protected modelOf(call: PyCallExpr): { model: Model; method: string } | undefined {
        const callee = call.callee;
        if (callee.type !== 'attribute' || callee.object.type !== 'name') return undefined;
        const binding = this.bindings.get(callee.object.name);
        return binding?.kind === 'model' ? { model: (binding as unknown as ModelBinding<Model>).model, method: callee.name } : undefined;
    }

    /** The names of the models bound now. */
    protected boundModels(): Array<[string, Model]> {
        return [...this.bindings].flatMap(([name, b]) => (b.kind === 'model' ? [[name, (b as unknown as ModelBinding<Model>).model] as [string, Model]] : []));
    }

    protected unbind(target: PyExpr): void {
        if (target.type === 'name') this.bindings.delete(target.name);
        if (target.type === 'tuple') target.items.forEach(item => this.unbind(item));
    }

    /** Every statement, nested ones of `with` blocks included, before it is read. */
    protected visit(_statement: PyStatement, _place: Place): void {}

    /** After an import's names are known. */
    protected imported(_statement: PyStatement & { type: 'import' }, _place: Place): void {}

    /** An assignment a reader takes before the model calls (import: functional-API lines). True when taken. */
    protected assignsElsewhere(_target: PyExpr & { type: 'name' }, _value: PyCallExpr, _statement: PyStatement, _place: Place): boolean {
        return false;
    }

    /** `name = value` that is no model: a constant, a Keras call kept by name, or unknown (unbind). */
    protected abstract assignValue(target: PyExpr & { type: 'name' }, value: PyExpr, statement: PyStatement, place: Place): void;

    /** `name = Sequential(...)`: the reader makes its model and binds it. */
    protected abstract sequential(target: PyExpr & { type: 'name' }, call: PyCallExpr, statement: PyStatement, place: Place): void;

    /** `model.method(...)` on a model of the code. */
    protected abstract modelCall(model: Model, method: string, call: PyCallExpr, statement: PyStatement, place: Place): void;

    /** A call statement on no model of the code. */
    protected abstract otherCall(call: PyCallExpr, statement: PyStatement, place: Place): void;

    /** A block other than `with` (def, class, if, for ...), its definitions known, before what it assigns is unbound. */
    protected abstract block(statement: PyBlock, place: Place): void;
}

/** `Sequential(name="...")`'s name, when it is a plain identifier. */
export function sequentialName(call: PyCallExpr): string | undefined {
    const nameArg = call.args.find(a => a.keyword === 'name')?.value;
    return nameArg?.type === 'string' && /^[A-Za-z_]\w*$/.test(nameArg.value) ? nameArg.value : undefined;
}

/** The layer list of a Sequential(...) argument (`Sequential([...])`, `layers=[...]`), or undefined for another argument. */
export function sequentialLayers(call: PyCallExpr, index: number): readonly PyExpr[] | undefined {
    const arg = call.args[index];
    const list = arg.keyword === 'layers' || (index === 0 && !arg.keyword && !arg.star);
    return list && (arg.value.type === 'list' || arg.value.type === 'tuple') ? arg.value.items : undefined;
}

/** An argument of `model.compile(...)`/`model.fit(...)` with the keyword Keras gives it. */
export interface StatementArgument {
    readonly arg: PyArg;
    /** Its keyword, a positional one's by its place in Keras's signature; undefined for `*args`/`**kwargs` and extra positionals. */
    readonly keyword?: string;
    /** x, y, validation_data: the data, which `data(...)` gives in RNN Lens. */
    readonly data: boolean;
}

export function statementArguments(name: 'compile' | 'fit', call: PyCallExpr): StatementArgument[] {
    const kind = findStatementKind(name)!;
    const positional = kind.keras?.positional ?? kind.args.map(a => a.name);
    const dataArgs = new Set(kind.keras?.dataArgs ?? []);
    return call.args.map((arg, i) => {
        const keyword = arg.keyword ?? (arg.star ? undefined : positional[i]);
        return { arg, ...(keyword === undefined ? {} : { keyword }), data: keyword !== undefined && dataArgs.has(keyword) };
    });
}
