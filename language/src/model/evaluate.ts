/**
 * Evaluates constant expressions with Python's semantics: `//` floors, `%` takes the sign of
 * the divisor, `/` always gives a float, `+` joins strings and tuples.
 */
import type { RnnDiagnostic } from './diagnostic.js';
import { diagnostic } from './diagnostic.js';
import { didYouMean, suggest } from './suggest.js';
import type { SourceRange } from './source.js';
import type { SyntaxExpression } from './syntax.js';
import { describeValueType, formatValue, isList, isTuple, type Value } from './values.js';

type Expression = SyntaxExpression;

export interface EvaluationScope {
    /** Constants defined so far, by name; undefined when a constant's value is itself in error. */
    readonly constants: ReadonlyMap<string, Value | undefined>;
    /** Names of every constant in the file, with the line each is defined on (for "defined later"). */
    readonly allConstants: ReadonlyMap<string, number>;
    readonly report: (d: RnnDiagnostic) => void;
    /**
     * Told of a value only running the code could give (Python's `X.shape[1]`): the value is
     * unknown, and no diagnostic is reported. The `.rnn` door has no such values.
     */
    readonly unknown?: (range: SourceRange, why: string) => void;
}

/** The value, or undefined when it cannot be computed (a diagnostic has been reported). */
export function evaluate(expr: Expression, scope: EvaluationScope): Value | undefined {
    switch (expr.kind) {
        case 'number':
            return Number(expr.text.replace(/_/g, ''));
        case 'string':
        case 'keyword':
        case 'value':
            return expr.value;
        case 'name':
            return evaluateReference(expr, scope);
        case 'opaque':
            scope.unknown?.(expr.range, expr.why);
            return undefined;
        case 'group': {
            const items = evaluateAll(expr.items, scope);
            if (items === undefined) return undefined;
            return expr.items.length === 1 && !expr.trailingComma ? items[0] : { kind: 'tuple', items };
        }
        case 'list': {
            const items = evaluateAll(expr.items, scope);
            return items === undefined ? undefined : { kind: 'list', items };
        }
        case 'call': {
            const positional: Value[] = [];
            const keywords: Record<string, Value> = {};
            let ok = true;
            for (const argument of expr.call.args) {
                const value = argument.value ? evaluate(argument.value, scope) : undefined;
                if (value === undefined) { ok = false; continue; }
                if (argument.keyword) keywords[argument.keyword] = value;
                else positional.push(value);
            }
            return ok ? { kind: 'call', callee: expr.call.callee, positional, keywords } : undefined;
        }
        case 'unary': {
            const operand = expr.operand ? evaluate(expr.operand, scope) : undefined;
            if (operand === undefined) return undefined;
            if (typeof operand !== 'number') return typeError(expr, scope, `unary ${expr.operator} needs a number, not ${describeValueType(operand)}`);
            return expr.operator === '-' ? -operand : operand;
        }
        case 'binary':
            return evaluateBinary(expr, scope);
    }
}

function evaluateAll(items: readonly Expression[], scope: EvaluationScope): Value[] | undefined {
    const values = items.map(item => evaluate(item, scope));
    return values.every(v => v !== undefined) ? (values as Value[]) : undefined;
}

function evaluateReference(expr: Extract<Expression, { kind: 'name' }>, scope: EvaluationScope): Value | undefined {
    const name = expr.name;
    if (scope.constants.has(name)) return scope.constants.get(name);
    const laterLine = scope.allConstants.get(name);
    const message = laterLine !== undefined
        ? `"${name}" is defined later, on line ${laterLine + 1}; a constant can only use the constants defined before it. Move that \`let\` up.`
        : `No constant named "${name}" is defined before this point.${didYouMean(suggest(name, scope.constants.keys()))}`;
    const suggestions = laterLine === undefined ? suggest(name, scope.constants.keys()) : [];
    const range = expr.range;
    scope.report(diagnostic('undefined-constant', message, range,
        suggestions.map((s, i) => ({ title: `Change to "${s}"`, edits: [{ range, newText: s }], preferred: i === 0 }))));
    return undefined;
}

function evaluateBinary(expr: Extract<Expression, { kind: 'binary' }>, scope: EvaluationScope): Value | undefined {
    const left = evaluate(expr.left, scope);
    const right = expr.right ? evaluate(expr.right, scope) : undefined;
    if (left === undefined || right === undefined) return undefined;
    const op = expr.operator;
    if (op === '**' && typeof left === 'number' && typeof right === 'number') return left ** right;
    if (typeof left === 'number' && typeof right === 'number') {
        if ((op === '/' || op === '//' || op === '%') && right === 0) {
            return typeError(expr, scope, `division by zero: ${formatValue(left)} ${op} 0`);
        }
        switch (op) {
            case '+': return left + right;
            case '-': return left - right;
            case '*': return left * right;
            case '/': return left / right;
            case '//': return Math.floor(left / right);
            case '%': return left - right * Math.floor(left / right);
        }
    }
    if (op === '+' && typeof left === 'string' && typeof right === 'string') return left + right;
    if (op === '+' && isTuple(left) && isTuple(right)) return { kind: 'tuple', items: [...left.items, ...right.items] };
    if (op === '+' && isList(left) && isList(right)) return { kind: 'list', items: [...left.items, ...right.items] };
    return typeError(expr, scope, `${describeValueType(left)} ${op} ${describeValueType(right)} is not defined`);
}

function typeError(expr: Expression, scope: EvaluationScope, what: string): undefined {
    if (scope.unknown) {
        // Python raises at run time: the code's own error, not one for RNN Lens to lint.
        scope.unknown(expr.range, `this expression raises when the code runs (${what})`);
        return undefined;
    }
    scope.report(diagnostic('invalid-argument', `Cannot compute this expression: ${what}.`, expr.range));
    return undefined;
}
