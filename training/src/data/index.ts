/** The data part of the training engine: CSV or synthetic data → windows, split, scaled, labelled. */
export * from './errors.js';
export * from './csv.js';
export * from './windows.js';
export * from './split.js';
export * from './scale.js';
export * from './classification.js';
export * from './synthetic.js';
export * from './dataset.js';
