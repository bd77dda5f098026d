/**
 * Conv2DBackpropFilter (the kernel gradient of every Conv1D: tfjs runs conv1d as a conv2d of
 * height 1) as one tight loop over the backend's own Float32Arrays, for the cpu and wasm
 * backends. tfjs's cpu kernel reads every element through TensorBuffer.get and wasm has none:
 * a Conv1D(128, 2) on 23 steps of 64 channels took ~500 ms per batch of 32 that way, this takes
 * a few milliseconds (the same multiply-adds, without the indexing overhead). On wasm, as one
 * matMul per filter tap (conv-filter-matmul.ts), this loop only under the stock switch.
 *
 *   dW[fr, fc, ci, co] = Σ_{b, yr, yc} x[b, yr·sh − top + fr, yc·sw − left + fc, ci] · dy[b, yr, yc, co]
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { ReadableBackend, TensorInfo, WasmBackend } from './backend-parts.js';
import { wasmConvFilterGradient } from './conv-filter-matmul.js';
import { stockKernels } from './kernel-switch.js';

interface CpuLikeBackend extends ReadableBackend { makeTensorInfo(shape: number[], dtype: tfjs.DataType, values?: Float32Array): TensorInfo }

interface FilterAttrs {
    strides: number | [number, number];
    pad: 'valid' | 'same' | number | tfjs.backend_util.ExplicitPadding;
    dataFormat: 'NHWC' | 'NCHW';
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
    filterShape: [number, number, number, number];
}

/** The filter gradient on plain arrays (NHWC input and output gradient). */
export function conv2dFilterGradient(x: ArrayLike<number>, dy: ArrayLike<number>, info: tfjs.backend_util.Conv2DInfo): Float32Array {
    const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
    const top = info.padInfo.top;
    const left = info.padInfo.left;
    const dw = new Float32Array(filterHeight * filterWidth * inChannels * outChannels);
    for (let b = 0; b < batchSize; b++) {
        for (let yr = 0; yr < outHeight; yr++) {
            for (let yc = 0; yc < outWidth; yc++) {
                const dyBase = ((b * outHeight + yr) * outWidth + yc) * outChannels;
                for (let fr = 0; fr < filterHeight; fr++) {
                    const xr = yr * strideHeight - top + fr;
                    if (xr < 0 || xr >= inHeight) continue;
                    for (let fc = 0; fc < filterWidth; fc++) {
                        const xc = yc * strideWidth - left + fc;
                        if (xc < 0 || xc >= inWidth) continue;
                        const xBase = ((b * inHeight + xr) * inWidth + xc) * inChannels;
                        const dwTap = (fr * filterWidth + fc) * inChannels;
                        for (let ci = 0; ci < inChannels; ci++) {
                            const xv = x[xBase + ci];
                            if (xv === 0) continue;
                            const dwBase = (dwTap + ci) * outChannels;
                            for (let co = 0; co < outChannels; co++) dw[dwBase + co] += xv * dy[dyBase + co];
                        }
                    }
                }
            }
        }
    }
    return dw;
}

/**
 * Registers the loop as Conv2DBackpropFilter for cpu (replacing tfjs's) and wasm (which has
 * none). NCHW, which tfjs's conv1d never uses, keeps the kernel registered before (for wasm,
 * the cpu proxy of cpu-fallback-kernels.ts, so register those first).
 */
export function registerFastConvFilterGradient(tf: typeof tfjs): void {
    for (const backendName of ['cpu', 'wasm'] as const) {
        const previous = tf.getKernel('Conv2DBackpropFilter', backendName)?.kernelFunc;
        if ((previous as { rnnLensFast?: boolean } | undefined)?.rnnLensFast) continue;
        const kernelFunc: tfjs.KernelConfig['kernelFunc'] = params => {
            const attrs = params.attrs as unknown as FilterAttrs;
            if (attrs.dataFormat === 'NCHW') {
                if (!previous) throw new Error('Conv2DBackpropFilter: NCHW is not supported on this backend');
                return previous(params);
            }
            const { x, dy } = params.inputs as unknown as { x: TensorInfo; dy: TensorInfo };
            const info = tf.backend_util.computeConv2DInfo(x.shape as [number, number, number, number], attrs.filterShape, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode, false, 'channelsLast');
            const backend = params.backend as unknown as ReadableBackend;
            if (backendName === 'wasm' && !stockKernels()) {
                const product = wasmConvFilterGradient(tf, backend as never, x, dy, info, attrs.filterShape);
                if (product) return product;
            }
            const dw = conv2dFilterGradient(backend.readSync(x.dataId), backend.readSync(dy.dataId), info);
            if (backendName === 'cpu') return (backend as CpuLikeBackend).makeTensorInfo(attrs.filterShape, 'float32', dw);
            const wasm = backend as WasmBackend;
            const out = wasm.makeOutput(attrs.filterShape, 'float32');
            wasm.typedArrayFromHeap(out).set(dw);
            return out;
        };
        (kernelFunc as { rnnLensFast?: boolean }).rnnLensFast = true;
        if (tf.getKernel('Conv2DBackpropFilter', backendName)) tf.unregisterKernel('Conv2DBackpropFilter', backendName);
        tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName, kernelFunc });
    }
}
