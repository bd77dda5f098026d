/**
 * One Sequential model as the import reads it: its layers from `Sequential([...])` and
 * `model.add(...)`, its `compile(...)` and `fit(...)`, and a comment with a warning for each
 * thing it cannot write in `.rnn` (never dropped in silence).
 */
import { signatureOf } from '../catalog/index.js';
import { kerasCallee } from '../python/keras-callee.js';
import type { StatementName } from '../catalog/statements.js';
import { statementArguments } from '../python/walk-program.js';
import type { PyArg, PyExpr } from './python-ast.js';
import type { LetItem, Translation, ValueTranslator } from './import-values.js';

/** A line of a model's body: a call, or comment lines. */
export type BodyLine = { readonly call: string } | { readonly comment: readonly string[] };

export interface ModelItem {
    readonly kind: 'model';
    /** The Python variable. */
    readonly pyName: string;
    /** `Sequential(name="...")`, when it is a name the `.rnn` language allows. */
    readonly explicitName?: string;
    readonly layers: BodyLine[];
    /** compile(...) and fit(...), each with the comments that go before it. */
    readonly statements: Partial<Record<Extract<StatementName, 'compile' | 'fit'>, BodyLine[]>>;
    readonly refs: Set<LetItem>;
}

/** Reports what was not translated: a warning on stderr, and the comment lines for the output (with the code, when given). */
export type Report = (line: number, message: string, code?: string) => string[];

export type ModelTranslator = ValueTranslator<ModelItem>;

/** `model.add(...)` or an item of `Sequential([...])`. */
export function addLayer(model: ModelItem, expr: PyExpr, values: ModelTranslator, report: Report): void {
    const binding = expr.type === 'name' ? values.bindings.get(expr.name) : undefined;
    // A kept Keras call (`lstm = LSTM(8)`), written as it was read.
    const kept = binding?.kind === 'expr' ? values.write(binding.expr) : undefined;
    if (kept?.ok) {
        model.layers.push({ call: kept.text });
        kept.refs.forEach(r => model.refs.add(r));
        return;
    }
    const callee = expr.type === 'call' ? kerasCallee(values.names, expr.callee) : undefined;
    if (expr.type !== 'call' || callee?.kind !== 'layer') {
        const resolved = callee && 'resolved' in callee ? callee.resolved : undefined;
        const why = resolved
            ? `${resolved.name} is not a layer RNN Lens knows (a custom layer, or one outside its catalog)`
            : `${expr.text} is not a layer call RNN Lens can read`;
        model.layers.push({ comment: report(expr.line, `${why}; it is left out of model "${model.pyName}"`, expr.text) });
        return;
    }
    const signature = signatureOf(callee.layer);
    const positional = signature.filter(s => !s.keywordOnly).map(s => s.name);
    const code = new Set(signature.filter(s => s.type.kind === 'python').map(s => s.name));
    const call = translateArguments(expr.args, positional, callee.renames, values, report, `${callee.resolved.name}(...)`, code);
    model.layers.push(...call.comments, { call: `${callee.name}(${call.args.join(', ')})` });
    call.refs.forEach(r => model.refs.add(r));
}

/** `model.compile(...)` / `model.fit(...)`: by keyword, Keras's data arguments (x, y, validation_data) left to `data(...)`. */
export function setStatement(model: ModelItem, name: 'compile' | 'fit', expr: PyExpr & { type: 'call' }, values: ModelTranslator, report: Report): void {
    const lines: BodyLine[] = [];
    const earlier = model.statements[name];
    if (earlier) lines.push({ comment: [`# ${name}(...) is called again on line ${expr.line}: this one replaces the earlier one.`] });
    const kept: PyArg[] = [];
    const data: string[] = [];
    for (const { arg, keyword, data: isData } of statementArguments(name, expr)) {
        if (isData) data.push(arg.keyword ? `${arg.keyword}=${arg.value.text}` : arg.value.text);
        else kept.push(keyword === undefined ? arg : { ...arg, keyword });
    }
    if (data.length > 0) lines.push({ comment: [`# ${name}(${data.join(', ')}, ...): in RNN Lens the data comes from data(...).`] });
    const call = translateArguments(kept, [], {}, values, report, `${name}(...)`);
    lines.push(...call.comments, { call: `${name}(${call.args.join(', ')})` });
    call.refs.forEach(r => model.refs.add(r));
    model.statements[name] = lines;
}

interface TranslatedArguments {
    readonly args: string[];
    readonly comments: BodyLine[];
    readonly refs: LetItem[];
}

/**
 * The arguments of a layer or statement call. One that cannot be translated is left out with a
 * comment; the positional ones after it are then given by keyword, so that none moves into its place.
 */
function translateArguments(
    args: readonly PyArg[], positional: readonly string[], renames: Readonly<Record<string, string>>,
    values: ModelTranslator, report: Report, callee: string, code: ReadonlySet<string> = new Set()
): TranslatedArguments {
    const out: TranslatedArguments = { args: [], comments: [], refs: [] };
    let byKeyword = false;
    args.forEach((arg, i) => {
        const named = !arg.keyword && !arg.star && byKeyword && positional[i] ? { ...arg, keyword: positional[i] } : arg;
        if (!arg.star && code.has(arg.keyword ?? positional[i])) {
            // Python code (Lambda's function) is kept as it is written, in a .rnn string.
            const text = JSON.stringify(arg.value.text);
            out.args.push(named.keyword ? `${named.keyword}=${text}` : text);
            return;
        }
        const translation: Translation = values.argument(named, renames);
        if (translation.ok) {
            out.args.push(translation.text);
            out.refs.push(...translation.refs);
            return;
        }
        if (!arg.keyword) byKeyword = true;
        const written = arg.keyword ? `${arg.keyword}=${arg.value.text}` : arg.value.text;
        out.comments.push({ comment: report(arg.value.line, `${written} is left out of ${callee}: ${translation.why}`) });
    });
    return out;
}
