/**
 * CSV text → a table of string cells, parsed with papaparse; and the checked reads of its
 * columns as numbers. Every error is a DataError naming the file, the spreadsheet row
 * (header = row 1) and the column. Training reads data with it, and the language core checks
 * `data(...)` files with it (node/csv-data-source.ts), so that both name the same place.
 */
import Papa from 'papaparse';
import { didYouMean, suggest } from '../model/suggest.js';
import { badCellMessage, DataError, type BadCell, type ColumnRole } from './data-error.js';

export { badCellMessage, DataError, type BadCell, type ColumnRole } from './data-error.js';

export interface CsvTable {
    /** The file as the user wrote it, for messages. */
    readonly file: string;
    /** The header's names, trimmed. */
    readonly columns: readonly string[];
    /** The data rows, trimmed cells, blank lines left out; every row has `columns.length` cells. */
    readonly rows: readonly (readonly string[])[];
    /** For each data row: its row number as a spreadsheet shows it (header = 1, first data row = 2, blank lines counted). */
    readonly rowNumbers: readonly number[];
}


/** Parses CSV text (delimiter detected by papaparse, a UTF-8 BOM ignored). */
export function parseCsv(text: string, file: string): CsvTable {
    const body = text.replace(/^\uFEFF/, '');
    // Blank lines are kept (so that row numbers match the file) once the delimiter is known;
    // papaparse detects it best without them.
    const delimiter = Papa.parse<string[]>(body, { preview: 20, skipEmptyLines: 'greedy' }).meta.delimiter;
    const parsed = Papa.parse<string[]>(body, { header: false, skipEmptyLines: false, delimiter });
    const serious = parsed.errors.find(e => e.type !== 'Delimiter');
    if (serious) {
        throw new DataError({ file, row: typeof serious.row === 'number' ? serious.row + 1 : undefined },
            `the CSV cannot be read: ${serious.message}.`);
    }
    const records = parsed.data;
    const isBlank = (record: readonly string[]) => record.every(cell => cell.trim() === '');
    const headerIndex = records.findIndex(record => !isBlank(record));
    if (headerIndex < 0) {
        throw new DataError({ file }, 'the file is empty: it needs a header row naming the columns, then one row per time step.');
    }
    const columns = records[headerIndex].map(cell => cell.trim());
    if (columns.every(isNumericCell)) {
        throw new DataError({ file, row: headerIndex + 1 },
            `the header is missing: the first row (${columns.slice(0, 4).join(', ')}${columns.length > 4 ? ', ...' : ''}) holds numbers, not column names. Add a header row naming the columns.`);
    }
    const rows: string[][] = [];
    const rowNumbers: number[] = [];
    for (let i = headerIndex + 1; i < records.length; i++) {
        const record = records[i];
        if (isBlank(record)) continue;
        if (record.length !== columns.length) {
            throw new DataError({ file, row: i + 1 },
                `the row has ${record.length} cell${record.length === 1 ? '' : 's'} but the header has ${columns.length} columns (${columns.join(', ')}). Every row needs one cell per column.`);
        }
        rows.push(record.map(cell => cell.trim()));
        rowNumbers.push(i + 1);
    }
    if (rows.length === 0) {
        throw new DataError({ file }, 'the file has a header but no data rows.');
    }
    return { file, columns, rows, rowNumbers };
}

/** The number a cell holds, or undefined when it is empty or not a finite number. */
export function parseNumber(cell: string): number | undefined {
    const text = cell.trim();
    if (text === '') return undefined;
    const value = Number(text);
    return Number.isFinite(value) ? value : undefined;
}

export function isNumericCell(cell: string): boolean {
    return parseNumber(cell) !== undefined;
}

/** The index of a column, or a DataError listing the columns with a "did you mean". */
export function columnIndex(table: CsvTable, name: string, role: ColumnRole): number {
    const index = table.columns.indexOf(name);
    if (index >= 0) return index;
    const suggestions = suggest(name, table.columns);
    throw new DataError({ file: table.file, column: name },
        `the ${role} column "${name}" does not exist.${didYouMean(suggestions)} The columns are: ${table.columns.map(c => `"${c}"`).join(', ')}.`);
}

/** True when every cell of the column is a number. */
export function columnIsNumeric(table: CsvTable, index: number): boolean {
    return table.rows.every(row => isNumericCell(row[index]));
}

/** How many of the column's non-empty cells are numbers, of how many. */
export function numericShare(table: CsvTable, index: number): { numeric: number; nonEmpty: number } {
    let numeric = 0;
    let nonEmpty = 0;
    for (const row of table.rows) {
        if (row[index] === '') continue;
        nonEmpty++;
        if (isNumericCell(row[index])) numeric++;
    }
    return { numeric, nonEmpty };
}

/** The first cell of a column that is empty or not a number: its spreadsheet row and text. */
export function firstBadCell(table: CsvTable, index: number): BadCell | undefined {
    const r = table.rows.findIndex(row => parseNumber(row[index]) === undefined);
    return r < 0 ? undefined : { row: table.rowNumbers[r], cell: table.rows[r][index] };
}

/** A column read as numbers; an empty or non-numeric cell is a DataError at its row. */
export function numericColumn(table: CsvTable, name: string, role: ColumnRole): Float64Array {
    const index = columnIndex(table, name, role);
    const bad = firstBadCell(table, index);
    if (bad) throw new DataError({ file: table.file, row: bad.row, column: name }, badCellMessage(bad.cell, role));
    return Float64Array.from(table.rows, row => parseNumber(row[index])!);
}

/** The selected columns as a rows × features matrix of numbers. */
export function numericMatrix(table: CsvTable, names: readonly string[]): number[][] {
    const columns = names.map(name => numericColumn(table, name, 'feature'));
    return table.rows.map((_, r) => columns.map(column => column[r]));
}
