// The engines bench:train compares, each on one thread and on every core: `train` is merged into
// trainModel's options by train-suite.ts's throughput. The whole-step engine (one wasm call a batch,
// issue 16) where the model allows it, and the per-layer path (tfjs's fit over RNN Lens's layers
// and kernels) it replaced, measured in the same rounds.
// `products`: the kernels' matrix products, native (training/native/, where it is built) or wasm
// SIMD; the whole-step engine is measured with both in the same rounds (docs/training-native.md).
// `threadsAsked`: on every core as --threads asks for them, or (false) as they run by default,
// where a model too small to share its batches keeps one thread (whole-step/sharing.ts); the
// per-layer path keeps one by default, so it is measured as asked.
export const ENGINES = [
    { id: 'whole-step', label: 'whole-step', train: { engine: 'auto' }, products: 'native', threadsAsked: false },
    { id: 'whole-step-wasm', label: 'whole-step, wasm products', train: { engine: 'auto' }, products: 'wasm', threadsAsked: false },
    { id: 'layers', label: 'layers', train: { engine: 'layers' }, products: 'native', threadsAsked: true }
];
