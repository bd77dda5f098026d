/**
 * One Python program as the Python door reads it: a `.py` document, or the code cells of a
 * notebook in cell order (one program: a constant of cell 2 is known in cell 5). The cells are
 * joined line by line, so that a place in the program and a place in a cell are the same column
 * on lines shifted by the cell's first line; each cell stays its own text document (URI) for the
 * client, and every range the features send is mapped back to the cell it lies in.
 */
import { pythonLinesOfCell } from '../../keras/notebook.js';
import type { Position, SourceRange } from '../../model/source.js';

export interface CellSource {
    /** The cell's own text document URI (a `.py` file's URI for a file). */
    readonly uri: string;
    readonly text: string;
    /** False for a cell of another language (Markdown, R...): its lines are blank in the program. */
    readonly python: boolean;
}

interface Cell {
    readonly uri: string;
    readonly firstLine: number;
    readonly lines: readonly string[];
}

/** A place in one cell's (or the file's) own coordinates. */
export interface CellPlace {
    readonly uri: string;
    readonly range: SourceRange;
}

export class PythonProgram {
    /** The program's text: what the Python front end reads. */
    readonly text: string;
    private readonly cells: readonly Cell[];
    private readonly byUri: ReadonlyMap<string, Cell>;

    /** `notebook`: IPython's magics and shell escapes are blanked (a `.py` file has none to blank). */
    constructor(sources: readonly CellSource[], notebook: boolean) {
        let firstLine = 0;
        this.cells = sources.map(source => {
            const own = source.text.split(/\r?\n/);
            const python = source.python ? (notebook ? pythonLinesOfCell(source.text) : own) : undefined;
            const cell = { uri: source.uri, firstLine, lines: python ?? own.map(() => '') };
            firstLine += cell.lines.length;
            return cell;
        });
        this.text = this.cells.map(c => c.lines.join('\n')).join('\n');
        this.byUri = new Map(this.cells.map(c => [c.uri, c]));
    }

    get uris(): readonly string[] {
        return this.cells.map(c => c.uri);
    }

    holds(uri: string): boolean {
        return this.byUri.has(uri);
    }

    /** The cell a program line lies in (the last cell for a line past the end). */
    private cellAt(line: number): Cell {
        let low = 0;
        let high = this.cells.length - 1;
        while (low < high) {
            const mid = (low + high + 1) >> 1;
            if (this.cells[mid].firstLine <= line) low = mid;
            else high = mid - 1;
        }
        return this.cells[low];
    }

    /**
     * A program range in the cell where it starts; its end is kept within that cell (a range
     * never spans two text documents).
     */
    toCell(range: SourceRange): CellPlace {
        const cell = this.cellAt(range.start.line);
        const lastLine = cell.firstLine + cell.lines.length - 1;
        const end = range.end.line > lastLine ? { line: lastLine, character: cell.lines[cell.lines.length - 1].length } : range.end;
        return { uri: cell.uri, range: { start: shift(range.start, -cell.firstLine), end: shift(end, -cell.firstLine) } };
    }

    /** A cell's range in program coordinates; undefined for a URI that is no cell of this program. */
    fromCell(uri: string, range: SourceRange): SourceRange | undefined {
        const cell = this.byUri.get(uri);
        if (!cell) return undefined;
        return { start: shift(range.start, cell.firstLine), end: shift(range.end, cell.firstLine) };
    }

    /** The program lines of a cell, first to last. */
    linesOf(uri: string): { first: number; last: number } | undefined {
        const cell = this.byUri.get(uri);
        return cell && { first: cell.firstLine, last: cell.firstLine + cell.lines.length - 1 };
    }

    /** The end of a program line (where a hint "after the line" goes). */
    lineEnd(line: number): Position {
        const cell = this.cellAt(line);
        return { line, character: cell.lines[line - cell.firstLine]?.length ?? 0 };
    }
}

function shift(position: Position, lines: number): Position {
    return { line: position.line + lines, character: position.character };
}
