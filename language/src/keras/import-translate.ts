/**
 * Reads a Python module from top to bottom as Python would run it, keeping what a `.rnn` file
 * can hold: module-level constants (`let`), Sequential models with their layers, compile and fit.
 * Constants are followed through reassignment (a new value gets a new, numbered `let`); a name
 * bound to a Keras call (`es = EarlyStopping(...)`) is written out where it is used.
 */
import { findKerasLayer } from '../catalog/keras-form.js';
import { addLayer, setStatement, type BodyLine, type ModelItem, type ModelTranslator, type Report } from './import-models.js';
import { ValueTranslator, type LetItem } from './import-values.js';
import type { PyBinding } from '../python/python-syntax.js';
import type { PyExpr, PyStatement } from './python-ast.js';
import { isReservedRnnWord, uniqueName } from './rnn-names.js';
import { ProgramWalker, sequentialLayers, sequentialName, type PyBlock, type PyCallExpr } from '../python/walk-program.js';

export type ImportItem = LetItem | ModelItem | { readonly kind: 'comment'; readonly lines: readonly string[] };

/** Model methods that read or run a model without changing what it is. */
const READ_ONLY_METHODS = new Set([
    'summary', 'evaluate', 'predict', 'predict_on_batch', 'save', 'save_weights', 'load_weights', 'to_json',
    'get_config', 'count_params', 'get_layer', 'get_weights', 'export'
]);

export class ImportTranslator extends ProgramWalker<ModelItem, PyBinding<ModelItem>, undefined> {
    readonly items: ImportItem[] = [];
    private readonly values: ModelTranslator;
    private readonly letNames = new Set<string>();

    /** `source`: the text the statements were parsed from. */
    constructor(private readonly report: Report, source: string) {
        super();
        this.values = new ValueTranslator<ModelItem>(this.names, source);
    }

    run(statements: readonly PyStatement[]): void {
        this.walk(statements, undefined);
    }

    protected get bindings() {
        return this.values.bindings;
    }

    /** Blocks other than `with` (def, class, if, for ...) are kept as comments when they touch a model. */
    protected block(statement: PyBlock): void {
        const ids = statement.identifiers;
        const unbound = new Set([...statement.names, ...statement.assigned]);
        const models = this.boundModels().map(([n]) => n).filter(n => !unbound.has(n));
        const changesModel = ['add', 'compile', 'fit', 'build', 'pop'].some(method => ids.has(method));
        const touchesModel = ids.has('Sequential') || ids.has('Model') || ids.has('Layer')
            || [...ids].some(id => findKerasLayer(id) !== undefined) || models.some(m => ids.has(m) && changesModel);
        if (!touchesModel) return;
        const what = statement.keyword === 'class' ? `the class ${statement.names[0] ?? ''} (a custom layer or model)` : `this ${statement.keyword} block`;
        this.comment(statement.line, `${what} builds or changes a Keras model inside a block; RNN Lens reads Sequential models built at the top level of the code`, statement.text);
    }

    protected assignValue(target: PyExpr & { type: 'name' }, value: PyExpr): void {
        const name = target.name;
        const translation = this.values.translate(value);
        if (!translation.ok) return this.unbind(target);
        if (translation.hasCall) {
            this.values.bindings.set(name, { kind: 'expr', expr: translation.record });
            return;
        }
        this.values.bindings.set(name, { kind: 'named', name: this.letFor(name, translation.text, translation.refs).name });
    }

    /** Functional-API lines are a comment: RNN Lens reads Sequential models. */
    protected override assignsElsewhere(target: PyExpr & { type: 'name' }, value: PyCallExpr, statement: PyStatement): boolean {
        const resolved = value.callee.type === 'call' ? undefined : this.names.resolve(value.callee);
        if (value.callee.type !== 'call' && !(resolved?.keras && ['Model', 'Functional', 'Input', 'InputLayer'].includes(resolved.name))) return false;
        this.values.bindings.delete(target.name);
        this.comment(statement.line, 'functional-API code (layers applied to tensors, keras.Model(inputs, outputs)) is not translated; RNN Lens reads Sequential models', statement.text);
        return true;
    }

    protected sequential(target: PyExpr & { type: 'name' }, call: PyCallExpr, statement: PyStatement): void {
        const named = sequentialName(call);
        const explicit = named !== undefined && !isReservedRnnWord(named) ? named : undefined;
        const model: ModelItem = { kind: 'model', pyName: target.name, ...(explicit ? { explicitName: explicit } : {}), layers: [], statements: {}, refs: new Set() };
        this.items.push(model);
        this.values.bindings.set(target.name, { kind: 'model', model });
        call.args.forEach((arg, i) => {
            if (arg.keyword === 'name') return;
            const items = sequentialLayers(call, i);
            if (items) {
                items.forEach(item => addLayer(model, item, this.values, this.report));
                return;
            }
            const written = arg.keyword ? `${arg.keyword}=${arg.value.text}` : arg.value.text;
            model.layers.push(this.commentLine(statement.line, `Sequential(${written}) is not translated: RNN Lens reads the layers from a list written in the code`, written));
        });
    }

    /** `x.add(Layer(...))` on what is no model of the code is said; other calls are not about models. */
    protected otherCall(call: PyCallExpr, statement: PyStatement): void {
        const callee = call.callee;
        if (callee.type === 'attribute' && callee.name === 'add' && call.args[0]?.value.type === 'call' && this.isLayerCall(call.args[0].value)) {
            this.comment(statement.line, `${callee.object.text}.add(...) adds a layer to ${callee.object.text}, which is not a Sequential model created before it in the code`, statement.text);
        }
    }

    /** `model.add(...)`, `model.compile(...)`, `model.fit(...)`, `model.build(...)`. */
    protected modelCall(model: ModelItem, method: string, call: PyCallExpr, statement: PyStatement): void {
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

    private isLayerCall(call: PyCallExpr): boolean {
        const resolved = call.callee.type === 'call' ? undefined : this.names.resolve(call.callee);
        return resolved !== undefined && findKerasLayer(resolved.name) !== undefined;
    }

    /** The `let` of a constant: the same one again when the variable is given the value it had before. */
    private letFor(pyName: string, text: string, refs: readonly LetItem[]): LetItem {
        const same = this.items.find((item): item is LetItem => item.kind === 'let' && item.pyName === pyName && item.text === text);
        if (same) return same;
        const item: LetItem = { kind: 'let', pyName, name: uniqueName(pyName, this.letNames, 2), text, refs };
        this.letNames.add(item.name);
        this.values.addLet(item);
        this.items.push(item);
        return item;
    }

    private comment(line: number, message: string, code: string): void {
        this.items.push({ kind: 'comment', lines: this.report(line, message, code) });
    }

    private commentLine(line: number, message: string, code: string): BodyLine {
        return { comment: this.report(line, message, code) };
    }
}
