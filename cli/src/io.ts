/** What the commands write to, and how they fail: small, so that commands test without a process. */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import {
    analyzeText, analyzeNotebook, analyzePython, NotebookJsonError, readNotebookJson, type NotebookMap
} from '../../language/src/parse.js';
import type { DiagnosticLevels, DocumentAnalysis, KerasVersion, SourceRange } from '../../language/src/index.js';
import { CsvDataSource } from '../../language/src/node.js';

export interface Io {
    out(text: string): void;
    err(text: string): void;
}

/** A failure the user can fix (a missing file, a wrong option): reported as a message, exit code 2. */
export class CliError extends Error {}

export function readSource(file: string): string {
    try {
        return readFileSync(file, 'utf8');
    } catch (error) {
        const code = (error as NodeJS.ErrnoException).code;
        const why = code === 'ENOENT' ? 'no such file' : code === 'EISDIR' ? 'it is a directory' : code === 'EACCES' ? 'permission denied' : (error as Error).message;
        throw new CliError(`cannot read "${file}": ${why}.`);
    }
}

/** What the command line analyses a file under: the default Keras version, `--diagnostic` levels. */
export interface AnalyzeFileOptions {
    readonly keras?: KerasVersion;
    readonly levels?: DiagnosticLevels;
}

/** The cells of the notebooks analysed, for placing diagnostics: `file:cell 3:2:5`. */
const notebookMaps = new WeakMap<DocumentAnalysis, NotebookMap>();

/**
 * Reads and analyses a `.rnn` file, with its `data(...)` files resolved beside it; a `.py` file
 * or a `.ipynb` notebook through the Python door (its models named after their variables).
 */
export function analyzeFile(file: string, { keras, levels }: AnalyzeFileOptions = {}): DocumentAnalysis {
    const data = new CsvDataSource(dirname(file));
    const lower = file.toLowerCase();
    if (lower.endsWith('.py')) return analyzePython(readSource(file), { data, keras, levels }).analysis;
    if (lower.endsWith('.ipynb')) {
        let cells;
        try {
            cells = readNotebookJson(readSource(file), file);
        } catch (error) {
            if (error instanceof NotebookJsonError) throw new CliError(error.message);
            throw error;
        }
        const { analysis, map } = analyzeNotebook(cells, { data, keras, levels });
        notebookMaps.set(analysis, map);
        return analysis;
    }
    return analyzeText(readSource(file), { data, keras, levels });
}

/** Where a range starts, as compilers print it: `file:line:column`, or `file:cell N:line:column` in a notebook (cells counted from 1, every cell counted). */
export function placeOf(file: string, analysis: DocumentAnalysis, range: SourceRange): string {
    const map = notebookMaps.get(analysis);
    if (!map) return `${file}:${range.start.line + 1}:${range.start.character + 1}`;
    const { cell, position } = map.toCell(range.start);
    return `${file}:cell ${cell + 1}:${position.line + 1}:${position.character + 1}`;
}
