/**
 * The exporter: a model as Keras (Python) or tfjs (TypeScript) code, built layer by layer as
 * training builds it; beside training, outside the language core (which it takes from language/).
 */
export * from './export/export-code.js';
export * from './export/export-data.js';
export * from './export/export-keras.js';
export * from './export/export-tfjs.js';
export * from './export/tfjs-record.js';
