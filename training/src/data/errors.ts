/** The data pipeline's error, shared with the language core's checks of `data(...)` files. */
export * from '../../../language/src/data/data-error.js';
