/**
 * tfjs's serializable objects (initializers, regularizers, constraints) as RNN Lens's layers take
 * them in their configs: an identifier, an object, or a saved `{className, config}`; written
 * back for getConfig, so that a saved model loads with the same objects; and each layer class
 * registered once per tfjs module, so that saved models find it.
 */
import type * as tfjs from '@tensorflow/tfjs';

/** `GlorotUniform` → `glorotUniform`, `L1L2` → `l1l2`: the tfjs factory of a serialized object. */
function factoryName(className: string): string {
    return className === 'L1L2' ? 'l1l2' : className.replace(/^(LeCun|[A-Z])/, s => (s === 'LeCun' ? 'leCun' : s.toLowerCase()));
}

interface Serial { getClassName(): string; getConfig(): object }

function isSerial(value: unknown): value is Serial {
    return typeof value === 'object' && value !== null && typeof (value as Serial).getClassName === 'function';
}

/** An identifier, an object or a `{className, config}` → the tfjs object (undefined and null stay undefined). */
export function resolve(namespace: object, value: unknown, fallback?: string): unknown {
    const v = value ?? fallback;
    if (v === undefined || v === null) return undefined;
    if (isSerial(v)) return v;
    const table = namespace as Record<string, (config?: object) => unknown>;
    if (typeof v === 'string') {
        const make = table[v];
        if (!make) throw new Error(`unknown tfjs identifier "${v}"`);
        return make({});
    }
    const { className, config } = v as { className: string; config?: object };
    const make = table[factoryName(className)];
    if (!make) throw new Error(`unknown tfjs class "${className}"`);
    return make({ ...(config ?? {}) });
}

export function serialize(value: unknown): unknown {
    return isSerial(value) ? { className: value.getClassName(), config: value.getConfig() } : value ?? null;
}

const registry = new WeakMap<object, Map<string, unknown>>();

/** The class `define` makes for this tfjs module, made and registered once (so saved models load). */
export function registered<C>(tf: typeof tfjs, className: string, define: () => C): C {
    let classes = registry.get(tf);
    if (!classes) {
        classes = new Map();
        registry.set(tf, classes);
    }
    const known = classes.get(className);
    if (known) return known as C;
    const made = define();
    tf.serialization.registerClass(made as unknown as tfjs.serialization.SerializableConstructor<tfjs.serialization.Serializable>);
    classes.set(className, made);
    return made;
}
