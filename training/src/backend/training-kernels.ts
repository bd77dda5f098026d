/**
 * The kernels training needs beyond what tfjs registers, for every place that trains (the CLI in
 * Node, the training panel's web worker): the wasm proxies of the cpu kernels wasm lacks first,
 * then the fast Conv1D filter gradient over them (it falls back to what was registered before),
 * and, once the wasm backend is loaded (Node loads it later and calls this again), wasm's matMul
 * with transposed operands as a transpose and a plain product (plain-matmul.ts), its Slice
 * without copying the whole input first and its Reverse as row copies (heap-slice.ts), and its
 * GatherV2 (every batch of model.fit) as block copies (heap-gather.ts); the input gradient of a
 * convolution as matMuls (conv-input-gradient.ts) and of a max pooling as one loop
 * (max-pool-gradient.ts).
 * The kernel registry is global to a tfjs instance, so once per instance is enough; calling it
 * again is harmless.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { registerFastConvFilterGradient } from './conv-backprop-filter.js';
import { registerWasmFallbackKernels } from './cpu-fallback-kernels.js';
import { registerFastConvInputGradient } from './conv-input-gradient.js';
import { registerHeapGather } from './heap-gather.js';
import { registerFastMaxPoolGradient } from './max-pool-gradient.js';
import { registerHeapReverse, registerHeapSlice } from './heap-slice.js';
import { registerPlainMatMul } from './plain-matmul.js';

export function registerTrainingKernels(tf: typeof tfjs): void {
    registerWasmFallbackKernels(tf);
    registerFastConvFilterGradient(tf);
    registerPlainMatMul(tf);
    registerHeapSlice(tf);
    registerHeapReverse(tf);
    registerHeapGather(tf);
    registerFastConvInputGradient(tf);
    registerFastMaxPoolGradient(tf);
}
