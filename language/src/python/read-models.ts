/**
 * Reads a Python program from top to bottom as Python would run it, keeping what a model
 * description is made of: module-level constants, Sequential models with their layers
 * (`Sequential([...])`, `model.add(...)`, `model.build(...)`), compile and fit. Where the code
 * does something the door cannot follow (a layer added in a loop or by a function of the code,
 * a custom layer), the model gets an unknown layer there and the reason, for one note.
 */
import { findKerasLayer } from '../catalog/keras-form.js';
import { findStatementKind } from '../catalog/statements.js';
import { KerasNames } from '../keras/import-names.js';
import type { PyExpr, PyStatement } from '../keras/python-ast.js';
import { evaluate } from '../model/evaluate.js';
import type { Position, SourceRange } from '../model/source.js';
import type { LayerInsertion, SyntaxModelCall } from '../model/syntax.js';
import type { Value } from '../model/values.js';
import { KERAS_LAYER_CLASSES } from './keras-layer-classes.js';
import { withoutKerasBeyondCatalog } from './keras-training-names.js';
import { KerasVersionReader } from './keras-version.js';
import { hasOpaque, PythonSyntax, short, type Place } from './python-syntax.js';
import { suggest } from '../model/suggest.js';
import { findLayerKind, layerKindNames } from '../catalog/index.js';

export interface PyModel {
    /** The Python variable. */
    readonly pyName: string;
    /** `Sequential(name="...")`, when it is a plain identifier. */
    readonly explicitName?: string;
    readonly nameRange: SourceRange;
    readonly start: Position;
    end: Position;
    readonly layers: SyntaxModelCall[];
    /** `model.build((None, steps, features))`, as `Input(batch_shape=...)`. */
    input?: SyntaxModelCall;
    compile?: SyntaxModelCall;
    fit?: SyntaxModelCall;
    /** The first place the door could not follow the model, and why. */
    stop?: { readonly range: SourceRange; readonly why: string };
}

export interface PyConstant {
    readonly name: string;
    readonly value: Value;
    readonly range: SourceRange;
    readonly nameRange: SourceRange;
}

/** The kind of the unknown layer that stands where the door stopped following a model. */
export const NOT_FOLLOWED = '(not followed)';

/** Model methods that only read or run a model. */
const READ_ONLY = new Set(['summary', 'evaluate', 'predict', 'predict_on_batch', 'save', 'save_weights', 'load_weights', 'to_json',
    'get_config', 'count_params', 'get_layer', 'get_weights', 'export', 'fit_generator', 'train_on_batch', 'test_on_batch', 'reset_states']);
/** Methods that change the stack in ways the door does not follow. */
const CHANGING = new Set(['add', 'pop', 'build']);

export class ModelReader {
    readonly models: PyModel[] = [];
    readonly constants: PyConstant[] = [];
    readonly version = new KerasVersionReader();
    private readonly names = new KerasNames();
    private readonly syntax = new PythonSyntax<PyModel>(this.names, new Map());
    /** Functions and classes the code defines: calling one with a model may change it. */
    private readonly defined = new Set<string>();

    statements(statements: readonly PyStatement[], place: Place, broken: boolean, text: string): void {
        if (broken) return this.broken(text);
        for (const statement of statements) this.statement(statement, place);
    }

    /** A chunk that does not parse: whatever it assigns is no longer known. */
    private broken(text: string): void {
        for (const [name] of this.bindings) {
            if (new RegExp(`(^|[^\\w.])${name}\\s*(=[^=]|\\+=|-=|\\*=)`).test(text)) this.bindings.delete(name);
        }
    }

    private get bindings() {
        return this.syntax.bindings;
    }

    private statement(statement: PyStatement, place: Place): void {
        this.version.statement(statement, this.syntax.range(place, statement));
        switch (statement.type) {
            case 'import':
                this.names.addImports(statement.bindings);
                this.syntax.namesChanged(statement.text);
                statement.bindings.forEach(b => this.bindings.delete(b.local));
                return;
            case 'assign':
                for (const target of statement.targets) this.assign(target, statement.value, statement, place);
                return;
            case 'update':
                if (statement.target.type === 'name') {
                    const value: PyExpr = { ...statement.value, type: 'binary', op: statement.op, left: statement.target, right: statement.value };
                    this.assign(statement.target, value, statement, place);
                }
                return;
            case 'expression':
                if (statement.value.type === 'call') this.call(statement.value, statement, place);
                return;
            case 'block':
                return this.block(statement, place);
            case 'other':
                return;
        }
    }

    private block(statement: PyStatement & { type: 'block' }, place: Place): void {
        if (statement.body) {
            for (const inner of statement.body) this.statement(inner, place);
            return;
        }
        this.names.addDefinitions(statement.names);
        if (statement.names.length > 0) this.syntax.namesChanged(statement.names.join(','));
        if (statement.keyword === 'def' || statement.keyword === 'class') statement.names.forEach(n => this.defined.add(n));
        const ids = statement.identifiers;
        const changes = [...CHANGING].some(m => ids.has(m));
        for (const [name, binding] of this.bindings) {
            if (binding.kind !== 'model') continue;
            if (statement.assigned.has(name)) this.bindings.delete(name);
            else if (changes && ids.has(name) && statement.keyword !== 'def' && statement.keyword !== 'class') {
                this.unfollowed(binding.model, statement, place, `a ${statement.keyword} block changes it`);
            }
        }
        [...statement.names, ...statement.assigned].forEach(n => this.bindings.delete(n));
    }

    private assign(target: PyExpr, value: PyExpr, statement: PyStatement, place: Place): void {
        if (target.type === 'tuple') {
            const values = value.type === 'tuple' && value.items.length === target.items.length ? value.items : undefined;
            target.items.forEach((item, i) => (values ? this.assign(item, values[i], statement, place) : this.unbind(item)));
            return;
        }
        if (target.type !== 'name') return;
        const name = target.name;
        if (value.type === 'call' && this.assignCall(target, value, statement, place)) return;
        const syntax = this.syntax.memo(value, place, '', () => this.syntax.expression(value, place));
        if (syntax.kind === 'call') {
            this.bindings.set(name, { kind: 'call', expr: syntax });
            return;
        }
        let known = true;
        const evaluated = hasOpaque(syntax) ? undefined : evaluate(syntax, { constants: new Map(), allConstants: new Map(), report: () => undefined, unknown: () => { known = false; } });
        if (evaluated === undefined || !known) return this.unbind(target);
        this.bindings.set(name, { kind: 'value', value: evaluated });
        this.constants.push({ name, value: evaluated, range: this.syntax.range(place, statement), nameRange: this.syntax.range(place, target) });
    }

    /** `model = Sequential(...)`, `history = model.fit(...)`, functional-API lines. True when handled. */
    private assignCall(target: PyExpr & { type: 'name' }, value: PyExpr & { type: 'call' }, statement: PyStatement, place: Place): boolean {
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

    private sequential(target: PyExpr & { type: 'name' }, call: PyExpr & { type: 'call' }, statement: PyStatement, place: Place): void {
        const nameArg = call.args.find(a => a.keyword === 'name')?.value;
        const explicit = nameArg?.type === 'string' && /^[A-Za-z_]\w*$/.test(nameArg.value) ? nameArg.value : undefined;
        const range = this.syntax.range(place, statement);
        const model: PyModel = {
            pyName: target.name, ...(explicit ? { explicitName: explicit } : {}),
            nameRange: this.syntax.range(place, target), start: range.start, end: range.end, layers: []
        };
        this.models.push(model);
        this.bindings.set(target.name, { kind: 'model', model });
        call.args.forEach((arg, i) => {
            if (arg.keyword === 'name' || arg.keyword === 'trainable') return;
            const list = (arg.keyword === 'layers' || (i === 0 && !arg.keyword && !arg.star)) && (arg.value.type === 'list' || arg.value.type === 'tuple') ? arg.value : undefined;
            if (!list) {
                this.stop(model, this.syntax.range(place, arg), `Sequential(${short(arg.value.text)}) takes layers RNN Lens cannot read`, true);
                return;
            }
            list.items.forEach((item, index) => {
                const next = list.items[index + 1];
                const insertion: LayerInsertion = {
                    at: this.syntax.range(place, item).start,
                    prefix: '',
                    suffix: next && next.line !== item.line ? `,\n${' '.repeat(this.syntax.range(place, item).start.character)}` : ', '
                };
                this.addLayer(model, item, place, insertion);
            });
        });
    }

    /** `model.add(...)`, `model.compile(...)`, `model.fit(...)`, `model.build(...)`; a model passed to a function of the code. */
    private call(call: PyExpr & { type: 'call' }, statement: PyStatement, place: Place): void {
        const target = this.modelOf(call);
        if (!target) return this.passedModel(call, place);
        const { model, method } = target;
        const range = this.syntax.range(place, statement);
        model.end = range.end;
        const first = call.args.find(a => !a.keyword && !a.star)?.value;
        if (method === 'add') {
            const layer = first ?? call.args.find(a => a.keyword === 'layer')?.value;
            const insertion: LayerInsertion = { at: range.start, prefix: `${model.pyName}.add(`, suffix: `)\n${' '.repeat(range.start.character)}` };
            if (layer) this.addLayer(model, layer, place, insertion);
            else this.unfollowed(model, call, place, `${short(call.text)} adds no layer RNN Lens can read`);
            return;
        }
        if (method === 'compile' || method === 'fit') {
            model[method] = this.statementCall(method, call, place);
            return;
        }
        if (method === 'build') {
            const shape = first ?? call.args.find(a => a.keyword === 'input_shape')?.value;
            // A model whose first layer gives its input is built already: Keras keeps that input (and refuses a build that disagrees).
            if (!shape || givesInput(model.layers[0])) return;
            const calleeRange = call.callee.type === 'attribute' ? this.syntax.range(place, { from: call.callee.nameFrom, to: call.callee.to }) : this.syntax.range(place, call);
            model.input = this.syntax.memo(call, place, 'build', (): SyntaxModelCall => {
                const value = this.syntax.expression(shape, place);
                return { callee: 'Input', calleeRange, range: this.syntax.range(place, call), args: [{ keyword: 'batch_shape', range: value.range, value }], trailingComma: false };
            });
            return;
        }
        if (method === 'pop') {
            this.unfollowed(model, call, place, `${model.pyName}.pop() removes a layer`);
            return;
        }
        if (!READ_ONLY.has(method) && CHANGING.has(method)) this.unfollowed(model, call, place, `${short(call.text)} changes it`);
    }

    /** `add_block(model)`: a function of the code may add layers to the model it is given. */
    private passedModel(call: PyExpr & { type: 'call' }, place: Place): void {
        const callee = call.callee.type === 'name' ? call.callee.name : undefined;
        if (!callee || !this.defined.has(callee)) return;
        for (const arg of call.args) {
            const binding = arg.value.type === 'name' ? this.bindings.get(arg.value.name) : undefined;
            if (binding?.kind === 'model') this.unfollowed(binding.model, call, place, `${callee}(...), a function of the code, may add layers`);
        }
    }

    private addLayer(model: PyModel, expr: PyExpr, place: Place, written: LayerInsertion): void {
        // A layer put before this one is written the way this one is: `layers.Input(...)` beside `layers.LSTM(...)`.
        const module = expr.type === 'call' && expr.callee.type === 'attribute' ? `${expr.callee.object.text}.` : '';
        const insertion: LayerInsertion = { ...written, prefix: written.prefix + module };
        if (expr.type === 'name') {
            const binding = this.bindings.get(expr.name);
            // A layer made earlier (`sn = layers.SpectralNormalization(...)`): read as the call itself would be.
            const bound = binding?.kind === 'call' ? binding.expr.call : undefined;
            if (bound && !findLayerKind(bound.callee) && !misspeltLayer(bound.callee)) {
                return this.unfollowed(model, expr, place, `${expr.name} is a ${bound.callee}, not a layer RNN Lens knows`);
            }
            if (bound) {
                model.layers.push({ ...bound, insertion });
                return;
            }
            return this.unfollowed(model, expr, place, `${expr.name} is a layer made when the code runs`);
        }
        if (expr.type !== 'call') return this.unfollowed(model, expr, place, `${short(expr.text)} is not a layer call RNN Lens can read`);
        const resolved = expr.callee.type === 'call' ? undefined : this.names.resolve(expr.callee);
        const known = resolved?.keras ? findKerasLayer(resolved.name) : undefined;
        if (!known) {
            // A misspelt Keras layer is reported (did you mean); a real Keras or custom layer outside the catalog is not followed.
            if (!resolved?.keras || !misspeltLayer(resolved.name)) return this.unfollowed(model, expr, place, `${short(expr.callee.text)} is not a layer RNN Lens knows`);
        }
        const call = this.syntax.memo(expr, place, `${JSON.stringify(insertion)}:${known ? '' : resolved!.name}`, () => {
            const read = this.syntax.call(expr, place, known ? undefined : resolved!.name);
            return 'why' in read ? read : { ...read, insertion };
        });
        if ('why' in call) return this.unfollowed(model, expr, place, call.why);
        model.layers.push(call);
    }

    /** compile(...) / fit(...): by keyword; the data arguments and what only running tells are left out (they do not change the model). */
    private statementCall(name: 'compile' | 'fit', call: PyExpr & { type: 'call' }, place: Place): SyntaxModelCall {
        return this.syntax.memo(call, place, name, () => this.readStatementCall(name, call, place));
    }

    private readStatementCall(name: 'compile' | 'fit', call: PyExpr & { type: 'call' }, place: Place): SyntaxModelCall {
        const kind = findStatementKind(name)!;
        const positional = kind.keras?.positional ?? kind.args.map(a => a.name);
        const dataArgs = new Set(kind.keras?.dataArgs ?? []);
        const calleeRange = call.callee.type === 'attribute' ? this.syntax.range(place, { from: call.callee.nameFrom, to: call.callee.to }) : this.syntax.range(place, call);
        const args = call.args
            .filter(arg => !arg.star)
            .map((arg, i) => this.syntax.argument(arg.keyword === undefined && positional[i] ? { ...arg, keyword: positional[i], keywordFrom: arg.from } : arg, place))
            .flatMap(arg => {
                const spec = kind.args.find(a => a.name === arg.keyword);
                if (!spec || dataArgs.has(spec.name) || hasOpaque(arg.value)) return [];
                if (!arg.value) return [arg];
                // What Keras takes and RNN Lens does not train with (`optimizer=Muon()`) is left unread, as a value known only at run time.
                const value = withoutKerasBeyondCatalog(arg.value, spec.type);
                return value ? [{ ...arg, value }] : [];
            });
        return {
            callee: name, calleeRange, range: this.syntax.range(place, call), args,
            ...(call.closeParen === undefined ? {} : { closeParen: this.syntax.range(place, { from: call.closeParen, to: call.closeParen }).start }),
            trailingComma: call.trailingComma
        };
    }

    /** The model and method of `model.method(...)`, when `model` is a Sequential model of the code. */
    private modelOf(call: PyExpr & { type: 'call' }): { model: PyModel; method: string } | undefined {
        const callee = call.callee;
        if (callee.type !== 'attribute' || callee.object.type !== 'name') return undefined;
        const binding = this.bindings.get(callee.object.name);
        return binding?.kind === 'model' ? { model: binding.model, method: callee.name } : undefined;
    }

    /** An unknown layer in the stack where the door cannot follow: the shapes after it are not known. */
    private unfollowed(model: PyModel, node: { from: number; to: number; text: string }, place: Place, why: string): void {
        const range = this.syntax.range(place, node);
        model.layers.push({ callee: NOT_FOLLOWED, calleeRange: range, range, args: [], trailingComma: false, unfollowed: true });
        this.stop(model, range, why, false);
    }

    private stop(model: PyModel, range: SourceRange, why: string, unknownLayer: boolean): void {
        if (unknownLayer) model.layers.push({ callee: NOT_FOLLOWED, calleeRange: range, range, args: [], trailingComma: false, unfollowed: true });
        model.stop ??= { range, why };
    }

    private unbind(target: PyExpr): void {
        if (target.type === 'name') this.bindings.delete(target.name);
        if (target.type === 'tuple') target.items.forEach(item => this.unbind(item));
    }
}

/** A Keras name that is no Keras class but near a catalog layer's: a misspelling to report (did you mean), not a layer to stop at. */
function misspeltLayer(name: string): boolean {
    return !KERAS_LAYER_CLASSES.has(name) && /^[A-Z]/.test(name) && suggest(name, layerKindNames()).length > 0;
}

/** `Input(...)` or a layer with `input_shape=`/`batch_input_shape=`: the model's input, given before any `build(...)`. */
function givesInput(call: SyntaxModelCall | undefined): boolean {
    if (!call || call.unfollowed) return false;
    return call.callee === 'Input' || call.callee === 'InputLayer' || call.args.some(a => a.keyword === 'input_shape' || a.keyword === 'batch_input_shape');
}
