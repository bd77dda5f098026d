/**
 * The reference for the threads' update (training/wasm/assembly/shared-batch.ts): a threaded
 * whole-step batch as it ran before the update moved into the threads' request, the parts on the
 * threads (wholeClaimParts), then on this thread the gradients summed whole in part order
 * (wholeAddGradients) and one Adam over every weight (wholeAdam). The tests hold the threads'
 * sliced update to it bit for bit; bench/threads.bench.mjs times both.
 */
import { kernelModule } from '../../../training/src/layers/kernel-module.js';
import { runLists } from '../../../training/src/threads/batch-shares.js';
import type { StepProgram } from '../../../training/src/train/whole-step/program.js';

/** What the reference reads of a program (its private fields, as they are at run time). */
interface ProgramInside {
    claimTable(): number;
    address(slot: number): number;
    advancePowers(): void;
    readonly threadCount: number;
    readonly shares: readonly unknown[];
    readonly block: { readonly parts: ReadonlyArray<{ readonly program: number }> };
    readonly power1: number;
    readonly power2: number;
    readonly adam: { readonly learningRate: number; readonly beta1: number; readonly beta2: number; readonly epsilon: number };
}

/** Trains the staged `rows` of `program` (staged in more than one part) with the serial update. */
export function serialUpdateTrain(program: StepProgram, rows: number): void {
    const p = program as unknown as ProgramInside;
    if (p.shares.length < 2) throw new Error('the serial update is for a batch staged in parts');
    const k = kernelModule().exports;
    const table = p.claimTable();
    runLists(Array.from({ length: Math.min(p.threadCount, p.shares.length) }, () => [['wholeClaimParts', table, rows, 1] as const]));
    const first = p.address(p.block.parts[0].program);
    for (let i = 1; i < p.shares.length; i++) k.wholeAddGradients(first, p.address(p.block.parts[i].program));
    const { beta1, beta2, epsilon, learningRate } = p.adam;
    k.wholeAdam(first, beta1, Math.fround(1 - beta1), beta2, Math.fround(1 - beta2), 1 - p.power1, 1 - p.power2, epsilon, learningRate);
    p.advancePowers();
}

/** Whether two lists of weights are the same bit for bit. */
export function sameBits(a: readonly Float32Array[], b: readonly Float32Array[]): boolean {
    return a.length === b.length && a.every((w, i) => w.length === b[i].length && w.every((value, j) => Object.is(value, b[i][j])));
}
