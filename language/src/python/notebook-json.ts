/** A `.ipynb` file's cells, as the Python door reads them (nbformat 4; nbformat 3's worksheets too). */
import type { PythonCell } from './program.js';

export class NotebookJsonError extends Error {
    constructor(message: string) {
        super(message);
        this.name = 'NotebookJsonError';
    }
}

/** Throws NotebookJsonError, naming the file, when the text is not a notebook. */
export function readNotebookJson(json: string, fileName: string): PythonCell[] {
    let notebook: unknown;
    try {
        notebook = JSON.parse(json);
    } catch (error) {
        throw new NotebookJsonError(`${fileName} is not a notebook: its JSON does not parse (${(error as Error).message}).`);
    }
    const top = (notebook ?? {}) as { cells?: unknown; worksheets?: unknown; metadata?: { kernelspec?: { language?: unknown }; language_info?: { name?: unknown } } };
    const worksheets = Array.isArray(top.worksheets) ? top.worksheets as Array<{ cells?: unknown }> : [];
    const cells = Array.isArray(top.cells) ? top.cells : worksheets.flatMap(w => (Array.isArray(w?.cells) ? w.cells : []));
    if (!Array.isArray(top.cells) && worksheets.length === 0) {
        throw new NotebookJsonError(`${fileName} is not a notebook: it has no "cells" list (nbformat 4 is read).`);
    }
    const language = top.metadata?.language_info?.name ?? top.metadata?.kernelspec?.language;
    return cells.map((cell: { cell_type?: unknown; source?: unknown; input?: unknown }) => {
        const source = cell?.source ?? cell?.input;
        const text = Array.isArray(source) ? source.filter(s => typeof s === 'string').join('') : typeof source === 'string' ? source : '';
        const kind = typeof cell?.cell_type === 'string' ? cell.cell_type : 'raw';
        return { text, kind, language: typeof language === 'string' ? language : 'python' };
    });
}
