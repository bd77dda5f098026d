/**
 * What Import from Keras sends the language server: a Python file's text, a notebook's cells as
 * nbformat JSON, or a selection of Python lines; and how it reports the result. Pure, for tests:
 * import-keras.ts reads the editor and opens the result.
 */
import type { ImportKerasResult } from '../../../language/src/lsp.js';

/** A notebook cell as VS Code holds it: its kind (code or Markdown) and its text. */
export interface CellText {
    readonly code: boolean;
    readonly text: string;
}

/**
 * The cells as an nbformat 4 notebook, Markdown cells included, so that the server's messages
 * count cells as the notebook shows them ("cell 3, line 2").
 */
export function notebookJson(cells: readonly CellText[]): string {
    return JSON.stringify({
        nbformat: 4,
        nbformat_minor: 5,
        metadata: {},
        cells: cells.map(cell => ({ cell_type: cell.code ? 'code' : 'markdown', metadata: {}, source: cell.text }))
    });
}

/**
 * Selected Python lines (`first` to `last` of the file's `lines`, 0-based) as a file of their own
 * that keeps their line numbers, so that a warning's "line 12" is line 12 of the editor. Above
 * them, only the file's top-level imports and constants stay (the names the selection uses:
 * `from keras.layers import LSTM as L`, `n_steps = 21`); every other line is blanked, so that a
 * model above the selection is not imported with it. The selection's common indentation is taken
 * off: code selected inside a function or an `if` still parses.
 */
export function selectionSource(lines: readonly string[], first: number, last: number): string {
    const selected = lines.slice(first, last + 1);
    const indents = selected.filter(l => l.trim().length > 0).map(l => /^[ \t]*/.exec(l)![0]);
    const common = indents.reduce((a, b) => {
        let i = 0;
        while (i < a.length && i < b.length && a[i] === b[i]) i++;
        return a.slice(0, i);
    }, indents[0] ?? '');
    const body = selected.map(l => (l.startsWith(common) ? l.slice(common.length) : l.trimStart()));
    let inString = false;
    const above = lines.slice(0, first).map(line => {
        // Inside a triple-quoted string (a docstring), "from the data..." is not an import.
        const quotes = (line.match(/"""|'''/g) ?? []).length;
        const keep = !inString && quotes === 0 && isContextLine(line);
        if (quotes % 2 === 1) inString = !inString;
        return keep ? line : '';
    });
    return [...above, ...body].join('\n');
}

/**
 * A whole top-level statement on one line that only names things: an import, or a constant
 * given a value without a call (`n_steps = 21`, `shape = (21, 9)`; not `model = Sequential()`).
 * A line that goes on (`(` or `\` at its end) is not whole.
 */
function isContextLine(line: string): boolean {
    if (/[(\\[{,]\s*$/.test(line)) return false;
    if (/^(import|from)\s/.test(line)) return true;
    return /^[A-Za-z_]\w*\s*=[^=]/.test(line) && !/[\w)\]]\s*\(/.test(line.slice(line.indexOf('=') + 1));
}

/** The information message, and one output line per warning (`m.py: cell 3, line 2: warning: ...`). */
export function importReport(fileName: string, result: Exclude<ImportKerasResult, { error: string }>): { message: string; lines: string[] } {
    const models = result.models.length;
    const modelsText = `${models} model${models === 1 ? '' : 's'}${models > 0 ? ` (${result.models.join(', ')})` : ''}`;
    const warnings = result.warnings.length;
    const warningsText = warnings === 0 ? '' : `; ${warnings} warning${warnings === 1 ? '' : 's'}: what could not be translated is kept as comments (see the "RNN Lens" output)`;
    return {
        message: `RNN Lens: imported ${modelsText} from ${fileName}${warningsText}.`,
        lines: result.warnings.map(w => `${fileName}: ${w.where}: warning: ${w.message}`)
    };
}
