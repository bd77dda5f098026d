/**
 * The layer catalog: every layer kind the language knows, each described once.
 * Lowering binds calls against it, analysis computes with it, editors explain from it.
 */
import type { Value } from '../model/values.js';
import { BASE_LAYER_ARGS, type ArgSpec } from './arg-spec.js';
import { CONVOLUTION_LAYERS } from './convolution.js';
import { CORE_LAYERS } from './core-layers.js';
import { Dense } from './core-dense.js';
import { InputLayer } from './input.js';
import { RECURRENT_LAYERS } from './recurrent.js';
import { WRAPPER_LAYERS } from './wrappers.js';
import type { LayerKind } from './layer-kind.js';

export const LAYER_KINDS: readonly LayerKind[] = [
    InputLayer,
    ...CONVOLUTION_LAYERS,
    ...RECURRENT_LAYERS,
    ...WRAPPER_LAYERS,
    Dense,
    ...CORE_LAYERS
];

const byName = new Map(LAYER_KINDS.map(kind => [kind.name, kind]));

export function findLayerKind(name: string): LayerKind | undefined {
    return byName.get(name);
}

export function layerKindNames(): string[] {
    return [...byName.keys()];
}

const signatures = new Map<LayerKind, readonly ArgSpec[]>();

/** The kind's own arguments, then the base-layer ones (`name`, `input_shape`, ...) that every layer takes. */
export function signatureOf(kind: LayerKind): readonly ArgSpec[] {
    let signature = signatures.get(kind);
    if (!signature) {
        const own = new Set(kind.args.map(a => a.name));
        signature = kind === InputLayer ? kind.args : [...kind.args, ...BASE_LAYER_ARGS.filter(a => !own.has(a.name))];
        signatures.set(kind, signature);
    }
    return signature;
}

/** Every argument of the kind: the given value where there is one, Keras's default otherwise. */
export function withDefaults(kind: LayerKind, given: Readonly<Record<string, Value>>): Record<string, Value> {
    const args: Record<string, Value> = {};
    for (const spec of signatureOf(kind)) {
        args[spec.name] = spec.name in given ? given[spec.name] : spec.default;
    }
    return args;
}

export type { LayerKind } from './layer-kind.js';
