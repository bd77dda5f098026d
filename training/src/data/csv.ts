/** The CSV table and its checked reads live in the language core, which checks `data(...)` files with them too. */
export {
    columnIndex, columnIsNumeric, firstBadCell, isNumericCell, numericColumn, numericMatrix, numericShare, parseCsv, parseNumber, type CsvTable
} from '../../../language/src/index.js';
