/** A model's errors and warnings, by where they apply: on one of its layers, or on the model itself. */
import type { LayerAnalysis, ModelAnalysis } from '../analysis/types.js';
import type { RnnDiagnostic } from '../model/diagnostic.js';
import { rangeContains } from '../model/source.js';

export interface ModelProblems {
    readonly ofLayer: (layer: LayerAnalysis) => readonly RnnDiagnostic[];
    /** Those on the model but outside its layers (its name, compile(...), ...). */
    readonly ofModel: readonly RnnDiagnostic[];
}

/**
 * `diagnostics`: the document's. Information and hint levels (a GPU kernel, when turned on) are
 * for the editor: an explanation of the model leaves them out.
 */
export function modelProblems(model: ModelAnalysis, diagnostics: readonly RnnDiagnostic[]): ModelProblems {
    const shown = diagnostics.filter(d => (d.severity === 'error' || d.severity === 'warning') && rangeContains(model.description.range, d.range));
    return {
        ofLayer: layer => shown.filter(d => rangeContains(layer.description.range, d.range)),
        ofModel: shown.filter(d => !model.layers.some(l => rangeContains(l.description.range, d.range)))
    };
}
