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
import { Lambda } from './lambda.js';
import { ConvLSTM1D } from './conv-lstm1d.js';
import { RECURRENT_LAYERS } from './recurrent.js';
import { RNN_CELL_LAYERS } from './rnn-cells.js';
import { WRAPPER_LAYERS } from './wrappers.js';
import type { LayerKind } from './layer-kind.js';

export const LAYER_KINDS: readonly LayerKind[] = [
    InputLayer,
    ...CONVOLUTION_LAYERS,
    ...RECURRENT_LAYERS,
    ...RNN_CELL_LAYERS,
    ConvLSTM1D,
    ...WRAPPER_LAYERS,
    Dense,
    ...CORE_LAYERS,
    Lambda
];

/**
 * The other class names Keras exports the kind under with the same arguments (`MaxPool1D` is
 * `MaxPooling1D`, `Convolution1D` is `Conv1D`): the same class, so Keras's summary shows the
 * kind's own name. `.rnn` files may write them; aliases that rename arguments (InputLayer) are
 * only read from Python.
 */
export function aliasesOf(kind: LayerKind): string[] {
    return Object.entries(kind.keras?.aliases ?? {}).filter(([, renames]) => Object.keys(renames).length === 0).map(([alias]) => alias);
}

const byName = new Map(LAYER_KINDS.flatMap(kind => [kind.name, ...aliasesOf(kind)].map(name => [name, kind] as const)));

/** What an alias is, for hovers and completion. */
export function aliasNote(alias: string, kind: LayerKind): string {
    return `\`${alias}\` is Keras's other name for \`${kind.name}\`: the same layer, which Keras's summary lists as \`${kind.kerasName} (${kind.name})\`.`;
}

/** The kind a `.rnn` callee names: its own name or one of its aliases. */
export function findLayerKind(name: string): LayerKind | undefined {
    return byName.get(name);
}

/** Every name a `.rnn` file may call a layer by, aliases included. */
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
