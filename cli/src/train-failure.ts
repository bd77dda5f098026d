/**
 * How `rnn-lens train --json` ends when it cannot train: one last object, `{"done": false, "error":
 * {...}}`, beside `{"done": true, ...}` when it can, so that a program reading the lines always
 * learns why the stream ended. The error names its place: a data file's `row` (as a spreadsheet
 * numbers it) and `column` (its header name), or the `.rnn` file's `line` and `character`
 * (1-based, as `rnn-lens check` prints them) and the diagnostic `code`.
 */
import { type ModelAnalysis, DataError, type RnnDiagnostic, type SourceRange } from '../../language/src/index.js';
import { TrainingBlocked } from '../../training/src/index.js';
import { CliError } from './io.js';

export type FailureKind = 'usage' | 'model' | 'data' | 'training' | 'internal';

export interface FailureJson {
    readonly kind: FailureKind;
    readonly message: string;
    /** The file at fault: the data file for `data`, the `.rnn` file otherwise (when there is one). */
    readonly file?: string;
    readonly row?: number;
    readonly column?: string;
    readonly line?: number;
    readonly character?: number;
    readonly code?: string;
    /** For `model`: every error that stops training, as `rnn-lens check --json` gives them. */
    readonly errors?: readonly { code: string; message: string; line: number; character: number }[];
}

/** What `train` knows when it fails: the .rnn file, and the model once it is chosen. */
export interface FailureContext {
    file?: string;
    model?: ModelAnalysis;
    /** Where a range is, as `file:line:column` (`file:cell N:line:column` in a notebook). */
    place?: (range: RnnDiagnostic['range']) => string;
}

export function failureLine(error: unknown, context: FailureContext): string {
    return JSON.stringify({ done: false, error: failureJson(error, context) });
}

/** The errors of the .rnn file that stop training (train.ts throws them as one). */
export class ModelErrors extends Error {
    constructor(readonly model: string, readonly errors: readonly RnnDiagnostic[]) {
        super(`model "${model}" cannot be trained until its errors are fixed.`);
    }
}

function failureJson(error: unknown, { file, model }: FailureContext): FailureJson {
    const inFile = file === undefined ? {} : { file };
    if (error instanceof DataError) {
        return { kind: 'data', message: error.message, file: error.file, ...(error.row !== undefined ? { row: error.row } : {}), ...(error.column !== undefined ? { column: error.column } : {}) };
    }
    if (error instanceof ModelErrors) {
        const errors = error.errors.map(d => ({ code: d.code, message: d.message, ...place(d.range) }));
        return { kind: 'model', message: error.message, ...inFile, ...(errors[0] ? { line: errors[0].line, character: errors[0].character, code: errors[0].code } : {}), errors };
    }
    if (error instanceof TrainingBlocked) {
        const layer = model?.layers.find(l => l.name === error.problems[0]?.layer);
        const where = layer ? place(layer.description.nameRange) : model ? place(model.description.nameRange) : {};
        return { kind: 'training', message: error.message, ...inFile, ...where };
    }
    if (error instanceof CliError) return { kind: 'usage', message: error.message, ...inFile };
    return { kind: 'internal', message: error instanceof Error ? error.message : String(error), ...inFile };
}

function place(range: SourceRange): { line: number; character: number } {
    return { line: range.start.line + 1, character: range.start.character + 1 };
}
