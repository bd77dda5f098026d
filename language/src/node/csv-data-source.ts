/** The Node.js data source: reads the CSV files that `data(...)` names, relative to the `.rnn` file. */
import { readFileSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import type { DataLookup, DataSource, DataTable } from '../analysis/data-checks.js';
import { DataError, firstBadCell, isNumericCell, parseCsv, type BadCell } from '../data/csv-table.js';

interface CacheEntry { readonly mtimeMs: number; readonly size: number; readonly lookup: DataLookup }

/** Parsed tables are kept while the file is unchanged (same mtime and size), so typing stays fast. */
const cache = new Map<string, CacheEntry>();

export class CsvDataSource implements DataSource {
    constructor(private readonly baseDirectory: string) {}

    read(path: string): DataLookup {
        const file = resolve(this.baseDirectory, path);
        let stats;
        try {
            stats = statSync(file);
        } catch {
            return { ok: false, reason: 'not-found', message: `The data file "${path}" does not exist (looked for ${file}). Paths are relative to the .rnn file.` };
        }
        if (!stats.isFile()) {
            return { ok: false, reason: 'unreadable', message: `"${path}" is not a file (${file}).` };
        }
        const cached = cache.get(file);
        if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached.lookup;
        const lookup = readTable(file, path);
        cache.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, lookup });
        return lookup;
    }
}

function readTable(file: string, path: string): DataLookup {
    let text: string;
    try {
        text = readFileSync(file, 'utf8');
    } catch (error) {
        return { ok: false, reason: 'unreadable', message: `The data file "${path}" cannot be read: ${(error as Error).message}` };
    }
    return parseCsvTable(text, path);
}

/**
 * Header, row count, which columns are numeric, the classes of the others, and each column's first
 * empty or non-numeric cell; read as training reads it (data/csv-table.ts), so that a file training
 * would refuse is refused here with the same place.
 */
export function parseCsvTable(text: string, path: string): DataLookup {
    let csv;
    try {
        csv = parseCsv(text, path);
    } catch (error) {
        if (error instanceof DataError) return { ok: false, reason: 'unreadable', message: `The data file ${error.message}` };
        throw error;
    }
    const { columns } = csv;
    const numeric = columns.map(() => true);
    const classes: Record<string, string[]> = {};
    const seen = columns.map(() => new Set<string>());
    for (const row of csv.rows) {
        columns.forEach((column, c) => {
            const cell = row[c];
            if (cell === '') return;
            if (numeric[c] && !isNumericCell(cell)) numeric[c] = false;
            if (!seen[c].has(cell) && seen[c].size < 1000) {
                seen[c].add(cell);
                (classes[column] ??= []).push(cell);
            }
        });
    }
    for (const [c, column] of columns.entries()) if (numeric[c]) delete classes[column];
    const badCells: Record<string, BadCell> = {};
    columns.forEach((column, c) => {
        const bad = firstBadCell(csv, c);
        if (bad) badCells[column] = bad;
    });
    const table: DataTable = { columns, rowCount: csv.rows.length, numeric, classes, badCells };
    return { ok: true, table };
}
