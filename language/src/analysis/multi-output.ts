/**
 * A last layer with several outputs (`return_state=True`, `Bidirectional(..., merge_mode=None)`):
 * Keras 3's Sequential builds it when nothing follows, and its summary prints the list of shapes
 * (`[(None, 4), (None, 4), (None, 4)]`); Keras 2's Sequential refuses any layer with several
 * outputs ("All layers in a Sequential model should have a single output tensor"). Anywhere but
 * last, both fail, which the catalog says. The parameters are those of the one-output layer.
 */
import { findLayerKind } from '../catalog/index.js';
import type { LayerOutcome } from '../catalog/layer-kind.js';
import type { Shape } from '../catalog/shape.js';
import type { LayerDescription } from '../model/description.js';
import { formatOutputs } from './several-outputs.js';
import { diagnostic, type RnnDiagnostic } from '../model/diagnostic.js';

export function isMultiOutput(layer: LayerDescription): boolean {
    if (layer.kind === 'Bidirectional') return layer.args.merge_mode === null || layer.inner?.args.return_state === true;
    return findLayerKind(layer.kind)?.recurrent === true && layer.args.return_state === true;
}

/** The same layer with one output: what its shapes and parameters are computed from. */
export function singleOutputVariant(layer: LayerDescription): LayerDescription {
    const inner = layer.inner ? { ...layer.inner, args: { ...layer.inner.args, return_state: false } } : undefined;
    const args = layer.kind === 'Bidirectional' ? { ...layer.args, merge_mode: 'concat' } : { ...layer.args, return_state: false };
    return inner ? { ...layer, args, inner } : { ...layer, args };
}

/** The outputs Keras 3 gives, in its order: the output (both directions' for merge_mode=None), then the states. */
export function outputShapes(layer: LayerDescription, outcome: LayerOutcome): Shape[] {
    const recurrent = layer.kind === 'Bidirectional' ? layer.inner! : layer;
    const perDirection = layer.kind === 'Bidirectional' ? outcome.inner?.output ?? outcome.output : outcome.output;
    const batch = outcome.output[0];
    const states: Shape[] = recurrent.args.return_state === true ? stateShapes(recurrent, batch) : [];
    if (layer.kind !== 'Bidirectional') return [outcome.output, ...states];
    const outputs = layer.args.merge_mode === null ? [perDirection, perDirection] : [outcome.output];
    return [...outputs, ...states, ...states];
}

/** The final states of a recurrent layer: h (and c for LSTM), per cell for RNN(cell), in Keras's order. */
function stateShapes(recurrent: LayerDescription, batch: Shape[number]): Shape[] {
    const cells = (call: LayerDescription): LayerDescription[] =>
        call.items ? call.items.flatMap(cells) : call.inner ? cells(call.inner) : [call];
    const layers = recurrent.kind === 'RNN' ? cells(recurrent) : [recurrent];
    return layers.flatMap(layer => Array.from({ length: layer.kind.startsWith('LSTM') ? 2 : 1 }, () => [batch, layer.args.units as number]));
}

/** Keras 3 builds the model; say what Keras 2 would do, on the argument that makes the outputs. */
export function multiOutputDifference(layer: LayerDescription, shapes: readonly Shape[]): RnnDiagnostic {
    const argument = layer.kind === 'Bidirectional' && layer.args.merge_mode === null ? layer : layer.inner ?? layer;
    const name = argument === layer && layer.kind === 'Bidirectional' && layer.args.merge_mode === null ? 'merge_mode' : 'return_state';
    const range = argument.valueRanges[name] ?? layer.nameRange;
    return diagnostic('keras-version-difference',
        `As the last layer this builds in Keras 3: the model's output is the list ${formatOutputs(shapes)}. Keras 2's Sequential refuses it ("All layers in a Sequential model should have a single output tensor. For multi-output layers, use the functional API."), and no layer can follow it in either. RNN Lens cannot train a model with several outputs.`,
        range);
}

/** Keras 2 refuses the layer (the catalog's error says so); say that Keras 3 builds it as the last layer. */
export function multiOutputInKeras3(layer: LayerDescription): RnnDiagnostic {
    const own = layer.kind === 'Bidirectional' && layer.args.merge_mode === null;
    const range = own ? layer.valueRanges.merge_mode ?? layer.nameRange : (layer.inner ?? layer).valueRanges.return_state ?? layer.nameRange;
    return diagnostic('keras-version-difference',
        'Keras 2\'s Sequential refuses a layer with several outputs ("All layers in a Sequential model should have a single output tensor. For multi-output layers, use the functional API."). Keras 3 builds it as the last layer, with a list of shapes as the model\'s output.',
        range);
}

