/**
 * Reads a Python program from top to bottom as Python would run it, keeping what a model
 * description is made of: module-level constants, Sequential models with their layers
 * (`Sequential([...])`, `model.add(...)`, `model.build(...)`), compile and fit. Where the code
 * does something the door cannot follow (a layer added in a loop or by a function of the code,
 * a custom layer), the model gets an unknown layer there and the reason, for one note.
 */
import { findStatementKind } from '../catalog/statements.js';
import type { PyExpr, PyStatement } from '../keras/python-ast.js';
import { evaluate } from '../model/evaluate.js';
import type { Position, SourceRange } from '../model/source.js';
import type { LayerInsertion, SyntaxModelCall } from '../model/syntax.js';
import type { Value } from '../model/values.js';
import { kerasCallee } from './keras-callee.js';
import { KERAS_LAYER_CLASSES } from './keras-layer-classes.js';
import { withoutKerasBeyondCatalog } from './keras-training-names.js';
import { KerasVersionReader } from './keras-version.js';
import { hasOpaque, PythonSyntax, short, type Place, type PyBinding } from './python-syntax.js';
import { suggest } from '../model/suggest.js';
import { ProgramWalker, sequentialLayers, sequentialName, statementArguments, type PyBlock, type PyCallExpr } from './walk-program.js';
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

export class ModelReader extends ProgramWalker<PyModel, PyBinding<PyModel>, Place> {
    readonly models: PyModel[] = [];
    readonly constants: PyConstant[] = [];
    readonly version = new KerasVersionReader();
    private readonly syntax = new PythonSyntax<PyModel>(this.names, new Map());
    /** Functions and classes the code defines: calling one with a model may change it. */
    private readonly defined = new Set<string>();

    statements(statements: readonly PyStatement[], place: Place, broken: boolean, text: string): void {
        if (broken) return this.broken(text);
        this.walk(statements, place);
    }

    /** A chunk that does not parse: whatever it assigns is no longer known. */
    private broken(text: string): void {
        for (const [name] of this.bindings) {
            if (new RegExp(`(^|[^\\w.])${name}\\s*(=[^=]|\\+=|-=|\\*=)`).test(text)) this.bindings.delete(name);
        }
    }

    protected get bindings() {
        return this.syntax.bindings;
    }

    protected override visit(statement: PyStatement, place: Place): void {
        this.version.statement(statement, this.syntax.range(place, statement));
    }

    protected override imported(statement: PyStatement & { type: 'import' }): void {
        this.syntax.namesChanged(statement.text);
    }

    protected block(statement: PyBlock, place: Place): void {
        if (statement.names.length > 0) this.syntax.namesChanged(statement.names.join(','));
        if (statement.keyword === 'def' || statement.keyword === 'class') statement.names.forEach(n => this.defined.add(n));
        const ids = statement.identifiers;
        const changes = [...CHANGING].some(m => ids.has(m));
        if (!changes || statement.keyword === 'def' || statement.keyword === 'class') return;
        for (const [name, model] of this.boundModels()) {
            if (!statement.assigned.has(name) && ids.has(name)) this.unfollowed(model, statement, place, `a ${statement.keyword} block changes it`);
        }
    }

    protected assignValue(target: PyExpr & { type: 'name' }, value: PyExpr, statement: PyStatement, place: Place): void {
        const name = target.name;
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

    protected sequential(target: PyExpr & { type: 'name' }, call: PyCallExpr, statement: PyStatement, place: Place): void {
        const explicit = sequentialName(call);
        const range = this.syntax.range(place, statement);
        const model: PyModel = {
            pyName: target.name, ...(explicit ? { explicitName: explicit } : {}),
            nameRange: this.syntax.range(place, target), start: range.start, end: range.end, layers: []
        };
        this.models.push(model);
        this.bindings.set(target.name, { kind: 'model', model });
        call.args.forEach((arg, i) => {
            if (arg.keyword === 'name' || arg.keyword === 'trainable') return;
            const items = sequentialLayers(call, i);
            if (!items) {
                this.stop(model, this.syntax.range(place, arg), `Sequential(${short(arg.value.text)}) takes layers RNN Lens cannot read`, true);
                return;
            }
            items.forEach((item, index) => {
                const next = items[index + 1];
                const insertion: LayerInsertion = {
                    at: this.syntax.range(place, item).start,
                    prefix: '',
                    suffix: next && next.line !== item.line ? `,\n${' '.repeat(this.syntax.range(place, item).start.character)}` : ', '
                };
                this.addLayer(model, item, place, insertion);
            });
        });
    }

    /** `model.add(...)`, `model.compile(...)`, `model.fit(...)`, `model.build(...)`. */
    protected modelCall(model: PyModel, method: string, call: PyCallExpr, statement: PyStatement, place: Place): void {
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
    protected otherCall(call: PyCallExpr, _statement: PyStatement, place: Place): void {
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
        const callee = kerasCallee(this.names, expr.callee);
        // A misspelt Keras layer is reported (did you mean); a real Keras or custom layer outside the catalog is not followed.
        const misspelt = callee.kind === 'class' && misspeltLayer(callee.resolved.name);
        if (callee.kind !== 'layer' && !misspelt) return this.unfollowed(model, expr, place, `${short(expr.callee.text)} is not a layer RNN Lens knows`);
        const call = this.syntax.memo(expr, place, `${JSON.stringify(insertion)}:${misspelt ? callee.resolved.name : ''}`, () => {
            const read = this.syntax.call(expr, place);
            return 'why' in read ? read : { ...read, insertion };
        });
        if ('why' in call) return this.unfollowed(model, expr, place, call.why);
        model.layers.push(call);
    }

    /** compile(...) / fit(...): by keyword; the data arguments and what only running tells are left out (they do not change the model). */
    private statementCall(name: 'compile' | 'fit', call: PyCallExpr, place: Place): SyntaxModelCall {
        return this.syntax.memo(call, place, name, () => this.readStatementCall(name, call, place));
    }

    private readStatementCall(name: 'compile' | 'fit', call: PyCallExpr, place: Place): SyntaxModelCall {
        const kind = findStatementKind(name)!;
        const calleeRange = call.callee.type === 'attribute' ? this.syntax.range(place, { from: call.callee.nameFrom, to: call.callee.to }) : this.syntax.range(place, call);
        const args = statementArguments(name, call)
            .filter(({ arg, data }) => !arg.star && !data)
            .map(({ arg, keyword }) => this.syntax.argument(arg.keyword === undefined && keyword !== undefined ? { ...arg, keyword, keywordFrom: arg.from } : arg, place))
            .flatMap(arg => {
                const spec = kind.args.find(a => a.name === arg.keyword);
                if (!spec || hasOpaque(arg.value)) return [];
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
