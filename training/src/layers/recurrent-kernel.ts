/**
 * RNN Lens's own WebAssembly module for the recurrent layers (training/wasm/assembly/, built
 * into recurrent-wasm.generated.ts): a whole sequence forwards or backwards through time in one
 * call, on plain Float32Arrays, whatever tfjs backend holds the tensors. Through tfjs, each time
 * step cost a dozen operations or, with the products sent straight to tfjs-wasm's matMul, a
 * dozen JavaScript loops and calls; here the products, the gates and the masks stay in wasm
 * (SIMD products at about the speed of tfjs-wasm's XNNPACK on these shapes).
 *
 * The module has one memory, used by one call at a time (JavaScript is single-threaded): each
 * call lays its arrays out from the base, copies the inputs in and the results out. The forward
 * pass's records (states, gates, ...) leave in one copy, kept by the caller for the backward pass.
 */
import { RECURRENT_WASM_BASE64 } from './recurrent-wasm.generated.js';

export type KernelKind = 'SimpleRNN' | 'LSTM' | 'GRU' | 'GRUClassic';

/** Activation codes, as training/wasm/assembly/activations.ts numbers them. */
const ACTIVATION_CODES = { linear: 0, relu: 1, sigmoid: 2, tanh: 3 } as const;
export type KernelActivation = keyof typeof ACTIVATION_CODES;
export const KERNEL_ACTIVATIONS: readonly string[] = Object.keys(ACTIVATION_CODES);

const SEQUENCE_KINDS = { SimpleRNN: 0, LSTM: 1, GRU: 2 } as const;
const GATES: Record<KernelKind, number> = { SimpleRNN: 1, LSTM: 4, GRU: 3, GRUClassic: 3 };

interface Exports {
    memory: WebAssembly.Memory;
    activateArray(code: number, x: number, out: number, n: number): void;
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
}

let instance: Exports | null = null;

function kernels(): Exports {
    if (!instance) {
        const bytes = Uint8Array.from(atob(RECURRENT_WASM_BASE64), c => c.charCodeAt(0));
        // Synchronous: the module is small (~11 KB), and training runs in Node or a worker.
        instance = new WebAssembly.Instance(new WebAssembly.Module(bytes), {}).exports as unknown as Exports;
    }
    return instance;
}

/**
 * The module's memory as f32, holding `floats` values (the end of a layout) and the few past
 * the last array that a product's last column block reads (gemm in products.ts).
 */
function heap(k: Exports, floats: number): Float32Array {
    const needed = (floats + 16) * 4;
    const have = k.memory.buffer.byteLength;
    if (needed > have) k.memory.grow(Math.ceil((needed - have) / 65536));
    return new Float32Array(k.memory.buffer);
}

/** Consecutive arrays from the base, in f32 elements; `at` gives byte addresses for the module. */
class Layout {
    private cursor: number;
    constructor(baseBytes: number) {
        this.cursor = baseBytes / 4;
    }
    take(floats: number): number {
        const start = this.cursor;
        this.cursor += Math.ceil(floats / 4) * 4; // 16-byte aligned
        return start;
    }
    get end(): number {
        return this.cursor;
    }
}

/** The kernels' own activation of each value (as the gates compute it): for tests. */
export function kernelActivation(activation: KernelActivation, values: Float32Array): Float32Array {
    const k = kernels();
    const layout = new Layout(k.heapBase());
    const x = layout.take(values.length), out = layout.take(values.length);
    const f = heap(k, layout.end);
    f.set(values, x);
    k.activateArray(code(activation), x * 4, out * 4, values.length);
    return new Float32Array(k.memory.buffer).slice(out, out + values.length);
}

export interface KernelOptions {
    readonly kind: KernelKind;
    readonly batch: number;
    readonly steps: number;
    readonly inputs: number;
    readonly units: number;
    readonly activation: KernelActivation;
    readonly recurrentActivation: KernelActivation;
    readonly returnSequences: boolean;
    /** Process the steps last to first (the output stays in processing order, as Keras's). */
    readonly goBackwards: boolean;
    /** Input dropout: one mask [B·in] for every gate, one per gate, or none. */
    readonly inputMasks: readonly Float32Array[] | null;
    /** Recurrent dropout: one mask [B·h] for every gate, one per gate, or none. */
    readonly stateMasks: readonly Float32Array[] | null;
    /** [B·T] ones and zeros in processing order: a zero step keeps the state. */
    readonly stepMask: Float32Array | null;
    /** none; the input bias [gh]; or (GRU with reset_after=True) the input and the recurrent bias [2, gh]. */
    readonly bias: 'none' | 'input' | 'inputAndRecurrent';
}

/** The layer's weights as Keras lays them out: kernel [in, gh], recurrent kernel [h, gh], bias. */
export interface KernelWeights {
    readonly kernel: Float32Array;
    readonly recurrentKernel: Float32Array;
    readonly bias: Float32Array | null;
}

/** Where one call's arrays lie (f32 indexes): inputs and records the same for both passes, then each pass's own. */
function layoutOf(k: Exports, o: KernelOptions) {
    const { batch: B, steps: T, units: h, inputs } = o;
    const n = B * h, gh = GATES[o.kind] * h, rows = B * T;
    const inputMaskCount = o.inputMasks?.length ?? 0, maskCount = o.stateMasks?.length ?? 0;
    const l = new Layout(k.heapBase());
    const x = l.take(rows * inputs), w = l.take(inputs * gh), u = l.take(h * gh);
    const bias = l.take(o.bias === 'none' ? 0 : o.bias === 'input' ? gh : 2 * gh);
    const inputMasks = l.take(inputMaskCount * B * inputs), masks = l.take(maskCount * n), stepMask = l.take(o.stepMask ? rows : 0);
    const recordsStart = l.end;
    const classic = o.kind === 'GRUClassic';
    const masked = l.take(inputMaskCount * rows * inputs);
    const states = l.take((T + 1) * n);
    const cells = l.take(o.kind === 'LSTM' ? (T + 1) * n : 0);
    const seen = l.take(classic ? 3 * T * n : maskCount * T * n);
    const gates = l.take(classic ? 3 * T * n : T * B * (o.kind === 'SimpleRNN' ? h : 4 * h));
    const actC = l.take(o.kind === 'LSTM' ? T * n : 0);
    const recordsEnd = l.end;
    return { x, w, u, bias, inputMasks, inputMaskCount, masks, maskCount, stepMask, recordsStart, recordsEnd, masked, states, cells, seen, gates, actC, next: l, gh, n, rows };
}

type Places = ReturnType<typeof layoutOf>;

const code = (a: KernelActivation) => ACTIVATION_CODES[a];
const bytes = (at: number) => at * 4;
/** A byte address, or 0 for an array that is absent. */
const optional = (at: number, present: boolean) => (present ? at * 4 : 0);

/** Copies the weights and the masks in; the arguments every kernel call starts with. */
function copyIn(f: Float32Array, o: KernelOptions, P: Places, x: Float32Array, weights: KernelWeights): void {
    f.set(x, P.x);
    f.set(weights.kernel, P.w);
    f.set(weights.recurrentKernel, P.u);
    if (weights.bias) f.set(weights.bias, P.bias);
    o.inputMasks?.forEach((m, i) => f.set(m, P.inputMasks + i * o.batch * o.inputs));
    o.stateMasks?.forEach((m, i) => f.set(m, P.masks + i * P.n));
    if (o.stepMask) f.set(o.stepMask, P.stepMask);
}

function cellArguments(o: KernelOptions): number[] {
    return [o.batch, o.steps, o.units, code(o.activation), code(o.recurrentActivation), o.returnSequences ? 1 : 0, o.goBackwards ? 1 : 0];
}

export interface ForwardResult {
    /** [B, T, h] or [B, h]. */
    readonly output: Float32Array;
    /** What the backward pass needs, copied out of the module. */
    readonly records: Float32Array;
}

/** The layer over the sequence x [B, T, in] (time order). */
export function kernelForward(o: KernelOptions, x: Float32Array, weights: KernelWeights): ForwardResult {
    const k = kernels();
    const P = layoutOf(k, o);
    const { batch: B, steps: T, units: h } = o;
    const outSize = o.returnSequences ? B * T * h : B * h;
    const out = P.next.take(outSize), xw = P.next.take(P.rows * P.gh);
    const scratch = P.next.take(o.kind === 'GRUClassic' ? P.n : B * P.gh);
    const f = heap(k, P.next.end);
    copyIn(f, o, P, x, weights);
    k.projectInputs(B, T, o.inputs, GATES[o.kind], h, bytes(P.x), bytes(P.w), optional(P.bias, o.bias !== 'none'),
        optional(P.inputMasks, P.inputMaskCount > 0), P.inputMaskCount, bytes(P.masked), bytes(xw));
    const masks = optional(P.masks, P.maskCount > 0), stepMask = optional(P.stepMask, o.stepMask !== null);
    if (o.kind === 'GRUClassic') {
        k.classicGruForward(...cellArguments(o), bytes(xw), bytes(P.u), masks, P.maskCount, stepMask,
            bytes(P.states), bytes(P.seen), bytes(P.gates), bytes(out), bytes(scratch));
    } else {
        k.sequenceForward(SEQUENCE_KINDS[o.kind], ...cellArguments(o), bytes(xw), bytes(P.u), optional(P.bias + P.gh, o.bias === 'inputAndRecurrent'),
            masks, P.maskCount, stepMask, bytes(P.states), bytes(P.cells), bytes(P.seen), bytes(P.gates), bytes(P.actC), bytes(out), bytes(scratch));
    }
    const view = new Float32Array(k.memory.buffer);
    return { output: view.slice(out, out + outSize), records: view.slice(P.recordsStart, P.recordsEnd) };
}

export interface BackwardResult {
    /** The gradients of the input [B, T, in], the kernel, the recurrent kernel and the bias (as they are laid out). */
    readonly dx: Float32Array;
    readonly dKernel: Float32Array;
    readonly dRecurrentKernel: Float32Array;
    readonly dBias: Float32Array | null;
}

/** `x`, `weights` and `o` as given to kernelForward; `records` as it returned; `dOut` the output's gradient. */
export function kernelBackward(o: KernelOptions, x: Float32Array, weights: KernelWeights, records: Float32Array, dOut: Float32Array): BackwardResult {
    const k = kernels();
    const P = layoutOf(k, o);
    const { batch: B, steps: T, units: h, inputs } = o;
    const g = GATES[o.kind], gh = P.gh;
    const dOutAt = P.next.take(dOut.length), dxw = P.next.take(P.rows * gh), dx = P.next.take(P.rows * inputs);
    const dw = P.next.take(inputs * gh), du = P.next.take(h * gh), dBias = P.next.take(o.bias === 'none' ? 0 : o.bias === 'input' ? gh : 2 * gh);
    const sequenceScratch = o.kind === 'GRUClassic' ? k.classicGruBackwardScratch(B, T, h) : k.backwardScratch(SEQUENCE_KINDS[o.kind], B, T, h);
    const scratch = P.next.take(Math.max(sequenceScratch, k.projectionBackwardScratch(B, T, inputs, g, h)));
    const f = heap(k, P.next.end);
    copyIn(f, o, P, x, weights);
    f.set(records, P.recordsStart);
    f.set(dOut, dOutAt);
    const masks = optional(P.masks, P.maskCount > 0), stepMask = optional(P.stepMask, o.stepMask !== null);
    if (o.kind === 'GRUClassic') {
        k.classicGruBackward(...cellArguments(o), bytes(dOutAt), bytes(P.u), masks, P.maskCount, stepMask,
            bytes(P.states), bytes(P.seen), bytes(P.gates), bytes(dxw), bytes(du), bytes(scratch));
    } else {
        k.sequenceBackward(SEQUENCE_KINDS[o.kind], ...cellArguments(o), bytes(dOutAt), bytes(P.u), masks, P.maskCount, stepMask,
            bytes(P.states), bytes(P.cells), bytes(P.seen), bytes(P.gates), bytes(P.actC), bytes(dxw), bytes(du),
            optional(dBias + gh, o.bias === 'inputAndRecurrent'), bytes(scratch));
    }
    k.projectInputsBackward(B, T, inputs, g, h, bytes(P.x), bytes(P.w), optional(P.inputMasks, P.inputMaskCount > 0), P.inputMaskCount,
        bytes(P.masked), bytes(dxw), bytes(dx), bytes(dw), optional(dBias, o.bias !== 'none'), bytes(scratch));
    const view = new Float32Array(k.memory.buffer);
    const biasSize = o.bias === 'none' ? 0 : o.bias === 'input' ? gh : 2 * gh;
    return {
        dx: view.slice(dx, dx + P.rows * inputs),
        dKernel: view.slice(dw, dw + inputs * gh),
        dRecurrentKernel: view.slice(du, du + h * gh),
        dBias: biasSize ? view.slice(dBias, dBias + biasSize) : null
    };
}
