/** What the commands write to, and how they fail: small, so that commands test without a process. */
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { analyzeText } from '../../language/src/parse.js';
import type { DiagnosticLevels, DocumentAnalysis, KerasVersion } from '../../language/src/index.js';
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

/** Reads and analyses a `.rnn` file, with its `data(...)` files resolved beside it. */
export function analyzeFile(file: string, { keras, levels }: AnalyzeFileOptions = {}): DocumentAnalysis {
    return analyzeText(readSource(file), { data: new CsvDataSource(dirname(file)), keras, levels });
}
