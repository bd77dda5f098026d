/** CSV parsing and column reads: every error names the file, the spreadsheet row and the column. */
import { describe, expect, it } from 'vitest';
import { columnIndex, numericColumn, numericMatrix, parseCsv } from '../../../training/src/data/csv.js';
import { DataError } from '../../../training/src/data/errors.js';
import { dataError } from './helpers.js';

describe('parseCsv', () => {
    it('reads the header and the rows, trimmed, with spreadsheet row numbers', () => {
        const table = parseCsv('\uFEFFa, b ,c\n1,2,x\n\n3, 4 ,"y, z"\n', 't.csv');
        expect(table.columns).toEqual(['a', 'b', 'c']);
        expect(table.rows).toEqual([['1', '2', 'x'], ['3', '4', 'y, z']]);
        // The blank line is row 3 of the spreadsheet.
        expect(table.rowNumbers).toEqual([2, 4]);
    });

    it('detects semicolons and handles CRLF line ends', () => {
        const table = parseCsv('a;b\r\n1;2\r\n3;4\r\n', 't.csv');
        expect(table.columns).toEqual(['a', 'b']);
        expect(table.rows).toEqual([['1', '2'], ['3', '4']]);
    });

    it('an empty file is an error naming the file', () => {
        for (const text of ['', '\n\n', '  \n']) {
            const error = dataError(() => parseCsv(text, 'empty.csv'));
            expect(error).toBeInstanceOf(DataError);
            expect(error.file).toBe('empty.csv');
            expect(error.message).toMatch(/^empty\.csv: the file is empty/);
        }
    });

    it('a header without rows is an error', () => {
        expect(dataError(() => parseCsv('a,b\n', 'h.csv')).message).toBe('h.csv: the file has a header but no data rows.');
    });

    it('a missing header (numbers in row 1) is an error at row 1', () => {
        const error = dataError(() => parseCsv('1,2,3\n4,5,6\n', 'noheader.csv'));
        expect(error.row).toBe(1);
        expect(error.message).toMatch(/^noheader\.csv, row 1: the header is missing/);
    });

    it('a ragged row is an error at its spreadsheet row', () => {
        const error = dataError(() => parseCsv('a,b,c\n1,2,3\n\n4,5\n', 'ragged.csv'));
        expect(error.row).toBe(4);
        expect(error.column).toBeUndefined();
        expect(error.message).toBe('ragged.csv, row 4: the row has 2 cells but the header has 3 columns (a, b, c). Every row needs one cell per column.');
        expect(dataError(() => parseCsv('a,b\n1,2,3\n', 'r.csv')).message).toMatch(/^r\.csv, row 2: the row has 3 cells/);
    });

    it('an unclosed quote is an error naming a row', () => {
        const error = dataError(() => parseCsv('a,b\n1,"2\n3,4\n', 'quote.csv'));
        expect(error.file).toBe('quote.csv');
        expect(error.row).toBeGreaterThanOrEqual(2);
        expect(error.message).toMatch(/^quote\.csv, row \d+: the CSV cannot be read/);
    });
});

describe('columns', () => {
    const table = parseCsv('date,temp_max,wind,weather\n2012-01-01,12.8,4.7,rain\n2012-01-02,abc,4.5,sun\n2012-01-03,11,,sun\n', 'w.csv');

    it('a missing column lists the columns and suggests the closest', () => {
        const error = dataError(() => columnIndex(table, 'temp_mx', 'feature'));
        expect(error.column).toBe('temp_mx');
        expect(error.row).toBeUndefined();
        expect(error.message).toBe('w.csv, column "temp_mx": the feature column "temp_mx" does not exist. Did you mean "temp_max"? The columns are: "date", "temp_max", "wind", "weather".');
        expect(dataError(() => columnIndex(table, 'Weather', 'target')).message).toContain('the target column "Weather" does not exist. Did you mean "weather"?');
        expect(dataError(() => columnIndex(table, 'zzz', 'target')).message).not.toContain('Did you mean');
    });

    it('a non-numeric feature cell names its row and column', () => {
        const error = dataError(() => numericColumn(table, 'temp_max', 'feature'));
        expect([error.file, error.row, error.column]).toEqual(['w.csv', 3, 'temp_max']);
        expect(error.message).toMatch(/^w\.csv, row 3, column "temp_max": the cell "abc" is not a number, but a feature column needs numbers/);
    });

    it('an empty cell names its row and column', () => {
        const error = dataError(() => numericMatrix(table, ['wind']));
        expect([error.row, error.column]).toEqual([4, 'wind']);
        expect(error.message).toMatch(/^w\.csv, row 4, column "wind": the cell is empty/);
    });

    it('a text target of a regression names its row', () => {
        const error = dataError(() => numericColumn(table, 'temp_max', 'target'));
        expect(error.message).toMatch(/row 3, column "temp_max": the cell "abc" is not a number, but the target of a regression needs numbers/);
    });

    it('reads numbers as a rows × features matrix', () => {
        const t = parseCsv('a,b\n1,2\n3e1,-4.5\n', 'n.csv');
        expect(numericMatrix(t, ['b', 'a'])).toEqual([[2, 1], [-4.5, 30]]);
    });
});
