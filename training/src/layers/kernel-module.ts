/**
 * RNN Lens's WebAssembly module (training/wasm/assembly/, built into kernels-wasm.generated.ts),
 * instantiated once per JavaScript realm with the blocks of its memory (kernel-memory.ts): the
 * recurrent kernels (recurrent-kernel.ts), the Conv1D kernel (conv-kernel.ts) and Adam's update
 * (fused-adam.ts) call into it.
 */
import { KernelMemory } from './kernel-memory.js';
import { KERNELS_WASM_BASE64 } from './kernels-wasm.generated.js';

/** The module's exports (training/wasm/assembly/index.ts); pointers are byte addresses. */
export interface KernelExports {
    memory: WebAssembly.Memory;
    activateArray(code: number, x: number, out: number, n: number): void;
    adamUpdate(w: number, g: number, m: number, v: number, n: number,
        beta1: number, oneMinusBeta1: number, beta2: number, oneMinusBeta2: number, correction1: number, correction2: number,
        epsilon: number, learningRate: number): void;
    gemm(m: number, n: number, k: number, a: number, lda: number, b: number, ldb: number, c: number, ldc: number, accumulate: number): void;
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
    wholeStepRecord(): number;
    denseScratch(rows: number, inputs: number, units: number): number;
}

export interface KernelModule {
    readonly exports: KernelExports;
    readonly memory: KernelMemory;
}

let instance: KernelModule | null = null;

export function kernelModule(): KernelModule {
    if (!instance) {
        const bytes = Uint8Array.from(atob(KERNELS_WASM_BASE64), c => c.charCodeAt(0));
        // Synchronous: the module is small (~17 KB), and training runs in Node or a worker.
        const exports = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as KernelExports;
        instance = { exports, memory: new KernelMemory(exports.memory, exports.heapBase() / 4) };
    }
    return instance;
}
