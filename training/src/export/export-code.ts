/**
 * One model of a `.rnn` text as Keras (Python) or tfjs (TypeScript) code, or why it cannot be:
 * what `rnn-lens export` and the language server's `rnnLens/exportKeras` both call, so that the
 * command line and the editor export the same code and refuse the same models.
 */
import {
    type DocumentAnalysis, baseName, ExportError, exportBlockers, modelToExport, type ExportOutcome, type ExportTarget
} from '../../../language/src/index.js';
import { exportKeras } from './export-keras.js';
import { exportTfjs } from './export-tfjs.js';

/**
 * `file` names the .rnn file in messages; the generated code names its base name. The data
 * file of `data(...)` is not read: the code loads it where it runs.
 */
export function exportModelCode(text: string, analysis: DocumentAnalysis, name: string | undefined, file: string, to: ExportTarget): ExportOutcome {
    let model;
    try {
        model = modelToExport(analysis, name, file);
    } catch (error) {
        if (error instanceof ExportError) return { kind: 'no-model', message: error.message };
        throw error;
    }
    const blockers = exportBlockers(analysis, model);
    // tfjs code is built from every layer's shapes: a Lambda that leaves them unknown blocks it.
    if (blockers.length === 0 && to === 'tfjs' && !model.complete) blockers.push(`model "${model.name}" has layers whose shapes are unknown (see rnn-lens check).`);
    if (blockers.length > 0) {
        return { kind: 'blocked', model: model.name, blockers };
    }
    const rnnFile = baseName(file);
    try {
        const code = to === 'keras' ? exportKeras(text, analysis, model, rnnFile) : exportTfjs(model, rnnFile);
        return { kind: 'code', model: model.name, code };
    } catch (error) {
        if (error instanceof ExportError) return { kind: 'unsupported', model: model.name, message: error.message };
        throw error;
    }
}
