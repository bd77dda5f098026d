/**
 * The course notebook as its text export holds it (test/fixtures/notebook/Advanced_RNN_Theory.txt,
 * a copy of shared/seed/ so that a clone alone runs the tests): code
 * cells after "In [None]:", each followed by its output and the next markdown. A cell's code
 * ends at its output (a `Model: "..."` table, or a number after a blank line) or at the first
 * line that is not Python (markdown prose); the summaries are read from the printed tables.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from '../helpers/ensure-built.js';

export const NOTEBOOK_TEXT_PATH = join(ROOT, 'test', 'fixtures', 'notebook', 'Advanced_RNN_Theory.txt');

/** Lines a code cell of this notebook is made of: comments, indented lines, statements, expressions. */
const PYTHON_LINE = /^(\s|#|$|\d|(import|from|def|class|if|for|while|with|try|return)\b|[A-Za-z_][\w.]*\s*(=|\(|\.|,|\[|\+=))/;

export function notebookCells(text = readFileSync(NOTEBOOK_TEXT_PATH, 'utf8')): string[] {
    const lines = text.split('\n');
    const cells: string[] = [];
    for (let i = 0; i < lines.length; i++) {
        if (lines[i].trim() !== 'In [None]:') continue;
        const code: string[] = [];
        for (i++; i < lines.length; i++) {
            const line = lines[i];
            const output = line.startsWith('Model: "') || (/^\d+$/.test(line) && code[code.length - 1] === '');
            if (line.trim() === 'In [None]:' || output || !PYTHON_LINE.test(line)) break;
            code.push(line);
        }
        i--;
        while (code.length > 0 && code[code.length - 1].trim() === '') code.pop();
        cells.push(code.join('\n'));
    }
    return cells;
}

export interface PrintedLayer {
    readonly type: string;
    readonly shape: string;
    /** Undefined where the printout is cut off. */
    readonly params?: number;
}

export interface PrintedSummary {
    readonly layers: readonly PrintedLayer[];
    /** Undefined where the printout is cut off before the totals. */
    readonly total?: number;
}

/** The `model.summary()` tables the notebook printed, in order (TensorFlow 2: columns at 29 and 55). */
export function printedSummaries(text = readFileSync(NOTEBOOK_TEXT_PATH, 'utf8')): PrintedSummary[] {
    const summaries: PrintedSummary[] = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
        if (!lines[i].startsWith('Model: "')) continue;
        const layers: PrintedLayer[] = [];
        let total: number | undefined;
        let name = '';
        for (i += 3; i < lines.length && !lines[i].startsWith('Model: "') && lines[i].trim() !== 'In [None]:'; i++) {
            const line = lines[i];
            const totalMatch = /^Total params: ([\d,]+)/.exec(line);
            if (totalMatch) total = Number(totalMatch[1].replace(/,/g, ''));
            if (!line.startsWith(' ') || line.trim() === '') continue;
            const shape = line.slice(29, 55).trim();
            if (shape) {
                name = line.slice(0, 29).trim();
                const params = line.slice(55).trim();
                layers.push({ type: '', shape, ...(params ? { params: Number(params) } : {}) });
            } else {
                name += line.trim();
            }
            // The type is complete once its closing parenthesis is read (it may wrap onto the next line).
            const type = /\((\w+)\)$/.exec(name);
            if (type) layers[layers.length - 1] = { ...layers[layers.length - 1], type: type[1] };
        }
        i--;
        summaries.push({ layers, ...(total === undefined ? {} : { total }) });
    }
    return summaries;
}
