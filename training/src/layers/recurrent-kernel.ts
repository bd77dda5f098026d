/**
 * RNN Lens's own WebAssembly module for the recurrent layers (training/wasm/assembly/, built
 * into kernels-wasm.generated.ts): a whole sequence forwards or backwards through time in one
 * call, on plain Float32Arrays, whatever tfjs backend holds the tensors. Through tfjs, each time
 * step cost a dozen operations or, with the products sent straight to tfjs-wasm's matMul, a
 * dozen JavaScript loops and calls; here the products, the gates and the masks stay in wasm
 * (SIMD products at about the speed of tfjs-wasm's XNNPACK on these shapes).
 *
 * A forward pass copies its inputs into a block of the module's memory (kernel-memory.ts),
 * which also holds its records (states, gates, ...) until its backward pass, or its release,
 * so that they never leave wasm; each call's own arrays take a block for that call only.
 */
import { batchShares, runLists, sumShares } from '../threads/batch-shares.js';
import type { KernelCall } from '../threads/kernel-threads.js';
import { Layout, type KernelMemory } from './kernel-memory.js';
import { kernelModule, type KernelExports as Exports } from './kernel-module.js';

export type KernelKind = 'SimpleRNN' | 'LSTM' | 'GRU' | 'GRUClassic';

/** Activation codes, as training/wasm/assembly/activations.ts numbers them. */
const ACTIVATION_CODES = { linear: 0, relu: 1, sigmoid: 2, tanh: 3 } as const;
export type KernelActivation = keyof typeof ACTIVATION_CODES;
export const KERNEL_ACTIVATIONS: readonly string[] = Object.keys(ACTIVATION_CODES);

const SEQUENCE_KINDS = { SimpleRNN: 0, LSTM: 1, GRU: 2 } as const;
const GATES: Record<KernelKind, number> = { SimpleRNN: 1, LSTM: 4, GRU: 3, GRUClassic: 3 };

const code = (a: KernelActivation) => ACTIVATION_CODES[a];

/** The kernels' own activation of each value (as the gates compute it): for tests. */
export function kernelActivation(activation: KernelActivation, values: Float32Array): Float32Array {
    const { exports: k, memory } = kernelModule();
    const start = memory.allocate(2 * values.length);
    try {
        memory.view().set(values, start);
        k.activateArray(code(activation), start * 4, (start + values.length) * 4, values.length);
        return memory.view().slice(start + values.length, start + 2 * values.length);
    } finally {
        memory.release(start);
    }
}

/** a [m, k] · b [k, n] by the kernels' own product (for tests and the benchmark). */
export function kernelProduct(a: Float32Array, b: Float32Array, m: number, k: number, n: number): Float32Array {
    const { exports: kernel, memory } = kernelModule();
    const layout = new Layout();
    const left = layout.take(m * k), right = layout.take(k * n), out = layout.take(m * n);
    const start = memory.allocate(layout.size);
    try {
        const f = memory.view();
        f.set(a, start + left);
        f.set(b, start + right);
        kernel.gemm(m, n, k, (start + left) * 4, k, (start + right) * 4, n, (start + out) * 4, n, 0);
        return memory.view().slice(start + out, start + out + m * n);
    } finally {
        memory.release(start);
    }
}

/** Kernel memory in use, in f32 values (the tests check that passes give theirs back). */
export function kernelMemoryInUse(): number {
    return kernelModule().memory.inUse;
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

/** A forward pass's block: the inputs, the records, the output; indexes from the block's start. */
function passLayout(o: KernelOptions) {
    const { batch: B, steps: T, units: h, inputs } = o;
    const n = B * h, gh = GATES[o.kind] * h, rows = B * T;
    const inputMaskCount = o.inputMasks?.length ?? 0, maskCount = o.stateMasks?.length ?? 0;
    const l = new Layout();
    const x = l.take(rows * inputs), w = l.take(inputs * gh), u = l.take(h * gh);
    const bias = l.take(biasSize(o, gh));
    const inputMasks = l.take(inputMaskCount * B * inputs), masks = l.take(maskCount * n), stepMask = l.take(o.stepMask ? rows : 0);
    const classic = o.kind === 'GRUClassic';
    const masked = l.take(inputMaskCount * rows * inputs);
    const states = l.take((T + 1) * n);
    const cells = l.take(o.kind === 'LSTM' ? (T + 1) * n : 0);
    const seen = l.take(classic ? 3 * T * n : maskCount * T * n);
    const gates = l.take(classic ? 3 * T * n : T * B * (o.kind === 'SimpleRNN' ? h : 4 * h));
    const actC = l.take(o.kind === 'LSTM' ? T * n : 0);
    const outSize = o.returnSequences ? B * T * h : n;
    const out = l.take(outSize);
    return { x, w, u, bias, inputMasks, inputMaskCount, masks, maskCount, stepMask, masked, states, cells, seen, gates, actC, out, outSize, size: l.size, gh, n, rows };
}

type PassLayout = ReturnType<typeof passLayout>;

function biasSize(o: KernelOptions, gh: number): number {
    return o.bias === 'none' ? 0 : o.bias === 'input' ? gh : 2 * gh;
}


/** Copies the input, the weights and the masks into the pass's block at `start`. */
function copyIn(f: Float32Array, o: KernelOptions, P: PassLayout, start: number, x: Float32Array, weights: KernelWeights): void {
    f.set(x, start + P.x);
    f.set(weights.kernel, start + P.w);
    f.set(weights.recurrentKernel, start + P.u);
    if (weights.bias) f.set(weights.bias, start + P.bias);
    o.inputMasks?.forEach((m, i) => f.set(m, start + P.inputMasks + i * o.batch * o.inputs));
    o.stateMasks?.forEach((m, i) => f.set(m, start + P.masks + i * P.n));
    if (o.stepMask) f.set(o.stepMask, start + P.stepMask);
}

/** The options of rows [from, to) of the batch: their share of every mask. */
function shareOptions(o: KernelOptions, from: number, to: number): KernelOptions {
    if (from === 0 && to === o.batch) return o;
    const rows = (m: Float32Array, width: number) => m.subarray(from * width, to * width);
    return {
        ...o, batch: to - from,
        inputMasks: o.inputMasks?.map(m => rows(m, o.inputs)) ?? null,
        stateMasks: o.stateMasks?.map(m => rows(m, o.units)) ?? null,
        stepMask: o.stepMask ? rows(o.stepMask, o.steps) : null
    };
}

function cellArguments(o: KernelOptions): number[] {
    return [o.batch, o.steps, o.units, code(o.activation), code(o.recurrentActivation), o.returnSequences ? 1 : 0, o.goBackwards ? 1 : 0];
}

export interface BackwardResult {
    /** The gradients of the input [B, T, in], the kernel, the recurrent kernel and the bias (as they are laid out). */
    readonly dx: Float32Array;
    readonly dKernel: Float32Array;
    readonly dRecurrentKernel: Float32Array;
    readonly dBias: Float32Array | null;
}

export interface ForwardPass {
    /**
     * [B, T, h] or [B, h]: a view of kernel memory, made at each read and valid until the pass is
     * released or the memory grows (read it at once).
     */
    readonly output: Float32Array;
    /**
     * The gradients for the output's gradient `dOut`, handed to `use` as views of kernel memory
     * valid during that call only; gives the pass's memory back. Once only.
     */
    backward<T>(dOut: Float32Array, use: (gradients: BackwardResult) => T): T;
    /** Gives the pass's memory back without a backward pass (harmless to repeat). */
    release(): void;
}

/** A share of the batch, rows [from, to), with its own pass block: the whole batch on one thread, or a thread's rows. */
interface Shard {
    readonly from: number;
    readonly to: number;
    readonly o: KernelOptions;
    readonly P: PassLayout;
    readonly start: number;
}

/** The layer over the sequence x [B, T, in] (time order). */
export function kernelForward(o: KernelOptions, x: Float32Array, weights: KernelWeights): ForwardPass {
    const { memory } = kernelModule();
    const { steps: T, units: h } = o;
    const shards: Shard[] = [], calls: number[] = [], lists: KernelCall[][] = [];
    try {
        for (const [from, to] of batchShares(o.batch)) {
            const so = shareOptions(o, from, to);
            const P = passLayout(so);
            const shard: Shard = { from, to, o: so, P, start: memory.allocate(P.size) };
            shards.push(shard);
            const own = new Layout();
            const xw = own.take(P.rows * P.gh), rec = own.take(so.kind === 'GRUClassic' ? P.n : so.batch * P.gh);
            const call = memory.allocate(own.size);
            calls.push(call);
            copyIn(memory.view(), so, P, shard.start, x.subarray(from * T * o.inputs, to * T * o.inputs), weights);
            lists.push(forwardCalls(shard, (call + xw) * 4, (call + rec) * 4));
        }
        runLists(lists);
    } catch (error) {
        for (const shard of shards) memory.release(shard.start);
        throw error;
    } finally {
        for (const call of calls) memory.release(call);
    }
    let held = true;
    const release = () => {
        if (held) for (const shard of shards) memory.release(shard.start);
        held = false;
    };
    return {
        get output() {
            if (!held) throw new Error(`${o.kind}: this forward pass was released; its output is gone`);
            const f = memory.view();
            const part = ({ start, P }: Shard) => f.subarray(start + P.out, start + P.out + P.outSize);
            if (shards.length === 1) return part(shards[0]);
            const out = new Float32Array(o.batch * (o.returnSequences ? T * h : h));
            for (const shard of shards) out.set(part(shard), shard.from * (out.length / o.batch));
            return out;
        },
        backward(dOut, use) {
            if (!held) throw new Error(`${o.kind}: this forward pass was released; its backward pass cannot run`);
            try {
                return backwardPass(memory, o, shards, dOut, use);
            } finally {
                release();
            }
        },
        release
    };
}

/** The forward calls of a shard: the input projection into `xw`, then the loop over time (`rec`: its scratch). */
function forwardCalls({ o, P, start }: Shard, xw: number, rec: number): KernelCall[] {
    const at = (i: number, present = true) => (present ? (start + i) * 4 : 0);
    const masks = at(P.masks, P.maskCount > 0), stepMask = at(P.stepMask, o.stepMask !== null);
    const project: KernelCall = ['projectInputs', o.batch, o.steps, o.inputs, GATES[o.kind], o.units, at(P.x), at(P.w), at(P.bias, o.bias !== 'none'),
        at(P.inputMasks, P.inputMaskCount > 0), P.inputMaskCount, at(P.masked), xw];
    const loop: KernelCall = o.kind === 'GRUClassic'
        ? ['classicGruForward', ...cellArguments(o), xw, at(P.u), masks, P.maskCount, stepMask, at(P.states), at(P.seen), at(P.gates), at(P.out), rec]
        : ['sequenceForward', SEQUENCE_KINDS[o.kind], ...cellArguments(o), xw, at(P.u), at(P.bias + P.gh, o.bias === 'inputAndRecurrent'),
            masks, P.maskCount, stepMask, at(P.states), at(P.cells), at(P.seen), at(P.gates), at(P.actC), at(P.out), rec];
    return [project, loop];
}

/** A backward call block's arrays, for a shard of `batch` rows. */
function backwardLayout(k: Exports, o: KernelOptions, P: PassLayout, dOutSize: number) {
    const { batch: B, steps: T, units: h, inputs } = o;
    const g = GATES[o.kind], gh = P.gh;
    const own = new Layout();
    const dOutAt = own.take(dOutSize), dxw = own.take(P.rows * gh), dx = own.take(P.rows * inputs);
    const dw = own.take(inputs * gh), du = own.take(h * gh), dBias = own.take(biasSize(o, gh));
    const sequenceScratch = o.kind === 'GRUClassic' ? k.classicGruBackwardScratch(B, T, h) : k.backwardScratch(SEQUENCE_KINDS[o.kind], B, T, h);
    const scratch = own.take(Math.max(sequenceScratch, k.projectionBackwardScratch(B, T, inputs, g, h)));
    return { dOutAt, dxw, dx, dw, du, dBias, scratch, size: own.size };
}

type BackwardLayout = ReturnType<typeof backwardLayout>;

function backwardCalls({ o, P, start }: Shard, L: BackwardLayout, call: number): KernelCall[] {
    const { steps: T, units: h, inputs } = o;
    const g = GATES[o.kind], gh = P.gh;
    const at = (i: number, present = true) => (present ? (start + i) * 4 : 0);
    const mine = (i: number, present = true) => (present ? (call + i) * 4 : 0);
    const masks = at(P.masks, P.maskCount > 0), stepMask = at(P.stepMask, o.stepMask !== null);
    const loop: KernelCall = o.kind === 'GRUClassic'
        ? ['classicGruBackward', ...cellArguments(o), mine(L.dOutAt), at(P.u), masks, P.maskCount, stepMask,
            at(P.states), at(P.seen), at(P.gates), mine(L.dxw), mine(L.du), mine(L.scratch)]
        : ['sequenceBackward', SEQUENCE_KINDS[o.kind], ...cellArguments(o), mine(L.dOutAt), at(P.u), masks, P.maskCount, stepMask,
            at(P.states), at(P.cells), at(P.seen), at(P.gates), at(P.actC), mine(L.dxw), mine(L.du),
            mine(L.dBias + gh, o.bias === 'inputAndRecurrent'), mine(L.scratch)];
    const project: KernelCall = ['projectInputsBackward', o.batch, T, inputs, g, h, at(P.x), at(P.w), at(P.inputMasks, P.inputMaskCount > 0), P.inputMaskCount,
        at(P.masked), mine(L.dxw), mine(L.dx), mine(L.dw), mine(L.dBias, o.bias !== 'none'), mine(L.scratch)];
    return [loop, project];
}

function backwardPass<T>(memory: KernelMemory, o: KernelOptions, shards: readonly Shard[], dOut: Float32Array,
    use: (gradients: BackwardResult) => T): T {
    const { exports: k } = kernelModule();
    const perRow = dOut.length / o.batch;
    const layouts = shards.map(s => backwardLayout(k, s.o, s.P, (s.to - s.from) * perRow));
    const calls: number[] = [];
    try {
        const lists = shards.map((shard, i) => {
            const call = memory.allocate(layouts[i].size);
            calls.push(call);
            memory.view().set(dOut.subarray(shard.from * perRow, shard.to * perRow), call + layouts[i].dOutAt);
            return backwardCalls(shard, layouts[i], call);
        });
        runLists(lists);
        const view = memory.view();
        const gh = shards[0].P.gh, biasValues = biasSize(o, gh);
        const parts = shards.map((shard, i) => {
            const L = layouts[i], call = calls[i];
            return {
                dx: view.subarray(call + L.dx, call + L.dx + shard.P.rows * o.inputs),
                dKernel: view.subarray(call + L.dw, call + L.dw + o.inputs * gh),
                dRecurrentKernel: view.subarray(call + L.du, call + L.du + o.units * gh),
                dBias: biasValues ? view.subarray(call + L.dBias, call + L.dBias + biasValues) : null
            };
        });
        return use(parts.length === 1 ? parts[0] : joinShares(parts));
    } finally {
        for (const call of calls) memory.release(call);
    }
}

/** The shards' gradients as one batch's: the input's side by side, the weights' summed. */
function joinShares(parts: readonly BackwardResult[]): BackwardResult {
    const dx = new Float32Array(parts.reduce((n, p) => n + p.dx.length, 0));
    let at = 0;
    for (const p of parts) {
        dx.set(p.dx, at);
        at += p.dx.length;
    }
    const sum = (pick: (p: BackwardResult) => Float32Array) => sumShares(parts.map(pick));
    return { dx, dKernel: sum(p => p.dKernel), dRecurrentKernel: sum(p => p.dRecurrentKernel), dBias: parts[0].dBias ? sum(p => p.dBias!) : null };
}
