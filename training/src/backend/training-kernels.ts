/**
 * The kernels training needs beyond what tfjs registers, for every place that trains (the CLI in
 * Node, the training panel's web worker): the wasm proxies of the cpu kernels wasm lacks first,
 * then the fast Conv1D filter gradient over them (it falls back to what was registered before).
 * The kernel registry is global to a tfjs instance, so once per instance is enough; calling it
 * again is harmless.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { registerFastConvFilterGradient } from './conv-backprop-filter.js';
import { registerWasmFallbackKernels } from './cpu-fallback-kernels.js';

export function registerTrainingKernels(tf: typeof tfjs): void {
    registerWasmFallbackKernels(tf);
    registerFastConvFilterGradient(tf);
}
