/**
 * tfjs-wasm's GatherV2 as block copies: its kernel walks the output one element at a time,
 * and training gathers every batch out of the whole training set with it (model.fit's
 * shuffled batches): 0.8 ms for 32 windows of Monster2's [21, 50], a tenth of a batch. Here
 * each gathered slice is one copy of a contiguous block. The same values come out.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { TensorInfo, WasmBackend } from './backend-parts.js';
import { replaceKernel, stockKernels, wasmKernelToReplace } from './kernel-switch.js';

type KernelFunc = tfjs.KernelConfig['kernelFunc'];

/** Throws on an index outside [0, axisSize), as tfjs's cpu kernel does. */
export function checkIndices(indices: ArrayLike<number>, axisSize: number): void {
    for (let i = 0; i < indices.length; i++) {
        const index = indices[i];
        if (index < 0 || index >= axisSize) throw new Error(`GatherV2: the index value ${index} is not in [0, ${axisSize - 1}]`);
    }
}

/** out[o, i, :] = x[o, indices[i], :] for the `outer` leading rows of x (shape [outer, axisSize, inner]). */
export function gatherBlocks(x: ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> }, outer: number, axisSize: number, inner: number,
    indices: ArrayLike<number>, out: { set(values: ArrayLike<number>, offset: number): void }): void {
    for (let o = 0; o < outer; o++) {
        for (let i = 0; i < indices.length; i++) {
            const from = (o * axisSize + indices[i]) * inner;
            out.set(x.subarray(from, from + inner), (o * indices.length + i) * inner);
        }
    }
}

/** Wraps the wasm backend's GatherV2, when that backend is loaded; harmless to call again. */
export function registerHeapGather(tf: typeof tfjs): void {
    const config = wasmKernelToReplace(tf, 'GatherV2');
    if (!config) return;
    const kernelFunc: KernelFunc = params => {
        const { x, indices } = params.inputs as unknown as { x: TensorInfo; indices: TensorInfo };
        const attrs = params.attrs as unknown as { axis: number; batchDims: number };
        if (stockKernels() || x.dtype === 'string' || (attrs.batchDims ?? 0) !== 0 || x.shape.length === 0) return config.kernelFunc(params);
        const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0];
        const outer = x.shape.slice(0, axis).reduce((a, b) => a * b, 1);
        const inner = x.shape.slice(axis + 1).reduce((a, b) => a * b, 1);
        const backend = params.backend as unknown as WasmBackend;
        checkIndices(backend.typedArrayFromHeap(indices), x.shape[axis]);
        const out = backend.makeOutput([...x.shape.slice(0, axis), ...indices.shape, ...x.shape.slice(axis + 1)], x.dtype);
        // Views, taken after makeOutput (which may grow the heap and detach earlier views).
        const count = indices.shape.reduce((a, b) => a * b, 1);
        if (outer * count * inner > 0) gatherBlocks(backend.typedArrayFromHeap(x), outer, x.shape[axis], inner, backend.typedArrayFromHeap(indices), backend.typedArrayFromHeap(out));
        return out;
    };
    replaceKernel(tf, config, kernelFunc);
}
