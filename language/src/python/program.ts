/**
 * The Python program a document holds: one unit for a `.py` file, one per code cell for a
 * notebook (cells run in order, as one program). Positions are in "program" coordinates: the
 * lines of the units one after the other; `NotebookMap` turns them into cell + position in cell.
 * IPython's line magics and shell escapes (`%matplotlib inline`, `!pip install`) are blanked with
 * spaces, so that every offset and position stays where it was; a cell of another language or
 * under a cell magic (`%%bash`) is not read at all.
 */
import type { Position, SourceRange } from '../model/source.js';

/** A notebook cell as an editor or a `.ipynb` file gives it. */
export interface PythonCell {
    readonly text: string;
    /** `code` when absent; other kinds (markdown, raw) are not read. */
    readonly kind?: 'code' | 'markdown' | 'raw' | string;
    /** The cell's language; `python` when absent. Cells in another language are not read. */
    readonly language?: string;
}

export interface ProgramUnit {
    /** The text as read: magics blanked. */
    readonly text: string;
    /** The program line of the unit's first line. */
    readonly firstLine: number;
    /** The notebook cell's index (0-based, counting every cell), for notebooks. */
    readonly cell?: number;
    /** Offsets where each line starts, relative to the unit. */
    readonly lineStarts: readonly number[];
}

/** Cell magics whose cell is still Python after the first line; any other `%%` cell is not Python. */
const PYTHON_CELL_MAGICS = new Set(['%%time', '%%timeit', '%%capture', '%%prun']);

export function fileUnits(text: string): ProgramUnit[] {
    return [unit(blankMagics(text), 0)];
}

export function cellUnits(cells: readonly PythonCell[]): ProgramUnit[] {
    const units: ProgramUnit[] = [];
    let firstLine = 0;
    cells.forEach((cell, index) => {
        const readable = (cell.kind ?? 'code') === 'code' && (cell.language ?? 'python').toLowerCase() === 'python';
        const magic = cell.text.trimStart().split(/\s/)[0] ?? '';
        const text = readable && !(magic.startsWith('%%') && !PYTHON_CELL_MAGICS.has(magic)) ? blankMagics(cell.text) : cell.text.replace(/[^\r\n]/g, ' ');
        const made = unit(text, firstLine, index);
        units.push(made);
        firstLine += made.lineStarts.length;
    });
    return units;
}

function unit(text: string, firstLine: number, cell?: number): ProgramUnit {
    const lineStarts = [0];
    for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '\n' || (c === '\r' && text[i + 1] !== '\n')) lineStarts.push(i + 1);
    }
    return cell === undefined ? { text, firstLine, lineStarts } : { text, firstLine, cell, lineStarts };
}

/** `%magic` and `!shell` lines become spaces of the same length. */
function blankMagics(text: string): string {
    if (!/^[ \t]*[%!]/m.test(text)) return text;
    return text.replace(/^([ \t]*)([%!][^\r\n]*)/gm, (_, indent: string, rest: string) => indent + ' '.repeat(rest.length));
}

/** The program position of an offset in a unit. */
export function positionIn(unit: ProgramUnit, offset: number): Position {
    const starts = unit.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
        const mid = (low + high + 1) >> 1;
        if (starts[mid] <= offset) low = mid;
        else high = mid - 1;
    }
    return { line: unit.firstLine + low, character: offset - starts[low] };
}

export function rangeIn(unit: ProgramUnit, from: number, to: number): SourceRange {
    return { start: positionIn(unit, from), end: positionIn(unit, to) };
}

/** Where a program position lies in a notebook: the cell (index among all cells) and the position in it. */
export interface CellPosition {
    readonly cell: number;
    readonly position: Position;
}

export interface CellRange {
    readonly cell: number;
    readonly range: SourceRange;
}

/** Program coordinates ↔ cells, for notebooks. */
export class NotebookMap {
    constructor(private readonly units: readonly ProgramUnit[]) {}

    toCell(position: Position): CellPosition {
        const unit = this.unitAt(position.line);
        return { cell: unit.cell ?? 0, position: { line: position.line - unit.firstLine, character: position.character } };
    }

    /** A range within one cell (ranges never cross cells: each cell is parsed on its own). */
    toCellRange(range: SourceRange): CellRange {
        const start = this.toCell(range.start);
        const unit = this.unitAt(range.start.line);
        const endLine = Math.min(range.end.line, unit.firstLine + unit.lineStarts.length - 1);
        return { cell: start.cell, range: { start: start.position, end: { line: endLine - unit.firstLine, character: range.end.line === endLine ? range.end.character : 0 } } };
    }

    fromCell(cell: number, position: Position): Position {
        const unit = this.units.find(u => u.cell === cell);
        return unit ? { line: unit.firstLine + position.line, character: position.character } : position;
    }

    /** Where a program line (0-based) was written, for messages: "cell 3, line 2" (1-based, every cell counted). */
    where(line: number): string {
        const at = this.toCell({ line, character: 0 });
        return `cell ${at.cell + 1}, line ${at.position.line + 1}`;
    }

    /** The program line where each cell starts, by cell index. */
    cellStartLine(cell: number): number | undefined {
        return this.units.find(u => u.cell === cell)?.firstLine;
    }

    private unitAt(line: number): ProgramUnit {
        if (this.units.length === 0) return { text: '', firstLine: 0, cell: 0, lineStarts: [0] };
        let low = 0;
        let high = this.units.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if (this.units[mid].firstLine <= line) low = mid;
            else high = mid - 1;
        }
        return this.units[low];
    }
}
