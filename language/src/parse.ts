/**
 * The front ends: `.rnn` text (Langium) and Python/notebook Keras code (lezer) read into the
 * model description and analysed. Needs a parser at run time, so the webview does not import it.
 */
export * from './analyze-text.js';
export * from './describe.js';

// incremental/: Incremental parsing of .rnn documents.
export * from './incremental/incremental-document-factory.js';
export * from './incremental/references.js';

// keras/: Python: reading Keras code, writing Python values.
export * from './keras/export-values.js';
export * from './keras/import-keras.js';
export * from './keras/import-text.js';
export * from './keras/python-parse.js';

// model/: lowering the .rnn syntax tree into the model description.
export * from './model/ast-ranges.js';
export * from './model/bind.js';
export * from './model/constant-refs.js';
export * from './model/evaluate.js';
export * from './model/lower-keras-target.js';
export * from './model/lower.js';
export * from './model/lowering-cache.js';

export * from './rnn-lens-core-module.js';

export * from './python/index.js';
