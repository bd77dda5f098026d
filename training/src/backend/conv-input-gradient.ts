/**
 * Conv2DBackpropInput (the input gradient of every Conv1D after the first: tfjs runs conv1d as
 * a conv2d of height 1) on wasm as one matrix product per filter tap on wasm's own matMul
 * (XNNPACK), like the filter gradient (conv-filter-matmul.ts): P_tap [N, in] = dY [N, out] ·
 * W_tapᵀ [out, in], N = batch · output positions, each row then added to the input position
 * that tap saw. tfjs-wasm's own kernel loops over single elements: ~10 ms a batch for
 * Monster1's Conv1D(128) over 64 channels, a third of its training time.
 *
 *   dX[b, yr·sh − top + fr, yc·sw − left + fc, ci] += Σ_co dY[b, yr, yc, co] · W[fr, fc, ci, co]
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { TensorInfo, WasmBackend } from './backend-parts.js';
import { replaceKernel, stockKernels, wasmKernelToReplace } from './kernel-switch.js';


interface InputGradientAttrs {
    strides: number | [number, number];
    pad: 'valid' | 'same' | number | tfjs.backend_util.ExplicitPadding;
    dataFormat: 'NHWC' | 'NCHW';
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    inputShape: [number, number, number, number];
}

function inputGradient(tf: typeof tfjs, backend: WasmBackend, dy: TensorInfo, filter: TensorInfo, info: tfjs.backend_util.Conv2DInfo,
    inputShape: number[]): TensorInfo | null {
    const matMul = tf.getKernel('BatchMatMul', 'wasm')?.kernelFunc;
    if (!matMul) return null;
    const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
    const top = info.padInfo.top;
    const left = info.padInfo.left;
    const n = batchSize * outHeight * outWidth;
    // dY [B, oh, ow, out] is already [N, out], row-major: the same buffer, seen as a matrix.
    const dyMatrix: TensorInfo = { dataId: dy.dataId, shape: [1, n, outChannels], dtype: 'float32' };
    const dx = backend.makeOutput(inputShape, 'float32');
    backend.typedArrayFromHeap(dx).fill(0);
    for (let fr = 0; fr < filterHeight; fr++) {
        for (let fc = 0; fc < filterWidth; fc++) {
            // A buffer of its own for each tap: wasm's matMul keeps the right operand packed,
            // keyed by its buffer, until that buffer is disposed.
            const tapT = backend.makeOutput([1, outChannels, inChannels], 'float32');
            // Heap views are taken after every allocation (growing the heap detaches them).
            const w = backend.typedArrayFromHeap(filter);
            const wt = backend.typedArrayFromHeap(tapT);
            const tapBase = (fr * filterWidth + fc) * inChannels * outChannels;
            for (let ci = 0; ci < inChannels; ci++) {
                for (let co = 0; co < outChannels; co++) wt[co * inChannels + ci] = w[tapBase + ci * outChannels + co];
            }
            const product = matMul({ inputs: { a: dyMatrix, b: tapT } as never, backend: backend as never, attrs: { transposeA: false, transposeB: false } as never }) as TensorInfo;
            const p = backend.typedArrayFromHeap(product);
            const out = backend.typedArrayFromHeap(dx);
            let row = 0;
            for (let b = 0; b < batchSize; b++) {
                for (let yr = 0; yr < outHeight; yr++) {
                    const xr = yr * strideHeight - top + fr;
                    for (let yc = 0; yc < outWidth; yc++, row++) {
                        const xc = yc * strideWidth - left + fc;
                        if (xr < 0 || xr >= inHeight || xc < 0 || xc >= inWidth) continue;
                        const to = ((b * inHeight + xr) * inWidth + xc) * inChannels;
                        const from = row * inChannels;
                        for (let ci = 0; ci < inChannels; ci++) out[to + ci] += p[from + ci];
                    }
                }
            }
            backend.disposeData(product.dataId);
            backend.disposeData(tapT.dataId);
        }
    }
    return dx;
}

/** Wraps the wasm backend's Conv2DBackpropInput, when that backend is loaded; harmless to call again. */
export function registerFastConvInputGradient(tf: typeof tfjs): void {
    const config = wasmKernelToReplace(tf, 'Conv2DBackpropInput');
    if (!config) return;
    const kernelFunc: tfjs.KernelConfig['kernelFunc'] = params => {
        const attrs = params.attrs as unknown as InputGradientAttrs;
        if (stockKernels() || attrs.dataFormat === 'NCHW') return config.kernelFunc(params);
        const { dy, filter } = params.inputs as unknown as { dy: TensorInfo; filter: TensorInfo };
        const info = tf.backend_util.computeConv2DInfo(attrs.inputShape, filter.shape as [number, number, number, number], attrs.strides, 1,
            attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
        return inputGradient(tf, params.backend as unknown as WasmBackend, dy, filter, info, attrs.inputShape) ?? config.kernelFunc(params);
    };
    replaceKernel(tf, config, kernelFunc);
}
