/**
 * One Python program as the Python door serves it: a `.py` document, or the cells of a notebook
 * in cell order (one program: a constant of cell 2 is known in cell 5). The Python front end
 * (language/src/python) reads it into a model description in "program" coordinates; each cell
 * stays its own text document (URI) for the client, and every place the features send or receive
 * is mapped between the program and the cell it lies in (the front end's NotebookMap).
 */
import type { DocumentDescription } from '../../model/description.js';
import type { KerasVersion } from '../../model/keras-version.js';
import type { Position, SourceRange } from '../../model/source.js';
import { describeNotebook, describePython, type ChunkParseCache, type NotebookMap, type PythonCell } from '../../python/index.js';

export interface CellSource extends PythonCell {
    /** The cell's own text document URI (a `.py` file's URI for a file). */
    readonly uri: string;
}

/** A place in one cell's (or the file's) own coordinates. */
export interface CellPlace {
    readonly uri: string;
    readonly range: SourceRange;
}

/**
 * Code that never names `Sequential` holds no Sequential model: it is not parsed at all, so that
 * the Python that is not Keras (most of it) costs nothing and gets nothing.
 */
function mayHoldModel(sources: readonly CellSource[]): boolean {
    return sources.some(s => s.text.includes('Sequential'));
}

export class PythonProgram {
    private readonly lines: readonly (readonly string[])[];
    /** The notebook's map, once the program is described (a file's places are its own). */
    private map: NotebookMap | undefined;
    private prefixes: readonly string[] | undefined;

    /** `notebook`: the sources are a notebook's cells, every cell in order (Markdown ones too). */
    constructor(private readonly sources: readonly CellSource[], private readonly notebook: boolean) {
        this.lines = sources.map(s => s.text.split(/\r\n|\r|\n/));
    }

    /** The file's text; a notebook's cells one after the other. */
    get text(): string {
        return this.sources.map(s => s.text).join('\n');
    }

    get uris(): readonly string[] {
        return this.sources.map(s => s.uri);
    }

    /**
     * The front end's description. `keras`: `rnnLens.keras` set to "3" or "2", the version whatever
     * the code implies; undefined ("auto"): Keras 2 where the code imports tf_keras (or sets
     * TF_USE_LEGACY_KERAS first), else Keras 3.
     */
    describe(cache: ChunkParseCache, keras: KerasVersion | undefined): DocumentDescription {
        if (!mayHoldModel(this.sources)) return { constants: [], models: [], diagnostics: [] };
        if (!this.notebook) return describePython(this.sources[0]?.text ?? '', { cache, keras }).description;
        const described = describeNotebook(this.sources, { cache, keras });
        this.map = described.map;
        return described.description;
    }

    /**
     * A program range in the cell where it starts; its end is kept within that cell (a range
     * never spans two text documents).
     */
    toCell(range: SourceRange): CellPlace {
        if (!this.map) return { uri: this.sources[0]?.uri ?? '', range };
        const place = this.map.toCellRange(range);
        return { uri: this.sources[place.cell]?.uri ?? '', range: place.range };
    }

    /** A cell's range in program coordinates; undefined for a URI that is no cell of this program. */
    fromCell(uri: string, range: SourceRange): SourceRange | undefined {
        const cell = this.sources.findIndex(s => s.uri === uri);
        if (cell < 0) return undefined;
        const map = this.map;
        if (!map) return range;
        return { start: map.fromCell(cell, range.start), end: map.fromCell(cell, range.end) };
    }

    /** The program lines of a cell, first to last. */
    linesOf(uri: string): { first: number; last: number } | undefined {
        const cell = this.sources.findIndex(s => s.uri === uri);
        if (cell < 0) return undefined;
        const first = this.map?.cellStartLine(cell) ?? 0;
        return { first, last: first + this.lines[cell].length - 1 };
    }

    /** The text of a program line (as the cell has it). */
    lineText(line: number): string {
        const place = this.toCell({ start: { line, character: 0 }, end: { line, character: 0 } });
        const cell = this.sources.findIndex(s => s.uri === place.uri);
        return this.lines[cell]?.[place.range.start.line] ?? '';
    }

    /**
     * A key of the program's text from its first line to the end of `line` (two 32-bit FNV-1a
     * hashes, chained line by line, computed once per version): equal keys, equal text.
     */
    prefixKey(line: number): string {
        if (!this.prefixes) {
            const keys: string[] = [];
            let a = 0x811c9dc5;
            let b = 0x01000193;
            for (const cell of this.lines) {
                for (const text of cell) {
                    for (let i = 0; i < text.length; i++) {
                        const c = text.charCodeAt(i);
                        a = Math.imul(a ^ c, 0x01000193);
                        b = Math.imul(b ^ c, 0x0100019d);
                    }
                    a = Math.imul(a ^ 10, 0x01000193);
                    b = Math.imul(b ^ 10, 0x0100019d);
                    keys.push(`${(a >>> 0).toString(36)}.${(b >>> 0).toString(36)}`);
                }
            }
            this.prefixes = keys;
        }
        return this.prefixes[Math.min(line, this.prefixes.length - 1)] ?? '';
    }

    /** The end of a program line (where a hint "after the line" goes). */
    lineEnd(line: number): Position {
        return { line, character: this.lineText(line).length };
    }
}
