/**
 * The error of the data pipeline: it names the place — the file, the spreadsheet row
 * (1-based, the header is row 1) and the column — so that a user can go and fix it.
 */
export interface DataErrorPlace {
    /** The data file as the user wrote it (`data/seattle-weather.csv`), or `<synthetic>`. */
    readonly file: string;
    /** The row as a spreadsheet numbers it: the header is row 1, the first data row is row 2. */
    readonly row?: number;
    /** The column's name as written in the header. */
    readonly column?: string;
}

export class DataError extends Error {
    readonly file: string;
    readonly row?: number;
    readonly column?: string;
    /** The problem alone, without the place. */
    readonly detail: string;

    constructor(place: DataErrorPlace, detail: string) {
        super(`${formatPlace(place)}: ${detail}`);
        this.name = 'DataError';
        this.file = place.file;
        this.row = place.row;
        this.column = place.column;
        this.detail = detail;
    }
}

/** `data.csv, row 5, column "wind"`. */
export function formatPlace(place: DataErrorPlace): string {
    const parts = [place.file];
    if (place.row !== undefined) parts.push(`row ${place.row}`);
    if (place.column !== undefined) parts.push(`column "${place.column}"`);
    return parts.join(', ');
}

/** The file name used in errors about generated data. */
export const SYNTHETIC_FILE = '<synthetic>';

export type ColumnRole = 'feature' | 'target';

/** A cell of a column read as numbers that is empty or not a number: its spreadsheet row and text. */
export interface BadCell {
    readonly row: number;
    readonly cell: string;
}

/** What is wrong with a bad cell (training and `rnn-lens check` say the same). */
export function badCellMessage(cell: string, role: ColumnRole): string {
    const what = role === 'feature' ? 'a feature column' : 'the target of a regression';
    return cell === ''
        ? `the cell is empty, but ${what} needs a number in every row. Fill it in or remove the row.`
        : `the cell "${cell}" is not a number, but ${what} needs numbers.`
          + (role === 'feature' ? ' Text columns cannot be features; use a number column.' : '');
}
