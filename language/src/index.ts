/**
 * The language core's public entry: the model description, the layer catalog, the analysis and
 * what is made from it (summary tables, explanations, diagrams, problems), without a parser, the
 * LSP or Node at run time, so that the training panel and its worker can take it. Other parts
 * import language/ only through its entries: this one, parse.ts (text -> description), lsp.ts
 * (the language server) and node.ts (files); docs/architecture.md says who may import which.
 */

// analysis/: The analysis of a description: shapes, parameter counts, diagnostics.
export * from './analysis/analyze.js';
export * from './analysis/compute-layer.js';
export * from './analysis/data-checks.js';
export * from './analysis/diagnostic-levels.js';
export * from './analysis/keras-versions.js';
export * from './analysis/layer-names.js';
export * from './analysis/model-checks.js';
export * from './analysis/multi-output.js';
export * from './analysis/several-outputs.js';
export * from './analysis/types.js';

// catalog/: The layer catalog: every layer kind, described once.
export * from './catalog/arg-spec.js';
export * from './catalog/bidirectional-backward.js';
export * from './catalog/conv-common.js';
export * from './catalog/conv-lstm1d.js';
export * from './catalog/conv-tfjs.js';
export * from './catalog/conv1d-transpose.js';
export * from './catalog/conv1d.js';
export * from './catalog/convolution.js';
export * from './catalog/core-activations.js';
export * from './catalog/core-dense.js';
export * from './catalog/core-elementwise.js';
export * from './catalog/core-embedding.js';
export * from './catalog/core-layers.js';
export * from './catalog/core-noise.js';
export * from './catalog/core-normalization.js';
export * from './catalog/core-regularization.js';
export * from './catalog/core-reshaping.js';
export * from './catalog/index.js';
export * from './catalog/input.js';
export * from './catalog/keras-form.js';
export * from './catalog/layer-kind.js';
export * from './catalog/length-arithmetic.js';
export * from './catalog/lora.js';
export * from './catalog/numbers.js';
export * from './catalog/pooling.js';
export * from './catalog/recurrent.js';
export * from './catalog/reshaping-1d.js';
export * from './catalog/separable-conv1d.js';
export * from './catalog/shape.js';
export * from './catalog/statements.js';
export * from './catalog/tfjs-build.js';
export * from './catalog/tfjs-helpers.js';
export * from './catalog/wrappers.js';
export * from './catalog/trainable.js';

// data/: Data tables and their errors.
export * from './data/csv-table.js';
export * from './data/data-error.js';

// diagram/: The model diagram (SVG).
export * from './diagram/blocks.js';
export * from './diagram/layout.js';
export * from './diagram/svg.js';
export * from './diagram/theme.js';

// explain/: Explanations: hovers, walk-throughs, problems.
export * from './explain/hover-markdown.js';
export * from './explain/layer-call.js';
export * from './explain/layer-sections.js';
export * from './explain/problems.js';
export * from './explain/tooltips.js';
export * from './explain/walkthrough.js';

// format/: Summary tables and JSON, as Keras prints them.
export * from './format/rich-table.js';
export * from './format/summary-json.js';
export * from './format/summary-table-keras3.js';
export * from './format/summary-table.js';

// incremental/: Incremental parsing of .rnn documents.
export * from './incremental/chunked-parser.js';
export * from './incremental/chunks.js';
export * from './incremental/cst-shift.js';

// keras/: Keras code: what an export is, why a model cannot be exported, Python's syntax tree and writing.
export * from './keras/export-model.js';
export * from './keras/export-target.js';
export * from './keras/file-names.js';
export * from './keras/import-models.js';
export * from './keras/import-names.js';
export * from './keras/import-render.js';
export * from './keras/import-translate.js';
export * from './keras/import-values.js';
export * from './keras/notebook.js';
export * from './keras/python-ast.js';
export * from './keras/python-strings.js';
export * from './keras/python-write.js';
export * from './keras/rnn-names.js';

// model/: The model description and its values, sources and diagnostics.
export * from './model/check-value.js';
export * from './model/description.js';
export * from './model/diagnostic.js';
export * from './model/directives.js';
export * from './model/edits.js';
export * from './model/keras-version.js';
export * from './model/source.js';
export * from './model/suggest.js';
export * from './model/syntax-errors.js';
export * from './model/values.js';
