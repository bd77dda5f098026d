/**
 * Values of the plain model description: what constants and arguments evaluate to.
 * Plain JSON data, so that the description can cross the language-server protocol.
 */

/** Python's `(a, b)`: kept apart from lists because Keras reads tuples as shapes. */
export interface TupleValue {
    readonly kind: 'tuple';
    readonly items: readonly Value[];
}

export interface ListValue {
    readonly kind: 'list';
    readonly items: readonly Value[];
}

/** A call used as a value: `Adam(learning_rate=1e-3)`, `EarlyStopping(...)`, `LSTM(30)` inside a wrapper. */
export interface CallValue {
    readonly kind: 'call';
    readonly callee: string;
    readonly positional: readonly Value[];
    readonly keywords: Readonly<Record<string, Value>>;
}

export type Value = number | string | boolean | null | TupleValue | ListValue | CallValue;

export function isTuple(value: Value | undefined): value is TupleValue {
    return typeof value === 'object' && value !== null && value.kind === 'tuple';
}

export function isList(value: Value | undefined): value is ListValue {
    return typeof value === 'object' && value !== null && value.kind === 'list';
}

export function isCall(value: Value | undefined): value is CallValue {
    return typeof value === 'object' && value !== null && value.kind === 'call';
}

/** Tuples and lists alike: the items of a sequence value, or undefined. */
export function sequenceItems(value: Value | undefined): readonly Value[] | undefined {
    return isTuple(value) || isList(value) ? value.items : undefined;
}

/** Writes a value as Python source, the way a user would type it. */
export function formatValue(value: Value): string {
    if (value === null) return 'None';
    if (typeof value === 'boolean') return value ? 'True' : 'False';
    if (typeof value === 'number') return formatNumber(value);
    if (typeof value === 'string') return JSON.stringify(value);
    switch (value.kind) {
        case 'tuple':
            return value.items.length === 1
                ? `(${formatValue(value.items[0])},)`
                : `(${value.items.map(formatValue).join(', ')})`;
        case 'list':
            return `[${value.items.map(formatValue).join(', ')}]`;
        case 'call': {
            const args = [
                ...value.positional.map(formatValue),
                ...Object.entries(value.keywords).map(([k, v]) => `${k}=${formatValue(v)}`)
            ];
            return `${value.callee}(${args.join(', ')})`;
        }
    }
}

function formatNumber(value: number): string {
    if (Number.isNaN(value)) return 'nan';
    if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
    return String(value);
}

/** The type of a value in Python's words, for messages. */
export function describeValueType(value: Value): string {
    if (value === null) return 'None';
    if (typeof value === 'boolean') return 'a boolean';
    if (typeof value === 'number') return Number.isInteger(value) ? 'an integer' : 'a float';
    if (typeof value === 'string') return 'a string';
    switch (value.kind) {
        case 'tuple': return 'a tuple';
        case 'list': return 'a list';
        case 'call': return `a call to ${value.callee}`;
    }
}
