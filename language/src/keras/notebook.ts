/**
 * Jupyter notebooks (.ipynb): the code cells joined into one Python text, with IPython's
 * magics and shell escapes (`%matplotlib inline`, `!pip install ...`) blanked out (they are not
 * Python), and a map from each line of the joined text back to its cell for messages.
 */

export interface PythonSource {
    readonly text: string;
    /** Where line `line` (1-based, of `text`) was written: "line 12" or "cell 3, line 2". */
    where(line: number): string;
}

export function pythonFileSource(text: string): PythonSource {
    return { text, where: line => `line ${line}` };
}

export class NotebookError extends Error {}

/** Cell magics whose cell is still Python after the first line; any other `%%` cell is not Python. */
const PYTHON_CELL_MAGICS = new Set(['%%time', '%%timeit', '%%capture']);

export function notebookSource(json: string): PythonSource {
    let notebook: unknown;
    try {
        notebook = JSON.parse(json);
    } catch (error) {
        throw new NotebookError(`not a notebook: the file is not JSON (${(error as Error).message}).`);
    }
    const cells = (notebook as { cells?: unknown }).cells;
    if (!Array.isArray(cells)) throw new NotebookError('not a notebook: it has no "cells" list (nbformat 4 is read).');
    const lines: string[] = [];
    /** For each line of `lines`: [cell number (1-based, counting every cell), line in the cell]. */
    const origins: Array<[number, number]> = [];
    cells.forEach((cell: { cell_type?: unknown; source?: unknown }, index) => {
        if (cell?.cell_type !== 'code') return;
        const source = Array.isArray(cell.source) ? cell.source.join('') : typeof cell.source === 'string' ? cell.source : '';
        const cellLines = source.split(/\r?\n/);
        const magic = cellLines[0]?.trim().split(/\s/)[0] ?? '';
        if (magic.startsWith('%%') && !PYTHON_CELL_MAGICS.has(magic)) return;
        cellLines.forEach((line, i) => {
            // Blank (not removed), so that every other line keeps its number within the cell.
            lines.push(/^\s*[%!]/.test(line) ? '' : line);
            origins.push([index + 1, i + 1]);
        });
    });
    return {
        text: lines.join('\n'),
        where(line) {
            const origin = origins[line - 1];
            return origin ? `cell ${origin[0]}, line ${origin[1]}` : `line ${line}`;
        }
    };
}
