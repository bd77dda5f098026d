/**
 * The Python door: Python expressions (keras/python-ast.ts) → the plain syntax records that
 * lowering reads (model/syntax.ts), with ranges in program coordinates. A name bound to a
 * constant of the code becomes its value; a name bound to a Keras call (`es = EarlyStopping()`)
 * becomes that call; anything only running the code could tell becomes `opaque`, with why.
 */
import type { KerasNames } from '../keras/import-names.js';
import type { PyArg, PyExpr } from '../keras/python-ast.js';
import type { SourceRange } from '../model/source.js';
import type { SyntaxArgument, SyntaxCall, SyntaxExpression } from '../model/syntax.js';
import type { Value } from '../model/values.js';
import { kerasCallee } from './keras-callee.js';
import { rangeIn, type ProgramUnit } from './program.js';

/** What a Python name holds at this point of the code, as far as the door can tell. */
export type PyBinding<Model> =
    | { readonly kind: 'value'; readonly value: Value }
    /** A Keras call kept as written: a layer, an optimizer, a callback. */
    | { readonly kind: 'call'; readonly expr: SyntaxExpression & { kind: 'call' } }
    | { readonly kind: 'model'; readonly model: Model }
    /** A constant kept by name, not by value (`rnn-lens import` writes it as its `let`): a `name` record. */
    | { readonly kind: 'named'; readonly name: string }
    /** An expression kept as read, to stand where the name is used (`rnn-lens import`: `callbacks = [EarlyStopping()]`). */
    | { readonly kind: 'expr'; readonly expr: SyntaxExpression };

/** Where the expressions being converted stand: their unit and the chunk's offset in it. */
export interface Place {
    readonly unit: ProgramUnit;
    readonly base: number;
}

/**
 * Why an expression is left opaque, in the words of the reader that shows it: the door says it
 * in a note's sentence ("there X is ..."), `rnn-lens import` in a comment beside the argument it
 * leaves out (keras/import-values.ts). `binaryOperators`: the arithmetic the reader carries.
 */
export interface OpaqueWording {
    readonly binaryOperators: ReadonlySet<string>;
    unbound(name: string): string;
    attribute(expr: PyExpr): string;
    operator(expr: PyExpr & { type: 'unary' | 'binary' }): string;
    other(expr: PyExpr & { type: 'other' }): string;
    functional(call: PyExpr & { type: 'call' }): string;
    notKeras(call: PyExpr & { type: 'call' }): string;
    notClass(call: PyExpr & { type: 'call' }): string;
    star(call: PyExpr & { type: 'call' }, arg: PyArg): string;
}

const DOOR_WORDING: OpaqueWording = {
    binaryOperators: new Set(['+', '-', '*', '/', '//', '%', '**']),
    unbound: name => `${name} is computed when the code runs`,
    attribute: expr => `${expr.text} is a value of the running program`,
    operator: expr => `${expr.text} is computed when the code runs`,
    other: expr => `${short(expr.text)} (${expr.why}) is computed when the code runs`,
    functional: call => `${short(call.text)} applies a layer to a tensor (the functional API)`,
    notKeras: call => `${short(call.callee.text)}(...) is not a Keras class RNN Lens can read`,
    notClass: call => `${short(call.callee.text)}(...) is computed when the code runs`,
    star: (call, arg) => `${short(call.text)} passes ${arg.star}${short(arg.value.text)}, known only when the code runs`
};

/**
 * Conversions kept from one description of a document to the next: the parsed statements of an
 * unchanged chunk are the same objects (parse-cache.ts), and a conversion depends only on them,
 * on where the chunk starts, on the imports before it and on the bindings of the names it uses;
 * a kept conversion is the same object, which is how a model is known to be unchanged.
 */
const converted = new WeakMap<object, Map<string, unknown>>();
/** Conversions kept per parsed node: one per place it stands (`model.add(Dropout(0.1))` is one chunk text, parsed once, written many times). */
const PER_NODE = 4096;
const identities = new WeakMap<object, number>();
let nextIdentity = 1;

/** A number that stands for the object as long as it lives. */
export function identityOf(object: object): number {
    let id = identities.get(object);
    if (id === undefined) identities.set(object, id = nextIdentity++);
    return id;
}

export class PythonSyntax<Model> {
    /** A hash of the imports and definitions read so far (what name resolution depends on). */
    namesKey = 0;

    constructor(
        readonly names: KerasNames,
        readonly bindings: Map<string, PyBinding<Model>>,
        private readonly wording: OpaqueWording = DOOR_WORDING
    ) {}

    /** Changes `namesKey` after an import or a definition (`text`: what it binds). */
    namesChanged(text: string): void {
        let hash = this.namesKey ^ 0x811c9dc5;
        for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
        this.namesKey = hash >>> 0;
    }

    /** `convert()` of `node`, or the result kept from an earlier description when nothing it depends on changed. */
    memo<T>(node: PyExpr, place: Place, extra: string, convert: () => T): T {
        const at = rangeIn(place.unit, place.base, place.base).start;
        const key = `${at.line}:${at.character}:${this.namesKey}:${extra}:${this.bindingsKey(node)}`;
        let kept = converted.get(node);
        if (!kept) converted.set(node, kept = new Map());
        if (kept.has(key)) return kept.get(key) as T;
        const result = convert();
        if (kept.size >= PER_NODE) kept.clear();
        kept.set(key, result);
        return result;
    }

    /** The bindings of the names an expression uses, as a short string. */
    private bindingsKey(node: PyExpr): string {
        const parts: string[] = [];
        const visit = (expr: PyExpr): void => {
            switch (expr.type) {
                case 'name': {
                    const binding = this.bindings.get(expr.name);
                    parts.push(binding === undefined ? `${expr.name}-` : binding.kind === 'value' ? `${expr.name}=${JSON.stringify(binding.value)}`
                        : binding.kind === 'call' || binding.kind === 'expr' ? `${expr.name}#${identityOf(binding.expr)}`
                            : binding.kind === 'named' ? `${expr.name}:${binding.name}` : `${expr.name}@`);
                    return;
                }
                case 'attribute': return visit(expr.object);
                case 'call': visit(expr.callee); expr.args.forEach(a => visit(a.value)); return;
                case 'tuple': case 'list': expr.items.forEach(visit); return;
                case 'paren': return visit(expr.inner);
                case 'unary': return visit(expr.operand);
                case 'binary': visit(expr.left); visit(expr.right); return;
                default: return;
            }
        };
        visit(node);
        return parts.join(',');
    }

    range(place: Place, node: { readonly from: number; readonly to: number }): SourceRange {
        return rangeIn(place.unit, place.base + node.from, place.base + node.to);
    }

    expression(expr: PyExpr, place: Place): SyntaxExpression {
        const range = this.range(place, expr);
        switch (expr.type) {
            case 'number': return { kind: 'value', value: expr.value, range, written: expr.text };
            case 'string': return { kind: 'string', value: expr.value, range };
            case 'constant': return { kind: 'keyword', value: expr.value, range };
            case 'name': return this.name(expr.name, range);
            case 'paren': return { kind: 'group', items: [this.expression(expr.inner, place)], trailingComma: false, range };
            case 'tuple': return { kind: 'group', items: expr.items.map(i => this.expression(i, place)), trailingComma: expr.items.length === 1, range };
            case 'list': return { kind: 'list', items: expr.items.map(i => this.expression(i, place)), range };
            case 'unary':
                return expr.op === '-' || expr.op === '+'
                    ? { kind: 'unary', operator: expr.op, operand: this.expression(expr.operand, place), range }
                    : opaque(this.wording.operator(expr), range);
            case 'binary':
                return this.wording.binaryOperators.has(expr.op)
                    ? { kind: 'binary', operator: expr.op, left: this.expression(expr.left, place), right: this.expression(expr.right, place), range }
                    : opaque(this.wording.operator(expr), range);
            case 'call': {
                const call = this.call(expr, place);
                return 'why' in call ? opaque(call.why, range) : { kind: 'call', call, range };
            }
            case 'attribute': return opaque(this.wording.attribute(expr), range);
            case 'other': return opaque(this.wording.other(expr), range);
        }
    }

    /** A Keras call as syntax, or why it is not one RNN Lens can read. */
    call(expr: PyExpr & { type: 'call' }, place: Place): SyntaxCall | { why: string } {
        const callee = kerasCallee(this.names, expr.callee);
        if (callee.kind === 'functional') return { why: this.wording.functional(expr) };
        if (callee.kind === 'not-keras') return { why: this.wording.notKeras(expr) };
        if (callee.kind === 'not-class') return { why: this.wording.notClass(expr) };
        const star = expr.args.find(a => a.star);
        if (star) return { why: this.wording.star(expr, star) };
        const renames = callee.kind === 'layer' ? callee.renames : {};
        const calleeNode = expr.callee.type === 'attribute' ? { from: expr.callee.nameFrom, to: expr.callee.to } : expr.callee;
        return {
            callee: callee.name,
            calleeRange: this.range(place, calleeNode),
            range: this.range(place, expr),
            args: expr.args.map(arg => this.argument(arg, place, renames)),
            ...(expr.closeParen === undefined ? {} : { closeParen: this.range(place, { from: expr.closeParen, to: expr.closeParen }).start }),
            trailingComma: expr.trailingComma
        };
    }

    argument(arg: PyArg, place: Place, renames: Readonly<Record<string, string>> = {}): SyntaxArgument {
        const range = this.range(place, arg);
        const value = this.expression(arg.value, place);
        if (arg.keyword === undefined) return { range, value };
        const keywordFrom = arg.keywordFrom ?? arg.from;
        return {
            keyword: renames[arg.keyword] ?? arg.keyword,
            keywordRange: this.range(place, { from: keywordFrom, to: keywordFrom + arg.keyword.length }),
            range,
            value
        };
    }

    private name(name: string, range: SourceRange): SyntaxExpression {
        const binding = this.bindings.get(name);
        if (binding?.kind === 'value') return { kind: 'value', value: binding.value, range };
        if (binding?.kind === 'call' || binding?.kind === 'expr') return binding.expr;
        if (binding?.kind === 'named') return { kind: 'name', name: binding.name, range };
        return opaque(binding?.kind === 'model' ? `${name} is a model, not a value` : this.wording.unbound(name), range);
    }
}

export function opaque(why: string, range: SourceRange): SyntaxExpression {
    return { kind: 'opaque', why, range };
}

/** True when some part of the expression is only known when the code runs. */
export function hasOpaque(expr: SyntaxExpression | undefined): boolean {
    if (!expr) return false;
    switch (expr.kind) {
        case 'opaque': return true;
        case 'group': case 'list': return expr.items.some(hasOpaque);
        case 'call': return expr.call.args.some(a => hasOpaque(a.value));
        case 'unary': return hasOpaque(expr.operand);
        case 'binary': return hasOpaque(expr.left) || hasOpaque(expr.right);
        default: return false;
    }
}

/** Code quoted in a message, cut to one short line. */
export function short(text: string): string {
    const line = text.replace(/\s+/g, ' ').trim();
    return line.length > 40 ? `${line.slice(0, 37)}...` : line;
}
