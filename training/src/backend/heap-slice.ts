/**
 * tfjs-wasm's Slice reading its input through a view of the wasm heap instead of readSync, which
 * copies the WHOLE input first: every slice and split cost the size of what it cut from, and
 * training cuts a lot (tf.split of the gates' weights, the layers' slices): 6–8 ms per batch of
 * the stacked-LSTM model went to those copies. And its Reverse (Bidirectional and go_backwards
 * reverse every sequence, forwards and backwards) as row copies instead of wasm's loop over
 * single elements (~1.7 ms a batch of Monster2). The same values come out (the same copies).
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { TensorInfo, WasmBackend } from './backend-parts.js';
import { replaceKernel, stockKernels, wasmKernelToReplace } from './kernel-switch.js';

type KernelFunc = tfjs.KernelConfig['kernelFunc'];

/** Copies the block `size` at `begin` of `x` (shape `shape`) into `out`, row by innermost row. */
export function copyBlock(x: ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> }, shape: number[], begin: number[], size: number[],
    out: { set(values: ArrayLike<number>, offset: number): void }): void {
    const rank = shape.length;
    const strides = new Array<number>(rank).fill(1);
    for (let d = rank - 2; d >= 0; d--) strides[d] = strides[d + 1] * shape[d + 1];
    const rowLength = size[rank - 1];
    const rows = size.slice(0, -1).reduce((a, b) => a * b, 1);
    const index = new Array<number>(Math.max(0, rank - 1)).fill(0);
    for (let r = 0; r < rows; r++) {
        let offset = begin[rank - 1];
        for (let d = 0; d < rank - 1; d++) offset += (begin[d] + index[d]) * strides[d];
        out.set(x.subarray(offset, offset + rowLength), r * rowLength);
        for (let d = rank - 2; d >= 0; d--) {
            if (++index[d] < size[d]) break;
            index[d] = 0;
        }
    }
}

/** Wraps the wasm backend's Slice and SplitV (which slices), when that backend is loaded; harmless to call again. */
export function registerHeapSlice(tf: typeof tfjs): void {
    const sliceConfig = wasmKernelToReplace(tf, 'Slice');
    const splitConfig = wasmKernelToReplace(tf, 'SplitV');
    if (!sliceConfig || !splitConfig) return;
    const cut = (x: TensorInfo, begin: number[], size: number[], backend: WasmBackend): TensorInfo => {
        const out = backend.makeOutput(size, x.dtype);
        // Views, taken after makeOutput (which may grow the heap and detach earlier views).
        if (size.every(n => n > 0)) copyBlock(backend.typedArrayFromHeap(x), x.shape, begin, size, backend.typedArrayFromHeap(out));
        return out;
    };
    const slice: KernelFunc = params => {
        const { x } = params.inputs as unknown as { x: TensorInfo };
        if (stockKernels() || x.dtype === 'string' || x.shape.length === 0) return sliceConfig.kernelFunc(params);
        const attrs = params.attrs as unknown as { begin: number | number[]; size: number | number[] };
        const [begin, size] = tf.slice_util.parseSliceParams(x as never, attrs.begin, attrs.size);
        return cut(x, begin, size, params.backend as unknown as WasmBackend);
    };
    const split: KernelFunc = params => {
        const { x } = params.inputs as unknown as { x: TensorInfo };
        if (stockKernels() || x.dtype === 'string' || x.shape.length === 0) return splitConfig.kernelFunc(params);
        const attrs = params.attrs as unknown as { numOrSizeSplits: number | number[]; axis: number };
        const axis = tf.util.parseAxisParam(attrs.axis, x.shape)[0];
        const sizes = tf.backend_util.prepareSplitSize(x as never, attrs.numOrSizeSplits, axis);
        const begin = x.shape.map(() => 0);
        return sizes.map(s => {
            const size = [...x.shape];
            size[axis] = s;
            const out = cut(x, [...begin], size, params.backend as unknown as WasmBackend);
            begin[axis] += s;
            return out;
        });
    };
    replaceKernel(tf, sliceConfig, slice);
    replaceKernel(tf, splitConfig, split);
}

/** Copies `x` (shape `shape`) into `out` reversed along the axes marked in `flip`: whole innermost rows when the last axis keeps its order. */
export function reverseInto(x: ArrayLike<number> & { subarray(a: number, b: number): ArrayLike<number> }, shape: number[], flip: boolean[],
    out: { [i: number]: number; set(values: ArrayLike<number>, offset: number): void }): void {
    const rank = shape.length;
    const strides = new Array<number>(rank).fill(1);
    for (let d = rank - 2; d >= 0; d--) strides[d] = strides[d + 1] * shape[d + 1];
    const rowDims = flip[rank - 1] ? rank : rank - 1;
    const rowLength = flip[rank - 1] ? 1 : shape[rank - 1];
    const rows = shape.slice(0, rowDims).reduce((a, b) => a * b, 1);
    const index = new Array<number>(rowDims).fill(0);
    for (let r = 0; r < rows; r++) {
        let from = 0;
        for (let d = 0; d < rowDims; d++) from += (flip[d] ? shape[d] - 1 - index[d] : index[d]) * strides[d];
        if (rowLength === 1) out[r] = x[from];
        else out.set(x.subarray(from, from + rowLength), r * rowLength);
        for (let d = rowDims - 1; d >= 0; d--) {
            if (++index[d] < shape[d]) break;
            index[d] = 0;
        }
    }
}

/** Wraps the wasm backend's Reverse, when that backend is loaded; harmless to call again. */
export function registerHeapReverse(tf: typeof tfjs): void {
    const config = wasmKernelToReplace(tf, 'Reverse');
    if (!config) return;
    const kernelFunc: KernelFunc = params => {
        const { x } = params.inputs as unknown as { x: TensorInfo };
        if (stockKernels() || x.dtype === 'string' || x.shape.length === 0) return config.kernelFunc(params);
        const axes = tf.util.parseAxisParam((params.attrs as unknown as { dims: number | number[] }).dims, x.shape);
        const backend = params.backend as unknown as WasmBackend;
        const out = backend.makeOutput(x.shape, x.dtype);
        const flip = x.shape.map((n, d) => axes.includes(d) && n > 1);
        if (x.shape.every(n => n > 0)) reverseInto(backend.typedArrayFromHeap(x), x.shape, flip, backend.typedArrayFromHeap(out));
        return out;
    };
    replaceKernel(tf, config, kernelFunc);
}
