/**
 * Conv1D (channels last, one group) as ONE tfjs operation with its own gradient, computed by
 * RNN Lens's wasm module (training/wasm/assembly/conv1d.ts: one product per filter tap). tfjs's
 * conv1d is a reshape, a conv2d and a reshape, plus the bias, each with its gradient and the
 * copies tfjs keeps for it: a dozen operations a layer, more in overhead than arithmetic for the
 * notebook's small convolutions.
 *
 * Input x [B, T, C], kernel [k, C, F] and bias [F], as Keras lays them out; the padding (valid,
 * same with TF's split, causal) as the number of zero steps before the input.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { batchShares, runLists, sumShares } from '../threads/batch-shares.js';
import { Layout } from './kernel-memory.js';
import { kernelModule } from './kernel-module.js';
import { tensorFrom, valuesOf } from './tensor-values.js';

type Tf = typeof tfjs;

export interface ConvKernelOptions {
    readonly stride: number;
    readonly dilation: number;
    /** Zero steps before the input (the rest of the padding is implied by outSteps). */
    readonly padLeft: number;
    readonly outSteps: number;
}

export function fastConv1D(tf: Tf, x: tfjs.Tensor3D, kernel: tfjs.Tensor3D, bias: tfjs.Tensor1D | undefined, o: ConvKernelOptions): tfjs.Tensor3D {
    const op = tf.customGrad(((...args: unknown[]) => {
        const [xIn, wIn, bIn] = args.slice(0, -1) as [tfjs.Tensor3D, tfjs.Tensor3D, tfjs.Tensor1D | undefined];
        const [batch, steps, channels] = xIn.shape;
        const [taps, kernelChannels, filters] = wIn.shape;
        if (kernelChannels !== channels) throw new Error(`Conv1D: a kernel for ${kernelChannels} channels on an input of ${channels}`);
        const { exports: k, memory } = kernelModule();
        const rows = batch * o.outSteps;
        const dims = (n: number) => [n, steps, channels, filters, taps, o.stride, o.dilation, o.padLeft, o.outSteps];
        // Each thread takes whole rows of the batch (batch-shares.ts): their own scratch, their part of x and y.
        const shares = batchShares(batch);
        const scratchSizes = shares.map(([from, to]) => k.convScratch(to - from, channels, filters, o.outSteps));
        // Copies: the backward pass needs them, and tfjs may have disposed these inputs by then.
        const xValues = valuesOf(tf, xIn).slice();
        const wValues = valuesOf(tf, wIn).slice();

        const forward = new Layout();
        const xAt = forward.take(xIn.size), wAt = forward.take(wIn.size), bAt = forward.take(bIn ? filters : 0);
        const yAt = forward.take(rows * filters), scratchAt = scratchSizes.map(size => forward.take(size));
        const start = memory.allocate(forward.size);
        let value: tfjs.Tensor3D;
        try {
            const f = memory.view();
            f.set(xValues, start + xAt);
            f.set(wValues, start + wAt);
            if (bIn) f.set(valuesOf(tf, bIn), start + bAt);
            const inRow = steps * channels, outRow = o.outSteps * filters;
            runLists(shares.map(([from, to], i) => [['convForward', ...dims(to - from), (start + xAt + from * inRow) * 4, (start + wAt) * 4,
                bIn ? (start + bAt) * 4 : 0, (start + yAt + from * outRow) * 4, (start + scratchAt[i]) * 4]]));
            value = tensorFrom(tf, memory.view().subarray(start + yAt, start + yAt + rows * filters), [batch, o.outSteps, filters]) as tfjs.Tensor3D;
        } finally {
            memory.release(start);
        }

        const gradFunc = (dy: tfjs.Tensor): tfjs.Tensor[] => {
            const backward = new Layout();
            const bxAt = backward.take(xIn.size), bwAt = backward.take(wIn.size), dyAt = backward.take(rows * filters);
            const dxAt = backward.take(xIn.size);
            // Each share's own weight and bias gradients, summed below.
            const dwAt = shares.map(() => backward.take(wIn.size)), dbAt = shares.map(() => backward.take(bIn ? filters : 0));
            const bScratchAt = scratchSizes.map(size => backward.take(size));
            const at = memory.allocate(backward.size);
            try {
                const f = memory.view();
                f.set(xValues, at + bxAt);
                f.set(wValues, at + bwAt);
                f.set(valuesOf(tf, dy), at + dyAt);
                const inRow = steps * channels, outRow = o.outSteps * filters;
                runLists(shares.map(([from, to], i) => [['convBackward', ...dims(to - from), (at + bxAt + from * inRow) * 4, (at + bwAt) * 4,
                    (at + dyAt + from * outRow) * 4, (at + dxAt + from * inRow) * 4, (at + dwAt[i]) * 4, bIn ? (at + dbAt[i]) * 4 : 0, (at + bScratchAt[i]) * 4]]));
                const view = memory.view();
                const summed = (starts: number[], size: number) => sumShares(starts.map(s => view.subarray(at + s, at + s + size)));
                const grads: tfjs.Tensor[] = [
                    tensorFrom(tf, view.subarray(at + dxAt, at + dxAt + xIn.size), xIn.shape),
                    tensorFrom(tf, summed(dwAt, wIn.size), wIn.shape)
                ];
                if (bIn) grads.push(tensorFrom(tf, summed(dbAt, filters), [filters]));
                return grads;
            } finally {
                memory.release(at);
            }
        };
        return { value, gradFunc };
    }) as never) as (...inputs: tfjs.Tensor[]) => tfjs.Tensor3D;
    return bias ? op(x, kernel, bias) : op(x, kernel);
}
