/**
 * What an export is asked for and what it answers: the words the language server's
 * `rnnLens/exportKeras` request and its clients share. The exporter itself (the code writers,
 * which build the model the way training does) sits beside training: training/src/export/.
 */
import type { DocumentAnalysis } from '../analysis/types.js';

export type ExportTarget = 'keras' | 'tfjs';
export const EXPORT_TARGETS: readonly ExportTarget[] = ['keras', 'tfjs'];

export function isExportTarget(value: unknown): value is ExportTarget {
    return value === 'keras' || value === 'tfjs';
}

export type ExportOutcome =
    | { readonly kind: 'code'; readonly model: string; readonly code: string }
    /** No such model, or no name given for a file of several. */
    | { readonly kind: 'no-model'; readonly message: string }
    /** Errors inside the model (`line:col code message` each): Keras would not build it. */
    | { readonly kind: 'blocked'; readonly model: string; readonly blockers: readonly string[] }
    /** The target lacks what the model needs (tfjs: a stateful layer, an activation). */
    | { readonly kind: 'unsupported'; readonly model: string; readonly message: string };

/**
 * One model of a `.rnn` text as code (training/src/export/export-code.ts's exportModelCode): the
 * language server is given it by its entry point (server/), since the language core does not
 * depend on training.
 */
export type ModelCodeExporter = (text: string, analysis: DocumentAnalysis, name: string | undefined, file: string, to: ExportTarget) => ExportOutcome;
