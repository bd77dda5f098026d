/**
 * The Python text `rnn-lens import` parses, with where each line was written: a `.py` file's
 * text, or a notebook's code cells one after the other, read as the Python door reads them
 * (python/notebook-json.ts, program.ts: magics and shell escapes blanked, cells of another
 * language or under a cell magic not read), so that a line keeps its number within its cell.
 */
import { readNotebookJson } from '../python/notebook-json.js';
import { cellUnits, NotebookMap } from '../python/program.js';

export interface PythonSource {
    readonly text: string;
    /** Where line `line` (1-based, of `text`) was written: "line 12" or "cell 3, line 2". */
    where(line: number): string;
}

export function pythonFileSource(text: string): PythonSource {
    return { text, where: line => `line ${line}` };
}

/** Throws NotebookJsonError, naming the file, when the text is not a notebook. */
export function notebookSource(json: string, fileName: string): PythonSource {
    const units = cellUnits(readNotebookJson(json, fileName));
    const map = new NotebookMap(units);
    return { text: units.map(u => u.text).join('\n'), where: line => map.where(line - 1) };
}
