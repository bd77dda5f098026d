/** The machine-readable summary: `rnn-lens summary --json` and the `rnnLens/summary` request. */
import type { DocumentAnalysis, ModelAnalysis } from '../analysis/types.js';
import type { Dim } from '../catalog/shape.js';
import type { RnnDiagnostic } from '../model/diagnostic.js';

export interface LayerSummaryJson {
    readonly name: string;
    readonly type: string;
    readonly outputShape: readonly Dim[] | null;
    readonly params: number | null;
    readonly trainable: number | null;
    readonly nonTrainable: number | null;
}

export interface ModelSummaryJson {
    readonly name: string;
    readonly inputShape: readonly Dim[] | null;
    readonly layers: readonly LayerSummaryJson[];
    readonly totalParams: number;
    readonly trainableParams: number;
    readonly nonTrainableParams: number;
    /** False when a layer's shape or parameters cannot be known (see the diagnostics). */
    readonly complete: boolean;
    /** False when a count exceeds 2^53 and the numbers are approximate. */
    readonly exact: boolean;
}

export function modelSummaryJson(model: ModelAnalysis): ModelSummaryJson {
    return {
        name: model.name,
        inputShape: model.input ?? null,
        layers: model.layers.map(layer => ({
            name: layer.name,
            type: layer.kind,
            outputShape: layer.output ?? null,
            params: layer.params ? layer.params.trainable + layer.params.nonTrainable : null,
            trainable: layer.params?.trainable ?? null,
            nonTrainable: layer.params?.nonTrainable ?? null
        })),
        totalParams: model.totals.total,
        trainableParams: model.totals.trainable,
        nonTrainableParams: model.totals.nonTrainable,
        complete: model.complete,
        exact: model.exact
    };
}

export interface DiagnosticJson {
    readonly code: string;
    readonly severity: RnnDiagnostic['severity'];
    readonly message: string;
    readonly range: RnnDiagnostic['range'];
}

export function diagnosticJson(d: RnnDiagnostic): DiagnosticJson {
    return { code: d.code, severity: d.severity, message: d.message, range: d.range };
}

export function documentSummaryJson(analysis: DocumentAnalysis, models: readonly ModelAnalysis[] = analysis.models) {
    return { keras: analysis.keras, models: models.map(modelSummaryJson), diagnostics: analysis.diagnostics.map(diagnosticJson) };
}
