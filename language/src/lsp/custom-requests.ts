/**
 * Requests beyond LSP that the extension and the training panel send:
 * `rnnLens/summary` (the Keras summaries of a document) and `rnnLens/modelDescription`
 * (one model's plain description with its analysis, or the errors that stop it); with them
 * those of custom-requests-models.ts, -views.ts (explain, diagram) and -keras.ts (export, import).
 */
import type { LangiumSharedServices } from 'langium/lsp';
import { CancellationToken, type Connection } from 'vscode-languageserver';
import { documentSummaryJson, modelSummaryJson } from '../format/summary-json.js';
import { severalOutputs } from '../analysis/several-outputs.js';
import { formatSummary } from '../format/summary-table.js';
import type { RnnLensServices } from './rnn-lens-module.js';
import { toLspDiagnostic } from './document-validator.js';
import { servedByLangium } from './served-uri.js';
import { modelOutline, registerModelsRequest } from './custom-requests-models.js';
import { pythonOutlines } from './python/python-outlines.js';
import { registerKerasRequests } from './custom-requests-keras.js';
import { documentAnalysis, modelOf, registerViewRequests } from './custom-requests-views.js';

export interface SummaryParams { readonly uri: string; readonly model?: string }
export interface ModelDescriptionParams { readonly uri: string; readonly model: string }

export const SUMMARY_REQUEST = 'rnnLens/summary';

export const MODEL_DESCRIPTION_REQUEST = 'rnnLens/modelDescription';

export function registerCustomRequests(connection: Connection, shared: LangiumSharedServices, services: RnnLensServices): void {
    // Answers describe the latest edit: wait until the document (if open) is built.
    const analysisOf = async (uri: string, token: CancellationToken = CancellationToken.None) =>
        (await documentAnalysis(shared, services, uri, token)).analysis;
    connection.onRequest(SUMMARY_REQUEST, async (params: SummaryParams, token: CancellationToken) => {
        const analysis = await analysisOf(params.uri, token);
        const models = params.model === undefined ? analysis.models : analysis.models.filter(m => m.name === params.model);
        return { ...documentSummaryJson(analysis, models), text: models.map(m => formatSummary(m)).join('\n\n') };
    });
    connection.onRequest(MODEL_DESCRIPTION_REQUEST, async (params: ModelDescriptionParams, token: CancellationToken) => {
        const found = await modelOf(shared, services, params, token);
        if ('error' in found) return found;
        const { analysis, model } = found;
        const inside = (line: number) => line >= model.description.range.start.line && line <= model.description.range.end.line;
        const errors = analysis.diagnostics.filter(d => d.severity === 'error' && (inside(d.range.start.line) || !analysis.models.some(m => d.range.start.line >= m.description.range.start.line && d.range.start.line <= m.description.range.end.line)));
        return {
            // The whole analysis (plain JSON): what the training panel trains and shows.
            analysis: model,
            model: model.description,
            constants: analysis.description.constants,
            summary: modelSummaryJson(model),
            layers: model.layers.map(l => ({ name: l.name, kind: l.kind, input: l.input ?? null, output: l.output ?? null, params: l.params ?? null, outcome: l.outcome ?? null })),
            errors: errors.map(toLspDiagnostic),
            trainable: errors.length === 0 && model.complete && !severalOutputs(model),
            // Why a model Keras builds cannot be trained (several outputs), for the panel to say before training.
            untrainable: severalOutputs(model) ?? null
        };
    });
    registerModelsRequest(connection, async (uri, token) => {
        // A document neither door holds yet, of no language Langium serves: VS Code asks for a Python
        // file's models before its didOpen can come (python-door.ts, whenHeld); wait a moment for it.
        const python = servedByLangium(shared, uri) ? undefined : await services.python.Door.heldAnalysisOf(uri);
        if (python) return pythonOutlines(python.program, python.analysis, uri);
        return (await analysisOf(uri, token)).models.map(modelOutline);
    });
    registerViewRequests(connection, shared, services);
    registerKerasRequests(connection, shared, services);
}
