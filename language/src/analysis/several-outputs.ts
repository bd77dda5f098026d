/**
 * A layer's several outputs as Keras 3's summary prints them, and why a model ending in one cannot
 * be trained here: small and free of the catalog, so that the training panel can use it too.
 */
import { formatShape, type Shape } from '../catalog/shape.js';
import type { ModelAnalysis } from './types.js';

export function formatOutputs(shapes: readonly Shape[]): string {
    return `[${shapes.map(s => formatShape(s)).join(', ')}]`;
}

/** Why a model that Keras 3 builds cannot be trained here: it ends in several outputs. Undefined otherwise. */
export function severalOutputs(model: ModelAnalysis): string | undefined {
    const last = model.layers.at(-1);
    if (!last?.outputs) return undefined;
    return `Model "${model.name}" ends in ${last.name}, which has several outputs ${formatOutputs(last.outputs)}: Keras 3 builds it, but training fits one output to one target. Give ${last.name} one output (no return_state, a merge_mode) to train it in RNN Lens.`;
}
