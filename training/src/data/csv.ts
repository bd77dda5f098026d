/** The CSV table and its checked reads live in the language core, which checks `data(...)` files with them too. */
export * from '../../../language/src/data/csv-table.js';
