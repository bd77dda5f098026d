/**
 * The parts of tfjs's backends that RNN Lens's kernels (this folder) reach into, typed once.
 * The kernels get the backend as tfjs's abstract KernelBackend and must not import the wasm
 * backend's package (the CLI and the panel's worker each load it their own way).
 */
import type * as tfjs from '@tensorflow/tfjs';

/** What a kernel receives and returns for a tensor: its data's key in the backend, shape and type. */
export interface TensorInfo { dataId: object; shape: number[]; dtype: tfjs.DataType }

export interface ReadableBackend {
    readSync(dataId: object): ArrayLike<number>;
    disposeData(dataId: object, force?: boolean): boolean;
}

/**
 * tfjs-wasm's BackendWasm: outputs are made on its heap and seen there as typed arrays. A view
 * is only good until the next makeOutput, which may grow the heap and detach it.
 */
export interface WasmBackend extends ReadableBackend {
    makeOutput(shape: number[], dtype: tfjs.DataType): TensorInfo;
    typedArrayFromHeap(info: TensorInfo): Float32Array | Int32Array | Uint8Array;
}

/** A float32 tensor's values on the wasm heap, for a kernel that has checked the dtype. */
export function heapFloats(backend: WasmBackend, info: TensorInfo): Float32Array {
    return backend.typedArrayFromHeap(info) as Float32Array;
}
