/**
 * Tensors to and from the kernels without a copy of their own. valuesOf: a tensor's values for
 * a kernel to copy at once, without the copy dataSync makes: on the wasm backend a view of
 * tfjs's own heap, valid until tfjs next allocates (so read it straight away); elsewhere
 * dataSync's array. tensorFrom: a tensor of values that may be a view of kernel memory. Each
 * batch moves every weight, input, output and gradient of the fast layers this way: the copies
 * were a few percent of a batch, and as much again in garbage collection.
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

/**
 * A float32 tensor of `values`, which may be a view of kernel memory about to be reused: tfjs-wasm
 * copies them into its heap at once; the other backends keep the array they are given, so they
 * get a copy.
 */
export function tensorFrom(tf: typeof tfjs, values: Float32Array, shape: number[]): tfjs.Tensor {
    return tf.tensor(tf.getBackend() === 'wasm' ? values : values.slice(), shape, 'float32');
}
