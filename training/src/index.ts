/**
 * The training engine's public entry: builds, compiles and trains a model description with the
 * tfjs it is handed, in Node or in a web worker; its data preparation, layers, backends, progress
 * and reports. Node-only parts are in node.ts, the code exporter in export.ts.
 */

// backend/: tfjs backends and the training kernels.
export * from './backend/backend-parts.js';
export * from './backend/conv-backprop-filter.js';
export * from './backend/conv-filter-matmul.js';
export * from './backend/conv-input-gradient.js';
export * from './backend/cpu-fallback-kernels.js';
export * from './backend/fastest-backend.js';
export * from './backend/heap-gather.js';
export * from './backend/heap-slice.js';
export * from './backend/kernel-switch.js';
export * from './backend/max-pool-gradient.js';
export * from './backend/plain-matmul.js';
export * from './backend/start-backend.js';
export * from './backend/training-kernels.js';

// build/: Building and compiling a tfjs model from a description.
export * from './build/build-model.js';
export * from './build/compile.js';
export * from './build/fused-adam.js';
export * from './build/keras-names.js';

// data/: Preparing data: CSV or synthetic rows -> windows, split, scaled, labelled.
export * from './data/classification.js';
export * from './data/csv.js';
export * from './data/dataset.js';
export * from './data/errors.js';
export * from './data/index.js';
export * from './data/scale.js';
export * from './data/split.js';
export * from './data/synthetic.js';
export * from './data/windows.js';

// layers/: RNN Lens's own tfjs layers.
export * from './layers/activations.js';
export * from './layers/bidirectional.js';
export * from './layers/conv-config.js';
export * from './layers/conv-kernel.js';
export * from './layers/conv-layers.js';
export * from './layers/conv-ops.js';
export * from './layers/conv1d-transpose.js';
export * from './layers/conv1d.js';
export * from './layers/fast-pooling.js';
export * from './layers/fast-recurrent.js';
export * from './layers/index.js';
export * from './layers/kernel-memory.js';
export * from './layers/kernel-module.js';
export * from './layers/native-products.js';
export * from './layers/kernels-wasm.generated.js';
export * from './layers/pooling-1d.js';
export * from './layers/recurrent-kernel.js';
export * from './layers/recurrent-layers.js';
export * from './layers/recurrent.js';
export * from './layers/reshaping-1d.js';
export * from './layers/separable-conv1d.js';
export * from './layers/tensor-values.js';
export * from './layers/tfjs-objects.js';

// report/: Reports and the numbers of a run, as the terminal and the panel write them.
export * from './report/classification-report.js';
export * from './report/training-numbers.js';

// save/: Saving a trained model.
export * from './save/model-files.js';

// train/: Training: the run, its settings, progress and early stopping.
export * from './train/early-stopping.js';
export * from './train/engine-text.js';
export * from './train/evaluate.js';
export * from './train/progress.js';
export * from './train/run-settings.js';
export * from './train/train-model.js';

export * from './threads/use-kernel-threads.js';
export * from './threads/kernel-threads.js';
export * from './threads/batch-shares.js';

export * from './train/whole-step/choose.js';
export * from './train/whole-step/program.js';
