/**
 * Analysis: the plain description in, per model and per layer the Keras name, shapes,
 * parameters and explanation out, with every diagnostic the core can give without an editor.
 */
import { isLayerError } from '../catalog/layer-kind.js';
import type { Shape } from '../catalog/shape.js';
import type { DocumentDescription, ModelDescription } from '../model/description.js';
import { compareRanges } from '../model/source.js';
import type { RnnDiagnostic } from '../model/diagnostic.js';
import { effectiveKerasVersion, type KerasVersion } from '../model/keras-version.js';
import { computeLayer } from './compute-layer.js';
import { applyDiagnosticLevels, type DiagnosticLevels } from './diagnostic-levels.js';
import { checkData, type DataSource } from './data-checks.js';
import { LayerNamer } from './layer-names.js';
import { denseOnSequence, largeModel, missingInputShape, missingReturnSequences, unbuiltNote } from './model-checks.js';
import { layerVersionCheck, modelInput } from './keras-versions.js';
import { isMultiOutput, multiOutputDifference, multiOutputInKeras3, outputShapes, singleOutputVariant } from './multi-output.js';
import type { DocumentAnalysis, LayerAnalysis, ModelAnalysis } from './types.js';

export interface AnalysisOptions {
    /** Reads the CSV files that `data(...)` names; without it, data diagnostics are skipped. */
    readonly data?: DataSource;
    /** Analyses kept from earlier versions of the document (the language server's). */
    readonly cache?: ModelAnalysisCache;
    /** The Keras version for files without a `keras N` statement (the editor setting, the CLI's --keras); 3 when absent. */
    readonly keras?: KerasVersion;
    /** Each code's level from the settings; the file's own directives win over them. */
    readonly levels?: DiagnosticLevels;
}

/**
 * A model's analysis depends on its description alone, which the lowering cache keeps as the
 * same object while the model is unchanged; except for `data(...)`, whose files may change on
 * disk: those models are analysed every time.
 */
export type ModelAnalysisCache = WeakMap<ModelDescription, { readonly analysis: ModelAnalysis; readonly diagnostics: readonly RnnDiagnostic[] }>;

export function analyzeDescription(description: DocumentDescription, options: AnalysisOptions = {}): DocumentAnalysis {
    const diagnostics: RnnDiagnostic[] = [...description.diagnostics];
    const keras = effectiveKerasVersion(description.keras?.version, options.keras);
    const models = description.models.map(model => analyzeModelCached(model, diagnostics, options, keras));
    diagnostics.sort((a, b) => compareRanges(a.range, b.range));
    return { description, models, diagnostics: applyDiagnosticLevels(diagnostics, description.directives ?? {}, options.levels ?? {}), keras };
}

function analyzeModelCached(model: ModelDescription, diagnostics: RnnDiagnostic[], options: AnalysisOptions, keras: KerasVersion): ModelAnalysis {
    const kept = options.cache?.get(model);
    if (kept && kept.analysis.keras === keras) {
        diagnostics.push(...kept.diagnostics);
        return kept.analysis;
    }
    const own: RnnDiagnostic[] = [];
    const analysis = analyzeModel(model, own, options, keras);
    diagnostics.push(...own);
    if (!model.data) options.cache?.set(model, { analysis, diagnostics: own });
    return analysis;
}

function analyzeModel(model: ModelDescription, diagnostics: RnnDiagnostic[], options: AnalysisOptions, keras: KerasVersion): ModelAnalysis {
    const namer = new LayerNamer();
    const layers: LayerAnalysis[] = [];
    const given = modelInput(model, keras);
    diagnostics.push(...given.diagnostics.map(d => unbuiltNote(model, d)));
    const input: Shape | undefined = given.input ? [given.input.batchSize, ...given.input.shape] : undefined;
    let shape = input;
    let complete = shape !== undefined;
    let outputs: readonly Shape[] | undefined;
    if (!model.input) {
        const missing = missingInputShape(model);
        if (missing) diagnostics.push(missing);
    }
    model.layers.forEach((layer, index) => {
        const name = namer.nameOf(layer);
        const base = { index, name, kind: layer.kind, description: layer };
        if (!shape || !layer.valid) {
            complete = false;
            shape = undefined;
            layers.push(base);
            return;
        }
        const versions = layerVersionCheck(layer, keras, index === 0 && model.input?.source !== 'Input');
        diagnostics.push(...versions.diagnostics);
        if (versions.fails) {
            layers.push({ ...base, input: shape });
            shape = undefined;
            complete = false;
            return;
        }
        const last = index === model.layers.length - 1 && isMultiOutput(layer);
        if (last && keras === 2) diagnostics.push(multiOutputInKeras3(layer));
        const { result, diagnostics: found, training } = computeLayer(last && keras === 3 ? singleOutputVariant(layer) : layer, shape, name, keras);
        if (last && keras === 3 && !isLayerError(result)) {
            outputs = outputShapes(layer, result);
            diagnostics.push(...found, multiOutputDifference(layer, outputs));
            layers.push({ ...base, input: shape, output: outputs[0], outputs, params: result.params, outcome: result, ...(training ? { training } : {}) });
            shape = outputs[0];
            return;
        }
        if (isLayerError(result)) {
            // A 2D output of a recurrent layer fed to a layer that needs a sequence: say what to do.
            const producer = layers[index - 1];
            const better = result.error.code === 'incompatible-rank' && producer
                ? missingReturnSequences(producer, layer, name, shape) : undefined;
            diagnostics.push(...(better ? [better, ...found.filter(d => d.message !== result.error.message)] : found));
            layers.push({ ...base, input: shape });
            shape = undefined;
            complete = false;
            return;
        }
        diagnostics.push(...found);
        layers.push({ ...base, input: shape, output: result.output, params: result.params, outcome: result, ...(training ? { training } : {}) });
        shape = result.output;
    });
    const totals = layers.reduce(
        (sum, l) => ({
            total: sum.total + (l.params ? l.params.trainable + l.params.nonTrainable : 0),
            trainable: sum.trainable + (l.params?.trainable ?? 0),
            nonTrainable: sum.nonTrainable + (l.params?.nonTrainable ?? 0)
        }),
        { total: 0, trainable: 0, nonTrainable: 0 });
    const analysis: ModelAnalysis = {
        name: model.name,
        description: model,
        input,
        layers,
        totals,
        complete: complete && model.layers.length > 0,
        output: complete && !outputs ? shape : undefined,
        exact: Number.isSafeInteger(totals.total),
        keras
    };
    diagnostics.push(...denseOnSequence(analysis), ...largeModel(analysis));
    diagnostics.push(...checkData(analysis, options.data));
    return analysis;
}
