/**
 * `rnnLens/explain` and `rnnLens/diagram`: one model's walk-through (Markdown) and diagram (SVG),
 * made by the functions `rnn-lens explain` and `rnn-lens diagram` call, from the document's
 * current analysis, so that the editor's views follow its edits.
 */
import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import type { DocumentAnalysis, ModelAnalysis } from '../analysis/types.js';
import { modelDiagramSvg } from '../diagram/svg.js';
import { isThemeName } from '../diagram/theme.js';
import { explainDocument } from '../explain/walkthrough.js';
import { exportBlockers } from '../keras/export-model.js';
import { untilBuilt } from './custom-requests-models.js';
import {
    DIAGRAM_REQUEST, EXPLAIN_REQUEST,
    type DiagramParams, type DiagramResult, type ExplainResult, type ModelParams, type NoSuchModel
} from './model-view-protocol.js';
import type { RnnLensServices } from './rnn-lens-module.js';

/** The analysis of the document's text as the server holds it (after the latest edit), and the model named. */
export async function modelOf(
    shared: LangiumSharedServices, services: RnnLensServices, params: ModelParams, token: CancellationToken
): Promise<{ analysis: DocumentAnalysis; model: ModelAnalysis; text: string } | NoSuchModel> {
    if (typeof params?.uri !== 'string' || typeof params.model !== 'string') return { error: 'The request names no document and model.', models: [] };
    const { analysis, text } = await documentAnalysis(shared, services, params.uri, token);
    const model = analysis.models.find(m => m.name === params.model);
    if (!model) return { error: `There is no model named "${params.model}" in ${params.uri}.`, models: analysis.models.map(m => m.name) };
    return { analysis, model, text };
}

/** The analysis and text of a document through its door: a Python file's or notebook's program, or a `.rnn` document. */
export async function documentAnalysis(
    shared: LangiumSharedServices, services: RnnLensServices, uri: string, token: CancellationToken
): Promise<{ analysis: DocumentAnalysis; text: string }> {
    const python = services.python.Door.analysisOf(uri);
    if (python) return { analysis: python.analysis, text: python.program.text };
    await untilBuilt(shared, uri, token);
    const document = await shared.workspace.LangiumDocuments.getOrCreateDocument(URI.parse(uri));
    return { analysis: services.analysis.AnalysisCache.get(document), text: document.textDocument.getText() };
}

export function registerViewRequests(connection: Connection, shared: LangiumSharedServices, services: RnnLensServices): void {
    connection.onRequest(EXPLAIN_REQUEST, async (params: ModelParams, token: CancellationToken): Promise<ExplainResult | NoSuchModel> => {
        const found = await modelOf(shared, services, params, token);
        if ('error' in found) return found;
        return { markdown: explainDocument(found.analysis, [found.model]), errors: exportBlockers(found.analysis, found.model) };
    });
    connection.onRequest(DIAGRAM_REQUEST, async (params: DiagramParams, token: CancellationToken): Promise<DiagramResult | NoSuchModel> => {
        const found = await modelOf(shared, services, params, token);
        if ('error' in found) return found;
        const theme = typeof params.theme === 'string' && isThemeName(params.theme) ? params.theme : 'light';
        return { svg: modelDiagramSvg(found.model, found.analysis.diagnostics, theme), errors: exportBlockers(found.analysis, found.model) };
    });
}
