/** What the language core does with Node: reading the data files `data(...)` names. */
export * from './node/csv-data-source.js';
