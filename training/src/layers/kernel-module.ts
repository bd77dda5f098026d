/**
 * RNN Lens's WebAssembly module (training/wasm/assembly/, built into kernels-wasm.generated.ts),
 * instantiated once per JavaScript realm with the blocks of its memory (kernel-memory.ts): the
 * recurrent kernels (recurrent-kernel.ts), the Conv1D kernel (conv-kernel.ts) and Adam's update
 * (fused-adam.ts) call into it.
 */
import type { KernelThreads } from '../threads/kernel-threads.js';
import { KernelMemory } from './kernel-memory.js';
import { KERNELS_SHARED_WASM_BASE64, KERNELS_WASM_BASE64, SHARED_MAXIMUM_PAGES } from './kernels-wasm.generated.js';
import { NativeSlot } from './native-products.js';

/** The module's exports (training/wasm/assembly/index.ts); pointers are byte addresses. */
export interface KernelExports {
    memory: WebAssembly.Memory;
    activateArray(code: number, x: number, out: number, n: number): void;
    adamUpdate(w: number, g: number, m: number, v: number, n: number,
        beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number, correction1: number, correction2: number,
        epsilon: number, learningRate: number): void;
    gemm(m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, accumulate: number): void;
    gemmTransposedA(m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number): void;
    /** Products of at least `from` multiply-adds go to the native addon (0: none; native-products.ts). */
    useNativeProducts(from: number): void;
    heapBase(): number;
    projectInputs(...args: number[]): void;
    projectInputsBackward(...args: number[]): void;
    projectionBackwardScratch(batch: number, steps: number, inputs: number, g: number, h: number): number;
    sequenceForward(...args: number[]): void;
    sequenceBackward(...args: number[]): void;
    backwardScratch(kind: number, batch: number, steps: number, h: number): number;
    classicGruForward(...args: number[]): void;
    classicGruBackward(...args: number[]): void;
    classicGruBackwardScratch(batch: number, steps: number, h: number): number;
    convForward(...args: number[]): void;
    convBackward(...args: number[]): void;
    convScratch(batch: number, channels: number, filters: number, outSteps: number): number;
    /** The whole-step engine's (whole-step.ts, step-layers.ts; training/src/train/whole-step/). */
    trainStep(program: number, batch: number, beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number,
        correction1: number, correction2: number, epsilon: number, learningRate: number): void;
    evaluateStep(program: number, batch: number): void;
    wholeForward(program: number, batch: number, training: number): void;
    wholeLoss(program: number, batch: number, total: number, grad: number): void;
    wholeBackward(program: number, batch: number): void;
    wholeAdam(program: number, beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number,
        correction1: number, correction2: number, epsilon: number, learningRate: number): void;
    /** Adds another part's gradients (training/src/train/whole-step/program.ts, on several threads). */
    wholeAddGradients(program: number, from: number): void;
    /** A batch shared among threads in parts (shared-batch.ts): its parts, and in training the summed update. */
    wholeClaimParts(table: number, total: number, training: number): void;
    wholeTrainParts(table: number, total: number, beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number,
        correction1: number, correction2: number, epsilon: number, learningRate: number): void;
    /** wholeTrainParts's second half alone (the calling thread draws the next masks before it). */
    wholeUpdateSlices(table: number, beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number,
        correction1: number, correction2: number, epsilon: number, learningRate: number): void;
    wholeStepRecord(): number;
    /** Which thread runs this instance (shared-batch.ts: the part and slices it claims first). */
    useThreadIndex(index: number): void;
    denseScratch(rows: number, inputs: number, units: number): number;
}

export interface KernelModule {
    readonly exports: KernelExports;
    readonly memory: KernelMemory;
    /**
     * The module built for a shared memory, where this realm can share memory with workers
     * (Node; a cross-origin isolated page): kernel threads (training/src/threads/) instantiate
     * it on the same memory. Null: the module has its own memory, one thread only.
     */
    readonly shared: { readonly module: WebAssembly.Module; readonly memory: WebAssembly.Memory } | null;
    /** The kernel threads now running on the shared memory, or null: one thread. */
    threads: KernelThreads | null;
}

let instance: KernelModule | null = null;

export function kernelModule(): KernelModule {
    // Synchronous: the module is small (~17 KB), and training runs in Node or a worker.
    instance ??= sharedMemoryAvailable() ? sharedModule() : ownModule();
    return instance;
}

/** The kernels with their own memory (a realm without shared memory; the tests build one in Node too). */
export function ownModule(): KernelModule {
    let memory: WebAssembly.Memory | null = null;
    const slot = new NativeSlot(() => memory!);
    const exports = new WebAssembly.Instance(new WebAssembly.Module(base64Bytes(KERNELS_WASM_BASE64)),
        { env: { nativeProduct: slot.nativeProduct } }).exports as unknown as KernelExports;
    memory = exports.memory;
    slot.attach(exports);
    return { exports, memory: new KernelMemory(memory, exports.heapBase() / 4, () => slot.refresh()), shared: null, threads: null };
}

/** The same kernels on a shared memory, one thread until threads start (same code, same results). */
function sharedModule(): KernelModule {
    const module = new WebAssembly.Module(base64Bytes(KERNELS_SHARED_WASM_BASE64));
    const memory = new WebAssembly.Memory({ initial: 16, maximum: SHARED_MAXIMUM_PAGES, shared: true });
    const slot = new NativeSlot(() => memory);
    const exports = new WebAssembly.Instance(module, { env: { memory, nativeProduct: slot.nativeProduct } }).exports as unknown as KernelExports;
    slot.attach(exports);
    // A shared memory never moves; a product past its old end finds the new end by itself (addon.cc).
    return { exports, memory: new KernelMemory(memory, exports.heapBase() / 4), shared: { module, memory }, threads: null };
}

/** Whether this realm can share memory with workers (a browser: only when cross-origin isolated). */
export function sharedMemoryAvailable(): boolean {
    return typeof SharedArrayBuffer === 'function'
        && (typeof globalThis.crossOriginIsolated !== 'boolean' || globalThis.crossOriginIsolated);
}

function base64Bytes(base64: string): Uint8Array<ArrayBuffer> {
    return Uint8Array.from(atob(base64), c => c.charCodeAt(0));
}
