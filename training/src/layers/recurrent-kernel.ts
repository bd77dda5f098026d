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
    heapBase(): number;
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

/** The module's memory as f32, at least `floats` long from the base (grown when needed). */
function heap(k: Exports, floats: number): Float32Array {
    const needed = k.heapBase() + floats * 4;
    const have = k.memory.buffer.byteLength;
    if (needed > have) k.memory.grow(Math.ceil((needed - have) / 65536));
    return new Float32Array(k.memory.buffer);
}

/** Consecutive arrays from the base, in f32 elements; `at` gives byte addresses for the module. */
class Layout {
    private next: number;
    constructor(baseBytes: number) {
        this.next = baseBytes / 4;
    }
    take(floats: number): number {
        const start = this.next;
        this.next += Math.ceil(floats / 4) * 4; // 16-byte aligned
        return start;
    }
    get end(): number {
        return this.next;
    }
}

export interface KernelOptions {
    readonly kind: KernelKind;
    readonly batch: number;
    readonly steps: number;
    readonly units: number;
    readonly activation: KernelActivation;
    readonly recurrentActivation: KernelActivation;
    readonly returnSequences: boolean;
    /** Recurrent dropout: one mask [B·h] for every gate, one per gate, or none. */
    readonly stateMasks: readonly Float32Array[] | null;
    /** [B·T] ones and zeros in processing order: a zero step keeps the state. */
    readonly stepMask: Float32Array | null;
    readonly hasRecurrentBias: boolean;
}

/** Where one call's arrays lie (f32 indexes), the same for the forward and the backward pass. */
function layoutOf(k: Exports, o: KernelOptions) {
    const { batch: B, steps: T, units: h } = o;
    const n = B * h, gh = GATES[o.kind] * h;
    const maskCount = o.stateMasks?.length ?? 0;
    const l = new Layout(k.heapBase());
    const x = l.take(B * T * gh), u = l.take(h * gh), br = l.take(o.hasRecurrentBias ? gh : 0);
    const masks = l.take(maskCount * n), stepMask = l.take(o.stepMask ? B * T : 0);
    const recordsStart = l.end;
    const classic = o.kind === 'GRUClassic';
    const states = l.take((T + 1) * n);
    const cells = l.take(o.kind === 'LSTM' ? (T + 1) * n : 0);
    const seen = l.take(classic ? 3 * T * n : maskCount * T * n);
    const gates = l.take(classic ? 3 * T * n : T * B * (o.kind === 'SimpleRNN' ? h : 4 * h));
    const actC = l.take(o.kind === 'LSTM' ? T * n : 0);
    const recordsEnd = l.end;
    const out = l.take(o.returnSequences ? B * T * h : n);
    return { x, u, br, masks, maskCount, stepMask, recordsStart, recordsEnd, states, cells, seen, gates, actC, out, scratchAt: l, gh, n };
}

const code = (a: KernelActivation) => ACTIVATION_CODES[a];

export interface ForwardResult {
    /** [B, T, h] or [B, h]. */
    readonly output: Float32Array;
    /** What the backward pass needs, copied out of the module. */
    readonly records: Float32Array;
}

export function kernelForward(o: KernelOptions, x: Float32Array, u: Float32Array, recurrentBias: Float32Array | null): ForwardResult {
    const k = kernels();
    const L = layoutOf(k, o);
    const scratch = L.scratchAt.take(o.kind === 'GRUClassic' ? o.batch * o.units : o.batch * L.gh);
    const f = heap(k, L.scratchAt.end);
    f.set(x, L.x);
    f.set(u, L.u);
    if (recurrentBias) f.set(recurrentBias, L.br);
    o.stateMasks?.forEach((m, i) => f.set(m, L.masks + i * L.n));
    if (o.stepMask) f.set(o.stepMask, L.stepMask);
    const stepMask = o.stepMask ? L.stepMask * 4 : 0;
    const masks = L.maskCount ? L.masks * 4 : 0;
    const common = [o.batch, o.steps, o.units, code(o.activation), code(o.recurrentActivation), o.returnSequences ? 1 : 0];
    if (o.kind === 'GRUClassic') {
        k.classicGruForward(...common, L.x * 4, L.u * 4, masks, L.maskCount, stepMask, L.states * 4, L.seen * 4, L.gates * 4, L.out * 4, scratch * 4);
    } else {
        k.sequenceForward(SEQUENCE_KINDS[o.kind], ...common, L.x * 4, L.u * 4, recurrentBias ? L.br * 4 : 0, masks, L.maskCount, stepMask,
            L.states * 4, L.cells * 4, L.seen * 4, L.gates * 4, L.actC * 4, L.out * 4, scratch * 4);
    }
    const view = new Float32Array(k.memory.buffer);
    const outSize = o.returnSequences ? o.batch * o.steps * o.units : o.batch * o.units;
    return { output: view.slice(L.out, L.out + outSize), records: view.slice(L.recordsStart, L.recordsEnd) };
}

export interface BackwardResult {
    /** The gradient of the input projection, [B, T, gh]. */
    readonly dx: Float32Array;
    /** The recurrent kernel's, [h, gh]. */
    readonly du: Float32Array;
    /** The recurrent bias's, [gh], when there is one. */
    readonly dRecurrentBias: Float32Array | null;
}

/** `u` and the masks as given to kernelForward; `records` as it returned; `dOut` the output's gradient. */
export function kernelBackward(o: KernelOptions, u: Float32Array, records: Float32Array, dOut: Float32Array): BackwardResult {
    const k = kernels();
    const L = layoutOf(k, o);
    const { batch: B, steps: T, units: h } = o;
    const dOutAt = L.scratchAt.take(dOut.length);
    const dx = L.scratchAt.take(B * T * L.gh), du = L.scratchAt.take(h * L.gh), dbr = L.scratchAt.take(o.hasRecurrentBias ? L.gh : 0);
    const scratch = L.scratchAt.take(o.kind === 'GRUClassic' ? k.classicGruBackwardScratch(B, T, h) : k.backwardScratch(SEQUENCE_KINDS[o.kind], B, T, h));
    const f = heap(k, L.scratchAt.end);
    f.set(u, L.u);
    o.stateMasks?.forEach((m, i) => f.set(m, L.masks + i * L.n));
    if (o.stepMask) f.set(o.stepMask, L.stepMask);
    f.set(records, L.recordsStart);
    f.set(dOut, dOutAt);
    const stepMask = o.stepMask ? L.stepMask * 4 : 0;
    const masks = L.maskCount ? L.masks * 4 : 0;
    const common = [B, T, h, code(o.activation), code(o.recurrentActivation), o.returnSequences ? 1 : 0];
    if (o.kind === 'GRUClassic') {
        k.classicGruBackward(...common, dOutAt * 4, L.u * 4, masks, L.maskCount, stepMask, L.states * 4, L.seen * 4, L.gates * 4, dx * 4, du * 4, scratch * 4);
    } else {
        k.sequenceBackward(SEQUENCE_KINDS[o.kind], ...common, dOutAt * 4, L.u * 4, masks, L.maskCount, stepMask,
            L.states * 4, L.cells * 4, L.seen * 4, L.gates * 4, L.actC * 4, dx * 4, du * 4, o.hasRecurrentBias ? dbr * 4 : 0, scratch * 4);
    }
    const view = new Float32Array(k.memory.buffer);
    return {
        dx: view.slice(dx, dx + B * T * L.gh),
        du: view.slice(du, du + h * L.gh),
        dRecurrentBias: o.hasRecurrentBias ? view.slice(dbr, dbr + L.gh) : null
    };
}
