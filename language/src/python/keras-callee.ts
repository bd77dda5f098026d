/**
 * Which Keras class a call of the code makes (`layers.LSTM(...)`, `Adam(...)`), read once for
 * both readers of Keras code: the door's syntax records (python-syntax.ts, read-models.ts) and
 * `rnn-lens import` (keras/import-values.ts, import-models.ts). Each words its own refusals:
 * the door in a diagnostic's sentence, the import in a comment of the `.rnn` text.
 */
import { findKerasLayer, kerasCallModule } from '../catalog/keras-form.js';
import type { LayerKind } from '../catalog/layer-kind.js';
import type { KerasName, KerasNames } from '../keras/import-names.js';
import type { PyExpr } from '../keras/python-ast.js';

export type KerasCallee =
    /** A layer of the catalog: its kind's name, and the keywords its alias renames (InputLayer's input_shape → shape). */
    | { readonly kind: 'layer'; readonly resolved: KerasName; readonly name: string; readonly layer: LayerKind; readonly renames: Readonly<Record<string, string>> }
    /** Another Keras class or function RNN Lens reads by name: an optimizer, a loss, a callback, a layer outside the catalog. */
    | { readonly kind: 'class'; readonly resolved: KerasName; readonly name: string }
    /** `Dense(3)(x)`: a layer applied to a tensor. */
    | { readonly kind: 'functional' }
    /** Not a dotted name of Keras's (a custom class, a method of a value): `resolved` when it is a dotted name. */
    | { readonly kind: 'not-keras'; readonly resolved?: KerasName }
    /** A Keras name that is no class RNN Lens reads (`keras.ops.sum`): computed when the code runs. */
    | { readonly kind: 'not-class'; readonly resolved: KerasName };

export function kerasCallee(names: KerasNames, callee: PyExpr): KerasCallee {
    if (callee.type === 'call') return { kind: 'functional' };
    const resolved = names.resolve(callee);
    if (!resolved?.keras) return resolved ? { kind: 'not-keras', resolved } : { kind: 'not-keras' };
    const layer = findKerasLayer(resolved.name);
    if (layer) return { kind: 'layer', resolved, name: layer.kind.name, layer: layer.kind, renames: layer.renames };
    // A name the catalog's Keras modules hold (optimizers, losses, callbacks ...), or a capitalised one: a Keras class.
    if (kerasCallModule(resolved.name) !== undefined || /^[A-Z]/.test(resolved.name)) return { kind: 'class', resolved, name: resolved.name };
    return { kind: 'not-class', resolved };
}
