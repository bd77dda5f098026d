/**
 * The matrix products of one pass of the fast recurrent loop: a [rows, inner] · U_k [inner, cols]
 * for a few fixed right operands U_k, called once or a few times per time step.
 *
 * On the wasm backend, straight into the backend's BatchMatMul (XNNPACK) on two heap buffers made
 * once per pass: through tfjs each product paid for a new input tensor, the engine's dispatch,
 * two reshapes, a new output tensor, a read-back copy and two disposals: 20–40 µs of overhead
 * for 10–20 µs of arithmetic, several hundred times per batch. Elsewhere (cpu: its matMul is
 * JavaScript as well), through tf.matMul, which is what it was.
 */
import type * as tfjs from '@tensorflow/tfjs';

type Tf = typeof tfjs;

export interface Products {
    /**
     * left [rows, inner] · operand k, [rows, cols]: on wasm a view of the backend's output buffer,
     * valid until the next call (read it or copy it before multiplying again).
     */
    multiply(left: Float32Array, k: number): Float32Array;
    dispose(): void;
}

interface TensorInfo { dataId: object; shape: number[]; dtype: tfjs.DataType }
interface WasmModule {
    HEAPF32: Float32Array;
    cwrap(name: string, returns: null, args: string[]): (...args: unknown[]) => void;
}
interface WasmBackend {
    wasm: WasmModule;
    dataIdMap: { get(dataId: object): { id: number; memoryOffset: number } };
    makeOutput(shape: number[], dtype: tfjs.DataType): TensorInfo;
    disposeData(dataId: object): boolean;
}

const wrapped = new WeakMap<WasmModule, Map<string, (...args: unknown[]) => void>>();

/** A function of the wasm module, wrapped once (the signatures of tfjs-backend-wasm's own kernels/*.js). */
function wasmFunction(module: WasmModule, name: 'BatchMatMul' | 'Sigmoid'): (...args: unknown[]) => void {
    let functions = wrapped.get(module);
    if (!functions) wrapped.set(module, functions = new Map());
    let call = functions.get(name);
    if (!call) {
        call = name === 'BatchMatMul'
            ? module.cwrap(name, null, ['number', 'array', 'number', 'number', 'array', 'number', 'number', 'number', 'number'])
            : module.cwrap(name, null, ['number', 'number']);
        functions.set(name, call);
    }
    return call;
}

function wasmBackend(tf: Tf): WasmBackend | null {
    const backend = tf.getBackend() === 'wasm' ? tf.backend() as unknown as WasmBackend : null;
    return backend?.wasm && backend.dataIdMap ? backend : null;
}

export interface Sigmoids {
    /** σ of every element of `z` (of the size given): a view of the backend's buffer, valid until the next call. */
    apply(z: Float32Array): Float32Array;
    dispose(): void;
}

/**
 * σ of `size` values at a time with wasm's own Sigmoid kernel (XNNPACK, vectorized: the same
 * numbers as tf.sigmoid on wasm, several times faster than Math.exp in a loop); null on other
 * backends, where the loops compute it.
 */
export function stepSigmoids(tf: Tf, size: number): Sigmoids | null {
    const backend = wasmBackend(tf);
    if (!backend) return null;
    const call = wasmFunction(backend.wasm, 'Sigmoid');
    const input = backend.makeOutput([size], 'float32');
    const out = backend.makeOutput([size], 'float32');
    const inputId = backend.dataIdMap.get(input.dataId).id;
    const outId = backend.dataIdMap.get(out.dataId).id;
    return {
        apply(z) {
            backend.wasm.HEAPF32.set(z, backend.dataIdMap.get(input.dataId).memoryOffset / 4);
            call(inputId, outId);
            const at = backend.dataIdMap.get(out.dataId).memoryOffset / 4;
            return backend.wasm.HEAPF32.subarray(at, at + size);
        },
        dispose() {
            backend.disposeData(input.dataId);
            backend.disposeData(out.dataId);
        }
    };
}

function shapeBytes(shape: number[]): Uint8Array {
    return new Uint8Array(new Int32Array(shape).buffer);
}

/** Products by `operands` (all [inner, cols]) for lefts of `rows` rows. */
export function stepProducts(tf: Tf, operands: readonly tfjs.Tensor2D[], rows: number): Products {
    const [inner, cols] = operands[0].shape;
    const backend = wasmBackend(tf);
    if (!backend) return tfjsProducts(tf, operands, rows, inner);
    const call = wasmFunction(backend.wasm, 'BatchMatMul');
    const left = backend.makeOutput([1, rows, inner], 'float32');
    const out = backend.makeOutput([1, rows, cols], 'float32');
    const leftId = backend.dataIdMap.get(left.dataId).id;
    const outId = backend.dataIdMap.get(out.dataId).id;
    const rightIds = operands.map(u => backend.dataIdMap.get(u.dataId).id);
    const leftShape = shapeBytes([1, rows, inner]);
    const rightShape = shapeBytes([1, inner, cols]);
    return {
        multiply(a, k) {
            // Offsets and the heap view are looked up each time: the heap may grow (and move) between calls.
            const leftAt = backend.dataIdMap.get(left.dataId).memoryOffset / 4;
            backend.wasm.HEAPF32.set(a, leftAt);
            call(leftId, leftShape, 3, rightIds[k], rightShape, 3, 0, 0, outId);
            const outAt = backend.dataIdMap.get(out.dataId).memoryOffset / 4;
            return backend.wasm.HEAPF32.subarray(outAt, outAt + rows * cols);
        },
        dispose() {
            backend.disposeData(left.dataId);
            backend.disposeData(out.dataId);
        }
    };
}

function tfjsProducts(tf: Tf, operands: readonly tfjs.Tensor2D[], rows: number, inner: number): Products {
    return {
        multiply(a, k) {
            // Not through tf.tidy: tidy would walk every element of a typed array for tensors.
            const leftTensor = tf.tensor2d(a, [rows, inner]);
            const result = tf.matMul(leftTensor, operands[k]);
            const values = result.dataSync() as Float32Array;
            tf.dispose([leftTensor, result]);
            return values;
        },
        dispose() { /* nothing held */ }
    };
}
