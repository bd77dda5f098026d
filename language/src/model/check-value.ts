/** Checks a value against an argument's type: Keras's types, ranges and enumerations. */
import type { ArgType } from '../catalog/arg-spec.js';
import { describeValueType, formatValue, isCall, sequenceItems, type Value } from './values.js';
import { suggest } from './suggest.js';

export interface ValueProblem {
    /** What is wrong, completing "`units` must be ...". */
    readonly expected: string;
    /** The nearest valid value, where there is one. */
    readonly nearest?: Value;
}

/** Undefined when the value fits the type. */
export function checkValue(type: ArgType, value: Value): ValueProblem | undefined {
    switch (type.kind) {
        case 'any':
            return undefined;
        case 'optional':
            return value === null ? undefined : checkValue(type.of, value);
        case 'oneOf': {
            const problems = type.of.map(t => checkValue(t, value));
            if (problems.some(p => p === undefined)) return undefined;
            return { expected: type.of.map(describeType).join(' or '), nearest: problems.find(p => p?.nearest !== undefined)?.nearest };
        }
        case 'bool':
            return typeof value === 'boolean' ? undefined : { expected: 'True or False' };
        case 'string':
            return typeof value === 'string' ? undefined : { expected: 'a string' };
        case 'python':
            return typeof value === 'string' ? undefined : { expected: 'Python code written as a string, such as "lambda x: x * 2"' };
        case 'int':
            return checkNumber(value, true, type.min, type.max);
        case 'float':
            return checkFloat(type, value);
        case 'enum': {
            if (typeof value === 'string' && type.values.includes(value)) return undefined;
            const near = typeof value === 'string' ? suggest(value, type.values, 1)[0] : undefined;
            return { expected: enumText(type.values), nearest: near };
        }
        case 'ints': {
            const items = sequenceItems(value);
            if (items === undefined) return checkNumber(value, true, type.min);
            if (items.length !== type.length) return { expected: `an integer or a tuple of ${type.length} integer${type.length === 1 ? '' : 's'}` };
            for (const item of items) {
                const problem = checkNumber(item, true, type.min);
                if (problem) return { expected: `a tuple of integers, each ${problem.expected}` };
            }
            return undefined;
        }
        case 'shape': {
            const items = sequenceItems(value);
            if (items === undefined) return { expected: 'a tuple of sizes such as (21, 9), None for a variable length' };
            for (const item of items) {
                if (item !== null && !(typeof item === 'number' && Number.isInteger(item) && item >= 1)) {
                    return { expected: `a tuple of positive integers or None, but ${formatValue(item)} is not` };
                }
            }
            return undefined;
        }
        case 'layer':
            return isCall(value) ? undefined : { expected: 'a layer call such as LSTM(30)' };
        case 'call': {
            if (isCall(value) && type.callees.includes(value.callee)) return undefined;
            const near = isCall(value) ? suggest(value.callee, type.callees, 1)[0] : undefined;
            return { expected: `a call to ${type.callees.join(', ')}`, nearest: near === undefined || !isCall(value) ? undefined : { ...value, callee: near } };
        }
        case 'list': {
            const items = sequenceItems(value);
            if (items === undefined) return { expected: `a list of ${describeType(type.of)}` };
            for (const item of items) {
                const problem = checkValue(type.of, item);
                if (problem) return { expected: `a list whose items are each ${problem.expected}` };
            }
            return undefined;
        }
    }
}

function checkNumber(value: Value, integer: boolean, min?: number, max?: number): ValueProblem | undefined {
    const range = rangeText(min, max);
    const what = `${integer ? 'an integer' : 'a number'}${range}`;
    if (typeof value !== 'number' || Number.isNaN(value) || (integer && !Number.isInteger(value))) {
        const nearest = typeof value === 'number' && Number.isFinite(value) ? clamp(Math.round(value), min, max) : undefined;
        return { expected: what, nearest };
    }
    if ((min !== undefined && value < min) || (max !== undefined && value > max)) {
        return { expected: what, nearest: clamp(value, min, max) };
    }
    return undefined;
}

function checkFloat(type: Extract<ArgType, { kind: 'float' }>, value: Value): ValueProblem | undefined {
    const lower = type.min === undefined ? '' : `${type.minExclusive ? '>' : '≥'} ${type.min}`;
    const upper = type.max === undefined ? '' : `${type.maxExclusive ? '<' : '≤'} ${type.max}`;
    const bounds = [lower, upper].filter(Boolean).join(' and ');
    const expected = `a number${bounds ? ` ${bounds}` : ''}`;
    if (typeof value !== 'number' || Number.isNaN(value)) return { expected };
    const tooLow = type.min !== undefined && (type.minExclusive ? value <= type.min : value < type.min);
    const tooHigh = type.max !== undefined && (type.maxExclusive ? value >= type.max : value > type.max);
    if (!tooLow && !tooHigh) return undefined;
    // No fix to a rate of 1: valid, but it drops everything (a warning of its own); nor to an excluded bound.
    const nearest = tooLow ? type.min : type.maxExclusive || (type.min === 0 && type.max === 1) ? undefined : type.max;
    return { expected, nearest };
}

/** Long enumerations (activations) are named by their first few values. */
function enumText(values: readonly string[]): string {
    const quoted = values.map(v => `"${v}"`);
    return quoted.length <= 8 ? `one of ${quoted.join(', ')}` : `one of ${quoted.slice(0, 6).join(', ')}, ... (${quoted.length} names)`;
}

function rangeText(min?: number, max?: number): string {
    if (min !== undefined && max !== undefined) return ` from ${min} to ${max}`;
    if (min !== undefined) return ` ≥ ${min}`;
    if (max !== undefined) return ` ≤ ${max}`;
    return '';
}

function clamp(value: number, min?: number, max?: number): number {
    return Math.min(max ?? Infinity, Math.max(min ?? -Infinity, value));
}

/** The type in words, for messages, hovers and completion. */
export function describeType(type: ArgType): string {
    switch (type.kind) {
        case 'any': return type.describe;
        case 'optional': return `${describeType(type.of)} or None`;
        case 'oneOf': return type.of.map(describeType).join(' or ');
        case 'bool': return 'True or False';
        case 'string': return 'a string';
        case 'python': return 'Python code written as a string, such as "lambda x: x * 2"';
        case 'int': return `an integer${rangeText(type.min, type.max)}`;
        case 'float': return checkFloat(type, NaN)!.expected;
        case 'enum': return enumText(type.values);
        case 'ints': return `an integer${rangeText(type.min)} or a tuple of ${type.length}`;
        case 'shape': return 'a shape tuple such as (21, 9)';
        case 'layer': return 'a layer call such as LSTM(30)';
        case 'call': return `a call to ${type.callees.join(', ')}`;
        case 'list': return `a list of ${describeType(type.of)}`;
    }
}

export { describeValueType };
