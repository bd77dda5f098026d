/**
 * Whether the whole-step engine shares a model's batches among the kernel threads. Asked for
 * (--threads, RNN_LENS_THREADS), always. Running by default (every core: the CLI's default, the
 * panel's), only where a sample's matrix products are big enough for half a batch to outweigh the
 * handovers: a batch on two threads pays a request, a barrier and the workers' start (0.1-0.2 s
 * a run), which the small models never earn back. Measured on the notebook's models (2 cores,
 * `rnn-lens train --epochs 30`, 2026-12-06), two threads against one:
 * - native products (Node): SingleSimpleRNN (11k multiply-adds a sample) and SingleLSTM (39k)
 *   0.12-0.2 s slower; SingleBidirectional (200k) and every bigger model 0.2-0.9 s faster;
 * - wasm products (RNN_LENS_NATIVE=off, as in the panel), each run twice: SingleSimpleRNN 0.09-0.12 s
 *   slower (0.91-0.94 s on one), SingleLSTM 0.07-0.13 s faster (1.38 s), SingleBidirectional 0.7-1.0 s faster.
 * A sample's work in wasm takes about twice as long, so the handovers weigh half as much.
 */
import { nativeProductsInUse } from '../../layers/native-products.js';
import { threadsAreAsked, threadsOption } from '../../threads/batch-shares.js';
import { kernelThreadCount } from '../../threads/use-kernel-threads.js';
import type { DirectionPlan, StepPlan } from './plan.js';

/** Fewest multiply-adds a sample (forwards) for the default threads to share a batch, by the products that run. */
export const SHARE_MIN_MULTIPLY_ADDS = { native: 100_000, wasm: 25_000 } as const;

/** The forward pass's matrix-product multiply-adds for one sample (the backward pass does twice as many). */
export function multiplyAddsPerSample(plan: StepPlan): number {
    const direction = (d: DirectionPlan) => d.steps * d.gates * d.units * (d.inputs + d.units);
    let total = 0;
    for (const layer of plan.layers) {
        if (layer.kind === 'conv') total += layer.outSteps * layer.kernelSize * layer.channels * layer.filters;
        else if (layer.kind === 'recurrent') total += direction(layer.direction);
        else if (layer.kind === 'bidirectional') total += direction(layer.forward) + direction(layer.backward);
        else if (layer.kind === 'dense') total += layer.rowsPerSample * layer.inputs * layer.units;
    }
    return total;
}

/** The threads a program for `plan` shares its batches among, and why one where threads run. */
export function sharingThreads(plan: StepPlan): { readonly threads: number; readonly reason?: string } {
    const threads = kernelThreadCount();
    if (threads === 1 || threadsAreAsked()) return { threads };
    const work = multiplyAddsPerSample(plan);
    if (work >= SHARE_MIN_MULTIPLY_ADDS[nativeProductsInUse() ? 'native' : 'wasm']) return { threads };
    const option = threadsOption();
    return {
        threads: 1,
        reason: `a sample's products (${Math.round(work / 1000)}k multiply-adds) are too small to share a batch by default${option ? `; ${option} ${threads} shares it` : ''}`
    };
}
