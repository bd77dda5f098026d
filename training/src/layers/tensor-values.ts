/**
 * A tensor's values for a kernel to copy at once, without the copy dataSync makes: on the wasm
 * backend a view of tfjs's own heap, valid until tfjs next allocates (so read it straight away);
 * elsewhere dataSync's array. Each batch reads every weight, input and gradient of the fast
 * layers this way: dataSync's copies were a few percent of a batch, and as much again in
 * garbage collection.
 */
import type * as tfjs from '@tensorflow/tfjs';

interface WasmHeapBackend {
    typedArrayFromHeap(info: { dataId: object; shape: number[]; dtype: tfjs.DataType }): Float32Array;
}

export function valuesOf(tf: typeof tfjs, t: tfjs.Tensor): Float32Array {
    if (t.dtype === 'float32' && tf.getBackend() === 'wasm') {
        const backend = tf.backend() as unknown as Partial<WasmHeapBackend>;
        if (typeof backend.typedArrayFromHeap === 'function') return backend.typedArrayFromHeap(t);
    }
    return t.dataSync() as Float32Array;
}
