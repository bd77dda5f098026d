/**
 * The language server's requests behind Explain Model, Show Diagram, Export to Keras and Import
 * from Keras (language/src/lsp/model-view-protocol.ts: names and types only, so that the client
 * bundles do not take in the server library).
 */
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { ThemeName, ExportTarget, KerasSourceKind } from '../../../language/src/index.js';
import {
    DIAGRAM_REQUEST, EXPLAIN_REQUEST, EXPORT_KERAS_REQUEST, IMPORT_KERAS_REQUEST,
    type DiagramParams, type DiagramResult, type ExplainResult, type ExportKerasParams, type ExportKerasResult,
    type ImportKerasParams, type ImportKerasResult, type ModelParams, type NoSuchModel
} from '../../../language/src/lsp.js';
import type { SummarySource } from './summary-source.js';

export function requestExplain(client: BaseLanguageClient, source: SummarySource): Promise<ExplainResult | NoSuchModel> {
    const params: ModelParams = { uri: source.document, model: source.model };
    return client.sendRequest(EXPLAIN_REQUEST, params);
}

export function requestDiagram(client: BaseLanguageClient, source: SummarySource, theme: ThemeName): Promise<DiagramResult | NoSuchModel> {
    const params: DiagramParams = { uri: source.document, model: source.model, theme };
    return client.sendRequest(DIAGRAM_REQUEST, params);
}

export function requestExportKeras(client: BaseLanguageClient, source: SummarySource, target: ExportTarget): Promise<ExportKerasResult> {
    const params: ExportKerasParams = { uri: source.document, model: source.model, target };
    return client.sendRequest(EXPORT_KERAS_REQUEST, params);
}

export function requestImportKeras(client: BaseLanguageClient, text: string, kind: KerasSourceKind, fileName: string): Promise<ImportKerasResult> {
    const params: ImportKerasParams = { text, kind, fileName };
    return client.sendRequest(IMPORT_KERAS_REQUEST, params);
}
