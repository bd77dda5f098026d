/** Checks of a model as a whole: its input, recurrent layers feeding each other, Dense on sequences, size. */
import { findLayerKind } from '../catalog/index.js';
import { formatCount } from '../catalog/numbers.js';
import { formatShape, type Shape } from '../catalog/shape.js';
import type { LayerDescription, ModelDescription } from '../model/description.js';
import { diagnostic, type RnnDiagnostic } from '../model/diagnostic.js';
import { addArgumentEdit, removeArgumentEdit } from '../model/edits.js';
import { sequenceItems } from '../model/values.js';
import type { LayerAnalysis, ModelAnalysis } from './types.js';

/** The recurrent call inside a layer: the layer itself, or the one a wrapper wraps. */
export function recurrentCallOf(layer: LayerDescription): LayerDescription | undefined {
    if (findLayerKind(layer.kind)?.recurrent) return layer;
    return layer.inner && findLayerKind(layer.inner.kind)?.recurrent ? layer.inner : undefined;
}

export function missingInputShape(model: ModelDescription): RnnDiagnostic | undefined {
    const first = model.layers.find(l => findLayerKind(l.kind));
    if (!first || model.inputUnknown) return undefined;
    const data = model.data;
    const features = sequenceItems(data?.args.features)?.length;
    const lookback = data?.args.lookback;
    const fromData = typeof lookback === 'number' && features !== undefined;
    const shape = fromData ? `(${lookback}, ${features})` : '(None, 1)';
    const edit = addArgumentEdit(first, `input_shape=${shape}`);
    const why = model.buildsWhenCalled
        ? `Model "${model.name}" has no input shape: Keras builds it when it is first called on data (fit, predict), so its shapes and parameter counts cannot be shown before then (Keras 3's model.summary() shows "?" and "0 (unbuilt)"; Keras 2's says "This model has not yet been built").`
        : `Model "${model.name}" has no input shape, so no shape or parameter count can be known. Keras: "This model has not yet been built. Build the model first by calling build() or by calling the model on a batch of data."`;
    return unbuiltNote(model, diagnostic('missing-input-shape',
        `${why} Add Input(shape=(steps, features)) first, or input_shape=(steps, features) on ${first.kind}.`,
        first.nameRange,
        edit ? [{
            title: fromData ? `Add input_shape=${shape} (from data: lookback ${lookback}, ${features} features)` : `Add input_shape=${shape} to ${first.kind}`,
            edits: [edit],
            preferred: fromData
        }] : []));
}

/** A model that Keras builds at its first call (Python): its missing input is an information note, not an error. */
export function unbuiltNote(model: ModelDescription, d: RnnDiagnostic): RnnDiagnostic {
    return model.buildsWhenCalled && d.code === 'missing-input-shape' ? { ...d, severity: 'information' } : d;
}

/** The layer before needs `return_sequences=True` when this one needs a sequence and gets 2D. */
export function missingReturnSequences(producer: LayerAnalysis, consumer: LayerDescription, consumerName: string, input: Shape): RnnDiagnostic | undefined {
    const recurrent = recurrentCallOf(producer.description);
    const needs = findLayerKind(consumer.kind)?.inputRank.min ?? 0;
    if (!recurrent || input.length !== 2 || needs < 3 || recurrent.args.return_sequences === true) return undefined;
    const edit = addArgumentEdit(recurrent, 'return_sequences=True');
    return diagnostic('missing-return-sequences',
        `${consumer.kind} needs a sequence (batch, steps, features), but ${producer.name} returns only its last hidden state ${formatShape(input)}. Add return_sequences=True to the ${recurrent.kind} before it. Keras: "Input 0 of layer "${consumerName}" is incompatible with the layer: expected ndim=3, found ndim=2. Full shape received: ${formatShape(input)}".`,
        consumer.nameRange,
        edit ? [{ title: `Add return_sequences=True to ${producer.name}`, edits: [edit], preferred: true }] : []);
}

/** Dense on a 3D input at the end of a model: usually a recurrent layer kept return_sequences=True. */
export function denseOnSequence(model: ModelAnalysis): RnnDiagnostic[] {
    if (!model.output || model.output.length !== 3) return [];
    const result: RnnDiagnostic[] = [];
    let lastSequenceLayer: LayerAnalysis | undefined;
    for (const layer of model.layers) {
        const recurrent = recurrentCallOf(layer.description);
        if (recurrent) lastSequenceLayer = recurrent.args.return_sequences === true ? layer : undefined;
        if (layer.kind !== 'Dense' || layer.input?.length !== 3 || !lastSequenceLayer) continue;
        const source = recurrentCallOf(lastSequenceLayer.description)!;
        const edit = source.given.includes('return_sequences') ? removeArgumentEdit(source, 'return_sequences') : undefined;
        result.push(diagnostic('dense-on-sequence',
            `Dense gets the sequence ${formatShape(layer.input)} and is applied at every one of its ${layer.input[1] ?? 'None'} steps, so the model outputs ${formatShape(model.output)}: one prediction per step, not one per sample. This is usually because ${lastSequenceLayer.name} keeps return_sequences=True; remove it to pass on only the last state.`,
            layer.description.nameRange,
            edit ? [{ title: `Remove return_sequences=True from ${lastSequenceLayer.name}`, edits: [edit], preferred: true }] : []));
    }
    return result;
}

/** Above this, training in the editor (tfjs, one process) gets slow or runs out of memory. */
export const LARGE_MODEL_PARAMS = 10_000_000;
/** Weights, gradients and Adam's two moment estimates, 4 bytes each. */
const BYTES_PER_PARAM_IN_TRAINING = 16;

export function largeModel(model: ModelAnalysis): RnnDiagnostic[] {
    const total = model.totals.total;
    if (total <= LARGE_MODEL_PARAMS) return [];
    const megabytes = (total * BYTES_PER_PARAM_IN_TRAINING) / 1e6;
    const exact = Number.isSafeInteger(total) ? '' : ' (more than 2^53: the count is approximate)';
    return [diagnostic('large-model',
        `Model "${model.name}" has ${formatCount(total)} parameters${exact}: training it needs about ${formatCount(Math.round(megabytes))} MB for weights, gradients and Adam's moment estimates (${BYTES_PER_PARAM_IN_TRAINING} bytes each), before activations. Training in the editor will be slow or run out of memory; use fewer units or filters.`,
        model.description.nameRange)];
}
