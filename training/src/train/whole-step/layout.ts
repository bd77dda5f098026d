/**
 * Where a whole-step program's arrays live: one block of kernel memory per model, laid out
 * once for a batch size, holding the weights, their gradients and Adam's moments, every
 * layer's output, records and gradients, the staged batch, and the program itself (the
 * header and one record per operation that training/wasm/assembly/whole-step.ts reads).
 *
 * On several threads the block holds one program per share of the batch (a part): the parts
 * read the same weights and moments, and each has its own gradients, activations, staged rows,
 * masks and scratch, so that the threads never write the same array.
 */
import { Layout } from '../../layers/kernel-memory.js';
import type { KernelExports } from '../../layers/kernel-module.js';
import type { DirectionPlan, LayerPlan, StepPlan, Variable } from './plan.js';

const OP = { conv: 1, pool: 2, recurrent: 3, merge: 4, sumInputs: 5, dense: 6, dropout: 7 } as const;
export const HEADER = 10;

/** An array of the block: its offset in f32 values from the block's start, or null (absent: address 0). */
export type Slot = number | null;
/** A record's values: numbers as they are, slots as byte addresses. */
type Field = number | boolean | { readonly slot: Slot };
const addr = (slot: Slot): Field => ({ slot });

export interface WeightSlots { readonly variable: Variable; readonly size: number; readonly w: number; readonly g: number; readonly m: number; readonly v: number }
export interface MaskSlots {
    /** A Dropout layer's mask [B·size], or a recurrent direction's input and state masks. */
    readonly dropout?: { readonly slot: number; readonly size: number; readonly rate: number };
    readonly direction?: { readonly plan: DirectionPlan; readonly input: number; readonly state: number };
}

/** The parts' programs in one block of `size` values (weights, moments and part 0's gradients first). */
export interface BlockLayout {
    readonly size: number;
    readonly parts: readonly ProgramLayout[];
    /** The table threads claim parts and slices from (training/wasm/assembly/shared-batch.ts; claimTableSize i32). */
    readonly claims: number;
    /** The weights' fixed slicing for the threads' update: 3 i32 a slice (weight index, first value, values). */
    readonly slices: number;
    readonly sliceCuts: readonly number[];
}

/** i32 values of the claim table before its parts (shared-batch.ts). */
export const CLAIMS_HEADER = 8;

/** i32 values of the claim table for `parts` parts: the header, each part's program and rows, whether it is taken, its run of slices' counter. */
export function claimTableSize(parts: number): number {
    return CLAIMS_HEADER + 4 * parts;
}
/**
 * Most values in a slice of the weights that a thread sums and updates at once: small enough that
 * the threads share even one large weight evenly, large enough that claiming costs nothing.
 * A multiple of 4 (the update's SIMD width; the result does not depend on it).
 */
export const SLICE_VALUES = 2048;

export interface ProgramLayout {
    /** The most rows this part takes. */
    readonly batch: number;
    readonly program: number;
    /** The staged batch: inputs [B, T, C] and targets [B, width]. */
    readonly x: number;
    readonly targets: number;
    readonly sums: number;
    readonly weights: readonly WeightSlots[];
    readonly masks: readonly MaskSlots[];
    /** The program's i32 values (header, weight records, operation records), slots still offsets. */
    readonly fields: readonly Field[];
}

/** One part per entry of `batches` (the most rows each takes); one part: the one-thread program. */
export function layoutPrograms(k: KernelExports, plan: StepPlan, batches: readonly number[]): BlockLayout {
    const l = new Layout();
    const first: WeightSlots[] = plan.weights.map(variable => {
        const size = variable.shape.reduce((a: number, b) => a * (b ?? 1), 1);
        return { variable, size, w: l.take(size), g: l.take(size), m: l.take(size), v: l.take(size) };
    });
    const parts = batches.map((batch, i) => layoutPart(l, k, plan, batch, i === 0 ? first : first.map(s => ({ ...s, g: l.take(s.size) }))));
    const claims = l.take(claimTableSize(parts.length));
    const cuts = weightSlices(first.map(s => s.size));
    const slices = l.take(cuts.length);
    return { size: l.size, parts, claims, slices, sliceCuts: cuts };
}

/** The weights (their sizes) cut into slices of at most SLICE_VALUES values: [weight, first value, values] each, flat. */
export function weightSlices(sizes: readonly number[]): number[] {
    const cuts: number[] = [];
    sizes.forEach((size, weight) => {
        for (let from = 0; from < size; from += SLICE_VALUES) cuts.push(weight, from, Math.min(SLICE_VALUES, size - from));
    });
    return cuts;
}

function layoutPart(l: Layout, k: KernelExports, plan: StepPlan, batch: number, weights: readonly WeightSlots[]): ProgramLayout {
    const record = k.wholeStepRecord();
    const slotOf = (variable: Variable | null, which: 'w' | 'g'): Slot => {
        if (!variable) return null;
        const found = weights.find(s => s.variable === variable);
        if (!found) throw new Error(`whole step: ${variable.name} is not a trainable weight of the model`);
        return found[which];
    };
    const x = l.take(batch * plan.inputSize), targets = l.take(batch * plan.outputWidth);
    const sums = l.take(4);
    const ops: Field[][] = [];
    const masks: MaskSlots[] = [];
    let scratch = 0;
    let input: Slot = x, inputGradient: Slot = null;
    let inputSize = plan.inputSize;

    /** A direction's records and its operation: input `from` ([B, T, in]), output and gradient arrays of its own. */
    const direction = (d: DirectionPlan, from: Slot, dx: Slot) => {
        const n = batch * d.units, rows = batch * d.steps, gh = d.gates * d.units, T = d.steps;
        const classic = d.kind === 3;
        const outSize = d.returnSequences ? rows * d.units : n;
        const out = l.take(outSize), dOut = l.take(outSize);
        const inputMasks = l.take(d.inputMaskCount * batch * d.inputs), stateMasks = l.take(d.stateMaskCount * n);
        masks.push({ direction: { plan: d, input: inputMasks, state: stateMasks } });
        const sequenceScratch = classic ? k.classicGruBackwardScratch(batch, T, d.units) : k.backwardScratch(d.kind, batch, T, d.units);
        scratch = Math.max(scratch, sequenceScratch, k.projectionBackwardScratch(batch, T, d.inputs, d.gates, d.units));
        const bias = slotOf(d.bias, 'w'), dBias = slotOf(d.bias, 'g');
        ops.push([OP.recurrent, addr(from), addr(out), addr(dOut), addr(dx),
            d.kind, T, d.inputs, d.units, d.act, d.rec, d.returnSequences, d.goBackwards,
            addr(slotOf(d.kernel, 'w')), addr(slotOf(d.recurrentKernel, 'w')), addr(bias), addr(d.recurrentBias ? bias! + gh : null),
            addr(inputMasks), d.inputMaskCount, addr(stateMasks), d.stateMaskCount,
            addr(l.take(d.inputMaskCount * rows * d.inputs)), addr(l.take((T + 1) * n)), addr(l.take(d.kind === 1 ? (T + 1) * n : 0)),
            addr(l.take(classic ? 3 * T * n : d.stateMaskCount * T * n)), addr(l.take(classic ? 3 * T * n : T * batch * (d.kind === 0 ? d.units : 4 * d.units))),
            addr(l.take(d.kind === 1 ? T * n : 0)), addr(l.take(rows * gh)), addr(l.take(classic ? n : batch * gh)), addr(l.take(rows * gh)),
            addr(slotOf(d.kernel, 'g')), addr(slotOf(d.recurrentKernel, 'g')), addr(dBias), addr(d.recurrentBias ? dBias! + gh : null), addr(null)]);
        return { out, dOut, outSize };
    };

    for (const layer of plan.layers) {
        const [output, size] = planOps(layer);
        input = output.y;
        inputGradient = output.dy;
        inputSize = size;
    }
    if (inputSize !== plan.outputWidth) throw new Error(`whole step: the last layer gives ${inputSize} values a sample, the targets ${plan.outputWidth}`);

    /** The operations of one layer; its output and gradient slots and its values per sample. */
    function planOps(layer: LayerPlan): [{ y: number; dy: number }, number] {
        const from = input, dx = inputGradient;
        if (layer.kind === 'recurrent') {
            const d = direction(layer.direction, from, dx);
            return [{ y: d.out, dy: d.dOut }, d.outSize / batch];
        }
        if (layer.kind === 'bidirectional') {
            const size = batch * inputSize;
            const dxF = dx === null ? null : l.take(size), dxB = dx === null ? null : l.take(size);
            ops.push([OP.sumInputs, addr(from), addr(null), addr(null), addr(dx), inputSize, addr(dxF), addr(dxB)]);
            const f = direction(layer.forward, from, dxF), b = direction(layer.backward, from, dxB);
            const sequences = layer.forward.returnSequences;
            const width = layer.mode === 0 ? layer.forward.units + layer.backward.units : layer.forward.units;
            const perSample = (sequences ? layer.forward.steps : 1) * width;
            const y = l.take(batch * perSample), dy = l.take(batch * perSample);
            ops.push([OP.merge, addr(from), addr(y), addr(dy), addr(null), layer.mode, sequences, layer.forward.steps, layer.forward.units, layer.backward.units,
                addr(f.out), addr(b.out), addr(f.dOut), addr(b.dOut)]);
            return [{ y, dy }, perSample];
        }
        if (layer.kind === 'conv') {
            const perSample = layer.outSteps * layer.filters;
            const y = l.take(batch * perSample), dy = l.take(batch * perSample);
            scratch = Math.max(scratch, k.convScratch(batch, layer.channels, layer.filters, layer.outSteps));
            ops.push([OP.conv, addr(from), addr(y), addr(dy), addr(dx), layer.steps, layer.channels, layer.filters, layer.kernelSize, layer.stride,
                layer.dilation, layer.padLeft, layer.outSteps, layer.act, addr(slotOf(layer.kernel, 'w')), addr(slotOf(layer.bias, 'w')),
                addr(slotOf(layer.kernel, 'g')), addr(slotOf(layer.bias, 'g')), addr(null)]);
            return [{ y, dy }, perSample];
        }
        if (layer.kind === 'pool') {
            const perSample = layer.outSteps * layer.channels;
            const y = l.take(batch * perSample), dy = l.take(batch * perSample);
            ops.push([OP.pool, addr(from), addr(y), addr(dy), addr(dx), layer.steps, layer.channels, layer.mode, layer.pool, layer.stride,
                layer.padLeft, layer.outSteps, addr(l.take(batch * perSample))]);
            return [{ y, dy }, perSample];
        }
        if (layer.kind === 'dense') {
            const perSample = layer.rowsPerSample * layer.units;
            const y = l.take(batch * perSample), dy = l.take(batch * perSample);
            scratch = Math.max(scratch, k.denseScratch(batch * layer.rowsPerSample, layer.inputs, layer.units));
            ops.push([OP.dense, addr(from), addr(y), addr(dy), addr(dx), layer.rowsPerSample, layer.inputs, layer.units, layer.act,
                addr(slotOf(layer.kernel, 'w')), addr(slotOf(layer.bias, 'w')), addr(slotOf(layer.kernel, 'g')), addr(slotOf(layer.bias, 'g')), addr(null)]);
            return [{ y, dy }, perSample];
        }
        const y = l.take(batch * layer.size), dy = l.take(batch * layer.size), mask = l.take(batch * layer.size);
        masks.push({ dropout: { slot: mask, size: layer.size, rate: layer.rate } });
        ops.push([OP.dropout, addr(from), addr(y), addr(dy), addr(dx), layer.size, addr(mask)]);
        return [{ y, dy }, layer.size];
    }

    // The shared scratch goes where each operation's record says (the last field it reads).
    const shared = l.take(scratch);
    const scratchField: Record<number, number> = { [OP.conv]: 18, [OP.dense]: 13, [OP.recurrent]: 34 };
    for (const op of ops) if (scratchField[op[0] as number] !== undefined) op[scratchField[op[0] as number]] = addr(shared);
    const program = l.take(HEADER + 5 * weights.length + record * ops.length);
    const lastOp = ops.at(-1)!;
    const fields: Field[] = [
        ops.length, addr(program + HEADER + 5 * weights.length), plan.lossCode, plan.outputWidth, lastOp[2], addr(targets), lastOp[3],
        weights.length, addr(program + HEADER), addr(sums),
        ...weights.flatMap(s => [addr(s.w), addr(s.g), addr(s.m), addr(s.v), s.size]),
        ...ops.flatMap(op => {
            if (op.length > record) throw new Error('whole step: an operation record is longer than the module reads');
            return [...op, ...new Array<Field>(record - op.length).fill(0)];
        })
    ];
    return { batch, program, x, targets, sums, weights, masks, fields };
}

/** The program's i32 values with every slot made a byte address in the block at `start` (f32 index). */
export function resolveFields(fields: readonly Field[], start: number): Int32Array {
    return Int32Array.from(fields, f => (typeof f === 'number' ? f : typeof f === 'boolean' ? Number(f) : f.slot === null ? 0 : (start + f.slot) * 4));
}
