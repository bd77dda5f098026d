/**
 * A stand-in for tfjs that records the calls made on it instead of running them: the catalog's
 * `tfjs` builds (and training/'s compile settings) run against it unchanged, and what they would
 * have built is written out as TypeScript. So the exported code is, call for call, what
 * `rnn-lens train` builds.
 */

const RECORDED = Symbol('recorded call');

export interface RecordedCall {
    readonly [RECORDED]: true;
    /** The function called: `tf.layers.lstm`, `rnnLens.recurrent`. */
    readonly path: string;
    readonly args: readonly unknown[];
}

export function isRecordedCall(value: unknown): value is RecordedCall {
    return typeof value === 'object' && value !== null && RECORDED in value;
}

/** An object whose every property, at any depth, is a function that records its call under `path.property`. */
export function recorder<T>(path: string): T {
    const target = function () { /* a callable target, so that `apply` is allowed */ };
    return new Proxy(target, {
        get: (_, property) => (typeof property === 'string' ? recorder(`${path}.${property}`) : undefined),
        apply: (_, __, args: unknown[]): RecordedCall => ({ [RECORDED]: true, path, args })
    }) as T;
}

const CODE = Symbol('code');

/** A value that is written as the given TypeScript (a variable of the generated code). */
export function code(text: string): object {
    return { [CODE]: text };
}

/** A recorded value as TypeScript: calls, objects (without undefined entries), arrays, literals. */
export function typescriptValue(value: unknown, indent = ''): string {
    if (isRecordedCall(value)) return `${value.path}(${value.args.map(a => typescriptValue(a, indent)).join(', ')})`;
    if (typeof value === 'object' && value !== null && CODE in value) return String(value[CODE]);
    if (value === null) return 'null';
    if (Array.isArray(value)) return `[${value.map(v => typescriptValue(v, indent)).join(', ')}]`;
    if (typeof value === 'object') {
        const inner = `${indent}    `;
        const entries = Object.entries(value as Record<string, unknown>)
            .filter(([, v]) => v !== undefined)
            .map(([k, v]) => `${/^[A-Za-z_$][\w$]*$/.test(k) ? k : JSON.stringify(k)}: ${typescriptValue(v, inner)}`);
        const oneLine = `{ ${entries.join(', ')} }`;
        return oneLine.length <= 60 ? oneLine : `{\n${entries.map(e => `${inner}${e}`).join(',\n')}\n${indent}}`;
    }
    if (typeof value === 'number' && !Number.isFinite(value)) return Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity';
    return JSON.stringify(value) ?? 'undefined';
}
