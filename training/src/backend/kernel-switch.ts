/**
 * RNN Lens's kernels over tfjs-wasm's own (plain-matmul.ts, heap-slice.ts, heap-gather.ts,
 * conv-input-gradient.ts, max-pool-gradient.ts): registering one in place of tfjs's, once,
 * and the switch back to tfjs's own, with which the training benchmark measures its stock
 * baseline (the missing kernels and the Conv1D filter gradient stay: without them wasm cannot
 * train these models).
 */
import type * as tfjs from '@tensorflow/tfjs';

type KernelFunc = tfjs.KernelConfig['kernelFunc'];
type Marked = { rnnLensFast?: boolean };

let stock = false;

export function useStockKernels(on: boolean): void {
    stock = on;
}

export function stockKernels(): boolean {
    return stock;
}

/** tfjs-wasm's own kernel `name`; undefined when the backend is not loaded or RNN Lens's already stands in its place. */
export function wasmKernelToReplace(tf: typeof tfjs, name: string): tfjs.KernelConfig | undefined {
    const config = tf.getKernel(name, 'wasm');
    return config && !(config.kernelFunc as Marked).rnnLensFast ? config : undefined;
}

/** Registers `kernelFunc` in the place of `config`, marked so that a second registration leaves it. */
export function replaceKernel(tf: typeof tfjs, config: tfjs.KernelConfig, kernelFunc: KernelFunc): void {
    (kernelFunc as Marked).rnnLensFast = true;
    tf.unregisterKernel(config.kernelName, config.backendName);
    tf.registerKernel({ ...config, kernelFunc });
}
