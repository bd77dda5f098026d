/**
 * What RNN Lens's conv-family tfjs layers share: their options in tfjs spelling, resolving
 * initializers, regularizers and constraints (identifiers, objects or `{className, config}`)
 * and writing them back for getConfig, the activation, and one registered class per tfjs module.
 */
import type * as tfjs from '@tensorflow/tfjs';

type Tf = typeof tfjs;
type Tensor = tfjs.Tensor;

export type DataFormat = 'channelsLast' | 'channelsFirst';

/** The base options every layer passes to tfjs's Layer. */
export interface BaseLayerConfig {
    readonly name?: string;
    readonly trainable?: boolean;
    readonly batchInputShape?: Array<number | null>;
    readonly inputShape?: Array<number | null>;
    readonly dtype?: string;
}

/** A number or a one-element array (Keras's `ints` arguments) as a number. */
export function one(value: unknown, fallback: number): number {
    if (typeof value === 'number') return value;
    if (Array.isArray(value) && typeof value[0] === 'number') return value[0];
    return fallback;
}

/** A number or a pair as (before, after). */
export function pair(value: unknown, fallback: number): [number, number] {
    if (typeof value === 'number') return [value, value];
    if (Array.isArray(value) && typeof value[0] === 'number') {
        return [value[0], typeof value[1] === 'number' ? value[1] : value[0]];
    }
    return [fallback, fallback];
}

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

/** How one weight starts, is penalised and is constrained. */
export interface WeightOptions {
    readonly initializer: unknown;
    readonly regularizer: unknown;
    readonly constraint: unknown;
}

/** The `<w>Initializer`, `<w>Regularizer`, `<w>Constraint` options of weight `w`, resolved. */
export function weightOptions(tf: Tf, config: object, weight: string, defaultInitializer: string): WeightOptions {
    const c = config as Record<string, unknown>;
    return {
        initializer: resolve(tf.initializers, c[`${weight}Initializer`], defaultInitializer),
        regularizer: resolve(tf.regularizers, c[`${weight}Regularizer`]),
        constraint: resolve(tf.constraints, c[`${weight}Constraint`])
    };
}

/** The same options written back for getConfig. */
export function weightConfig(weight: string, options: WeightOptions): Record<string, unknown> {
    return {
        [`${weight}Initializer`]: serialize(options.initializer),
        [`${weight}Regularizer`]: serialize(options.regularizer),
        [`${weight}Constraint`]: serialize(options.constraint)
    };
}

/** Applies a tfjs activation by name (linear: the tensor itself). */
export function activationOf(tf: Tf, name: string): (x: Tensor) => Tensor {
    if (name === 'linear') return x => x;
    const layer = tf.layers.activation({ activation: name as never });
    return x => layer.apply(x) as Tensor;
}

/** [batch, steps, channels] ↔ [batch, channels, steps]. */
export function swapSteps<T extends Tensor>(tf: Tf, x: T): T {
    return tf.transpose(x, [0, 2, 1]) as T;
}

/** The 3D shape with `steps` and `channels` in the data format's order. */
export function shapeOf(format: DataFormat, batch: number | null, steps: number | null, channels: number | null): Array<number | null> {
    return format === 'channelsFirst' ? [batch, channels, steps] : [batch, steps, channels];
}

/** (steps, channels) of a 3D shape in the data format. */
export function stepsAndChannels(format: DataFormat, shape: Array<number | null>): [number | null, number | null] {
    return format === 'channelsFirst' ? [shape[2] ?? null, shape[1] ?? null] : [shape[1] ?? null, shape[2] ?? null];
}

export function singleShape(inputShape: tfjs.Shape | tfjs.Shape[]): Array<number | null> {
    return (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Array<number | null>;
}

export function singleTensor(inputs: Tensor | Tensor[]): tfjs.Tensor3D {
    return (Array.isArray(inputs) ? inputs[0] : inputs) as tfjs.Tensor3D;
}

const registry = new WeakMap<object, Map<string, unknown>>();

/** The class `define` makes for this tfjs module, made and registered once (so saved models load). */
export function registered<C>(tf: Tf, className: string, define: () => C): C {
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
