/**
 * Reads a Python module from top to bottom as Python would run it, keeping what a `.rnn` file
 * can hold: module-level constants (`let`), Sequential models with their layers, compile and fit.
 * Constants are followed through reassignment (a new value gets a new, numbered `let`); a name
 * bound to a Keras call (`es = EarlyStopping(...)`) is written out where it is used.
 */
import { findKerasLayer } from '../catalog/keras-form.js';
import { KerasNames } from './import-names.js';
import { addLayer, setStatement, type BodyLine, type ModelItem, type ModelTranslator, type Report } from './import-models.js';
import { ValueTranslator, type LetItem } from './import-values.js';
import type { PyExpr, PyStatement } from './python-ast.js';
import { isReservedRnnWord, uniqueName } from './rnn-names.js';

export type ImportItem = LetItem | ModelItem | { readonly kind: 'comment'; readonly lines: readonly string[] };

/** Model methods that read or run a model without changing what it is. */
const READ_ONLY_METHODS = new Set([
    'summary', 'evaluate', 'predict', 'predict_on_batch', 'save', 'save_weights', 'load_weights', 'to_json',
    'get_config', 'count_params', 'get_layer', 'get_weights', 'export'
]);

export class ImportTranslator {
    readonly items: ImportItem[] = [];
    private readonly names = new KerasNames();
    private readonly values: ModelTranslator = new ValueTranslator<ModelItem>(this.names);
    private readonly letNames = new Set<string>();

    constructor(private readonly report: Report) {}

    run(statements: readonly PyStatement[]): void {
        for (const statement of statements) this.statement(statement);
    }

    private statement(statement: PyStatement): void {
        switch (statement.type) {
            case 'import':
                this.names.addImports(statement.bindings);
                statement.bindings.forEach(b => this.values.bindings.delete(b.local));
                return;
            case 'assign':
                for (const target of statement.targets) this.assign(target, statement.value, statement);
                return;
            case 'update':
                // `n += 1` is `n = n + 1`.
                if (statement.target.type === 'name') {
                    const value: PyExpr = { ...statement.value, type: 'binary', op: statement.op, left: statement.target, right: statement.value };
                    this.assign(statement.target, value, statement);
                }
                return;
            case 'expression':
                if (statement.value.type === 'call') this.call(statement.value, statement);
                return;
            case 'block':
                return this.block(statement);
            case 'other':
                return;
        }
    }

    /** A `with` block runs where it stands; other blocks (def, class, if, for ...) are kept as comments when they touch a model. */
    private block(statement: PyStatement & { type: 'block' }): void {
        if (statement.body) return this.run(statement.body);
        this.names.addDefinitions(statement.names);
        // What the block may assign is no longer known afterwards (it may run any number of times).
        [...statement.names, ...statement.assigned].forEach(n => this.values.bindings.delete(n));
        const ids = statement.identifiers;
        const models = [...this.values.bindings].filter(([, b]) => b.kind === 'model').map(([n]) => n);
        const changesModel = ['add', 'compile', 'fit', 'build', 'pop'].some(method => ids.has(method));
        const touchesModel = ids.has('Sequential') || ids.has('Model') || ids.has('Layer')
            || [...ids].some(id => findKerasLayer(id) !== undefined) || models.some(m => ids.has(m) && changesModel);
        if (!touchesModel) return;
        const what = statement.keyword === 'class' ? `the class ${statement.names[0] ?? ''} (a custom layer or model)` : `this ${statement.keyword} block`;
        this.comment(statement.line, `${what} builds or changes a Keras model inside a block; RNN Lens reads Sequential models built at the top level of the code`, statement.text);
    }

    private assign(target: PyExpr, value: PyExpr, statement: PyStatement): void {
        if (target.type === 'tuple') {
            const values = value.type === 'tuple' && value.items.length === target.items.length ? value.items : undefined;
            target.items.forEach((item, i) => (values ? this.assign(item, values[i], statement) : this.unbind(item)));
            return;
        }
        if (target.type !== 'name') return;
        const name = target.name;
        if (value.type === 'call' && this.assignCall(name, value, statement)) return;
        const translation = this.values.translate(value);
        if (!translation.ok) return this.unbind(target);
        if (translation.hasCall) {
            this.values.bindings.set(name, { kind: 'value', translation });
            return;
        }
        this.values.bindings.set(name, { kind: 'let', item: this.letFor(name, translation.text, translation.refs) });
    }

    /** `model = Sequential(...)`, `history = model.fit(...)`, functional-API lines. True when handled. */
    private assignCall(name: string, value: PyExpr & { type: 'call' }, statement: PyStatement): boolean {
        const resolved = value.callee.type === 'call' ? undefined : this.names.resolve(value.callee);
        if (value.callee.type === 'call' || (resolved?.keras && ['Model', 'Functional', 'Input', 'InputLayer'].includes(resolved.name))) {
            this.values.bindings.delete(name);
            this.comment(statement.line, 'functional-API code (layers applied to tensors, keras.Model(inputs, outputs)) is not translated; RNN Lens reads Sequential models', statement.text);
            return true;
        }
        if (resolved?.keras && resolved.name === 'Sequential') {
            this.sequential(name, value, statement);
            return true;
        }
        if (this.modelOf(value)) {
            this.call(value, statement);
            this.values.bindings.delete(name);
            return true;
        }
        return false;
    }

    private sequential(name: string, call: PyExpr & { type: 'call' }, statement: PyStatement): void {
        const nameArg = call.args.find(a => a.keyword === 'name')?.value;
        const explicit = nameArg?.type === 'string' && /^[A-Za-z_]\w*$/.test(nameArg.value) && !isReservedRnnWord(nameArg.value) ? nameArg.value : undefined;
        const model: ModelItem = { kind: 'model', pyName: name, ...(explicit ? { explicitName: explicit } : {}), layers: [], statements: {}, refs: new Set() };
        this.items.push(model);
        this.values.bindings.set(name, { kind: 'model', model });
        call.args.forEach((arg, i) => {
            if (arg.keyword === 'name') return;
            if ((arg.keyword === 'layers' || (i === 0 && !arg.keyword && !arg.star)) && (arg.value.type === 'list' || arg.value.type === 'tuple')) {
                arg.value.items.forEach(item => addLayer(model, item, this.values, this.report));
                return;
            }
            const written = arg.keyword ? `${arg.keyword}=${arg.value.text}` : arg.value.text;
            model.layers.push(this.commentLine(statement.line, `Sequential(${written}) is not translated: RNN Lens reads the layers from a list written in the code`, written));
        });
    }

    /** `model.add(...)`, `model.compile(...)`, `model.fit(...)`, `model.build(...)`; other calls are not about models. */
    private call(call: PyExpr & { type: 'call' }, statement: PyStatement): void {
        const target = this.modelOf(call);
        if (!target) {
            const callee = call.callee;
            if (callee.type === 'attribute' && callee.name === 'add' && call.args[0]?.value.type === 'call' && this.isLayerCall(call.args[0].value)) {
                this.comment(statement.line, `${callee.object.text}.add(...) adds a layer to ${callee.object.text}, which is not a Sequential model created before it in the code`, statement.text);
            }
            return;
        }
        const { model, method } = target;
        const argument = (keyword: string) => call.args.find(a => (!a.keyword && !a.star) || a.keyword === keyword)?.value;
        const layer = argument('layer');
        if (method === 'add' && layer) return addLayer(model, layer, this.values, this.report);
        if (method === 'compile' || method === 'fit') return setStatement(model, method, call, this.values, this.report);
        const built = argument('input_shape');
        if (method === 'build' && built) {
            // model.build((None, 21, 9)): the batch shape, as Input(batch_shape=...) declares it.
            const shape = this.values.translate(built);
            if (shape.ok) {
                model.layers.unshift({ call: `Input(batch_shape=${shape.text})` });
                shape.refs.forEach(r => model.refs.add(r));
                return;
            }
        }
        if (READ_ONLY_METHODS.has(method)) return;
        model.layers.push(this.commentLine(statement.line, `${model.pyName}.${method}(...) is not translated: RNN Lens reads add, compile, fit and build`, statement.text));
    }

    /** The model and method of `model.method(...)`, when `model` is a Sequential model of the code. */
    private modelOf(call: PyExpr & { type: 'call' }): { model: ModelItem; method: string } | undefined {
        const callee = call.callee;
        if (callee.type !== 'attribute' || callee.object.type !== 'name') return undefined;
        const binding = this.values.bindings.get(callee.object.name);
        return binding?.kind === 'model' ? { model: binding.model, method: callee.name } : undefined;
    }

    private isLayerCall(call: PyExpr & { type: 'call' }): boolean {
        const resolved = call.callee.type === 'call' ? undefined : this.names.resolve(call.callee);
        return resolved !== undefined && findKerasLayer(resolved.name) !== undefined;
    }

    /** The `let` of a constant: the same one again when the variable is given the value it had before. */
    private letFor(pyName: string, text: string, refs: readonly LetItem[]): LetItem {
        const same = this.items.find((item): item is LetItem => item.kind === 'let' && item.pyName === pyName && item.text === text);
        if (same) return same;
        const item: LetItem = { kind: 'let', pyName, name: uniqueName(pyName, this.letNames, 2), text, refs };
        this.letNames.add(item.name);
        this.items.push(item);
        return item;
    }

    private unbind(target: PyExpr): void {
        if (target.type === 'name') this.values.bindings.delete(target.name);
        if (target.type === 'tuple') target.items.forEach(item => this.unbind(item));
    }

    private comment(line: number, message: string, code: string): void {
        this.items.push({ kind: 'comment', lines: this.report(line, message, code) });
    }

    private commentLine(line: number, message: string, code: string): BodyLine {
        return { comment: this.report(line, message, code) };
    }
}
