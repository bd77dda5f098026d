/**
 * A layer as the user wrote it, for the walk-through and the diagram: its Keras call with the
 * values bound and the constants evaluated, and the arguments worth showing in a diagram box.
 */
import { findLayerKind } from '../catalog/index.js';
import type { LayerDescription } from '../model/description.js';
import { formatValue, type Value } from '../model/values.js';

/** Where the input shape or the name is given: the diagram shows them elsewhere (the edges, the title). */
const NOT_SHOWN_IN_BOX = new Set(['name', 'input_shape', 'batch_input_shape', 'batch_size', 'input_dim', 'input_length']);

/** `Conv1D(filters=3, kernel_size=2, input_shape=(21, 9))`: every argument given, as Keras binds it. */
export function layerCallText(layer: LayerDescription): string {
    const wrapped = findLayerKind(layer.kind)?.wraps?.argument;
    const args = layer.given.map(name =>
        `${name}=${name === wrapped && layer.inner ? layerCallText(layer.inner) : formatValue(layer.args[name])}`);
    return `${layer.kind}(${args.join(', ')})`;
}

/**
 * `units=30`, `activation=relu`, ...: the arguments the user gave, without the input shape, the
 * name and the wrapped layer (drawn inside), plus the activation even when left at its default,
 * as Keras's `plot_model(show_layer_activations=True)` shows it.
 */
export function keyArguments(layer: LayerDescription): string[] {
    const kind = findLayerKind(layer.kind);
    const hidden = (name: string) => NOT_SHOWN_IN_BOX.has(name) || name === kind?.wraps?.argument;
    const names = layer.given.filter(name => !hidden(name));
    if (kind?.args.some(spec => spec.name === 'activation') && !names.includes('activation')) names.push('activation');
    return names.map(name => `${name}=${name === 'activation' ? activationName(layer.args[name]) : shortValue(layer.args[name])}`);
}

/** Keras calls a missing activation "linear". */
function activationName(value: Value | undefined): string {
    return value === null || value === undefined ? 'linear' : shortValue(value);
}

/** Strings without their quotes (`relu`, `same`): a box has little room. */
function shortValue(value: Value | undefined): string {
    if (value === undefined) return '?';
    return typeof value === 'string' ? value : formatValue(value);
}
