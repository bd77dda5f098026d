/**
 * `rnnLens/exportKeras` and `rnnLens/importKeras`: the Keras bridge for the editor, made by the
 * functions `rnn-lens export` and `rnn-lens import` call (exportModelCode, importKerasText). In
 * the server, so that the extension stays the same thin client on the desktop and on the web.
 * The exporter is training's (training/src/export/): the entry point (server/) gives it to the
 * services, as the language core does not depend on training.
 */
import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import { analyzeText } from '../analyze-text.js';
import { baseName } from '../keras/file-names.js';
import { isExportTarget } from '../keras/export-target.js';
import { KerasImportError, importKerasText, isKerasSourceKind } from '../keras/import-text.js';
import { modelOf } from './custom-requests-views.js';
import {
    EXPORT_KERAS_REQUEST, IMPORT_KERAS_REQUEST,
    type ExportKerasParams, type ExportKerasResult, type ImportKerasParams, type ImportKerasResult
} from './model-view-protocol.js';
import type { RnnLensServices } from './rnn-lens-module.js';

export function registerKerasRequests(connection: Connection, shared: LangiumSharedServices, services: RnnLensServices): void {
    connection.onRequest(EXPORT_KERAS_REQUEST, async (params: ExportKerasParams, token: CancellationToken): Promise<ExportKerasResult> => {
        const target = params?.target ?? 'keras';
        if (!isExportTarget(target)) return { error: `The export target must be keras or tfjs, not "${String(target)}".`, problems: [] };
        const found = await modelOf(shared, services, params, token);
        if ('error' in found) return { error: found.error, problems: [] };
        const file = baseName(URI.parse(params.uri).path) || 'model.rnn';
        // As `rnn-lens export`: the text analysed without its data file, which the script loads where it runs.
        const exportModelCode = services.keras.ExportModelCode;
        if (!exportModelCode) return { error: 'This language server was started without the exporter.', problems: [] };
        const outcome = exportModelCode(found.text, analyzeText(found.text), params.model, file, target);
        switch (outcome.kind) {
            case 'code': return { code: outcome.code, model: outcome.model, target };
            case 'blocked': return { error: `The model "${outcome.model}" has errors to fix before it can be exported.`, problems: outcome.blockers };
            default: return { error: outcome.message, problems: [] };
        }
    });
    connection.onRequest(IMPORT_KERAS_REQUEST, async (params: ImportKerasParams): Promise<ImportKerasResult> => {
        if (typeof params?.text !== 'string') return { error: 'The request gives no code to import.' };
        const kind = params.kind ?? 'py';
        if (!isKerasSourceKind(kind)) return { error: `The code must be py or ipynb, not "${String(kind)}".` };
        try {
            const result = importKerasText(params.text, kind, typeof params.fileName === 'string' && params.fileName.length > 0 ? params.fileName : 'code.py');
            return { text: result.text, models: result.models, warnings: result.warnings.map(w => ({ where: w.where, message: w.message })) };
        } catch (error) {
            if (error instanceof KerasImportError) return { error: error.message };
            throw error;
        }
    });
}
