/**
 * A training batch's dropout masks in the whole step: drawn for the whole batch, layer by layer
 * in the order the per-layer path draws them (the same generator read as often), then placed in
 * the parts, each part taking its rows. Drawing is apart from placing so that on several threads
 * the calling thread can draw the next batch's masks while the other threads finish this batch
 * (program.ts): drawing them is the calling thread's longest work between batches (StackedLSTM:
 * 23,040 values, 0.22 ms, while a thread's part of the batch takes 0.9 ms).
 */
import type { MaskSlots, ProgramLayout } from './layout.js';
import { tfjsDropoutMask } from './tfjs-dropout.js';

/** One layer's masks: a Dropout layer's, or a recurrent direction's on its input and state (null: none). */
interface LayerMasks {
    readonly dropout?: Float32Array;
    readonly input?: readonly Float32Array[] | null;
    readonly state?: readonly Float32Array[] | null;
}

/** A batch's masks, drawn for `rows` rows. */
export interface DrawnMasks {
    readonly rows: number;
    readonly layers: readonly LayerMasks[];
}

/** The masks of a training batch of `rows` rows, the program's mask layers in order. */
export function drawBatchMasks(masks: readonly MaskSlots[], rows: number): DrawnMasks {
    return {
        rows, layers: masks.map(m => {
            if (m.dropout) return { dropout: tfjsDropoutMask(rows * m.dropout.size, m.dropout.rate) };
            if (m.direction) {
                const { plan } = m.direction;
                return plan.layer.dropoutMasks(rows, plan.inputs);
            }
            return {};
        })
    };
}

/**
 * Writes `drawn` into the parts (`f`: kernel memory as floats, `start`: the program's first
 * value), part p taking rows `shares[p]`.
 */
export function placeBatchMasks(drawn: DrawnMasks, parts: readonly ProgramLayout[], shares: ReadonlyArray<readonly [number, number]>,
    f: Float32Array, start: number): void {
    const place = (mask: Float32Array, perRow: number, slot: (part: ProgramLayout, rows: number) => number) =>
        shares.forEach(([a, b], p) => f.set(mask.subarray(a * perRow, b * perRow), start + slot(parts[p], b - a)));
    parts[0].masks.forEach((m, j) => {
        const drawnHere = drawn.layers[j];
        if (m.dropout) {
            place(drawnHere.dropout!, m.dropout.size, part => part.masks[j].dropout!.slot);
        } else if (m.direction) {
            const { plan } = m.direction;
            drawnHere.input?.forEach((mask, i) => place(mask, plan.inputs, (part, n) => part.masks[j].direction!.input + i * n * plan.inputs));
            drawnHere.state?.forEach((mask, i) => place(mask, plan.units, (part, n) => part.masks[j].direction!.state + i * n * plan.units));
        }
    });
}
