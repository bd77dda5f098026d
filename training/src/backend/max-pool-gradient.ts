/**
 * MaxPoolGrad (the gradient of every MaxPooling1D: tfjs pools a sequence as an image of height
 * 1) on wasm as one loop over the backend's own Float32Arrays, channels innermost: each output's
 * gradient goes to the first largest input of its window, as tfjs's kernels choose it.
 * tfjs-wasm's kernel took ~3.6 ms a batch of Monster1's two poolings.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { heapFloats, type TensorInfo, type WasmBackend } from './backend-parts.js';
import { replaceKernel, stockKernels, wasmKernelToReplace } from './kernel-switch.js';


interface PoolAttrs {
    filterSize: number | [number, number];
    strides: number | [number, number];
    pad: 'valid' | 'same' | number | tfjs.backend_util.ExplicitPadding;
    dimRoundingMode?: 'floor' | 'round' | 'ceil';
}

/** dX of a max pooling (NHWC) from its input x and output gradient dy. */
export function maxPoolGradient(x: Float32Array, dy: Float32Array, info: tfjs.backend_util.Conv2DInfo, dx: Float32Array): void {
    const { batchSize, inHeight, inWidth, inChannels: channels, outHeight, outWidth, filterHeight, filterWidth, strideHeight, strideWidth } = info;
    const top = info.padInfo.top;
    const left = info.padInfo.left;
    const best = new Float32Array(channels);
    const at = new Int32Array(channels);
    dx.fill(0);
    for (let b = 0; b < batchSize; b++) {
        for (let yr = 0; yr < outHeight; yr++) {
            for (let yc = 0; yc < outWidth; yc++) {
                best.fill(-Infinity);
                at.fill(-1);
                for (let fr = 0; fr < filterHeight; fr++) {
                    const xr = yr * strideHeight - top + fr;
                    if (xr < 0 || xr >= inHeight) continue;
                    for (let fc = 0; fc < filterWidth; fc++) {
                        const xc = yc * strideWidth - left + fc;
                        if (xc < 0 || xc >= inWidth) continue;
                        const base = ((b * inHeight + xr) * inWidth + xc) * channels;
                        for (let c = 0; c < channels; c++) {
                            // Strictly larger: the first of equal values keeps the gradient.
                            if (x[base + c] > best[c] || at[c] < 0) { best[c] = x[base + c]; at[c] = base + c; }
                        }
                    }
                }
                const dyBase = ((b * outHeight + yr) * outWidth + yc) * channels;
                for (let c = 0; c < channels; c++) if (at[c] >= 0) dx[at[c]] += dy[dyBase + c];
            }
        }
    }
}

/** Wraps the wasm backend's MaxPoolGrad, when that backend is loaded; harmless to call again. */
export function registerFastMaxPoolGradient(tf: typeof tfjs): void {
    const config = wasmKernelToReplace(tf, 'MaxPoolGrad');
    if (!config) return;
    const kernelFunc: tfjs.KernelConfig['kernelFunc'] = params => {
        const { dy, input } = params.inputs as unknown as { dy: TensorInfo; input: TensorInfo };
        if (stockKernels() || input.dtype !== 'float32') return config.kernelFunc(params);
        const attrs = params.attrs as unknown as PoolAttrs;
        const info = tf.backend_util.computePool2DInfo(input.shape as [number, number, number, number], attrs.filterSize, attrs.strides, 1, attrs.pad, attrs.dimRoundingMode);
        const backend = params.backend as unknown as WasmBackend;
        const dx = backend.makeOutput(input.shape, 'float32');
        // Views, taken after makeOutput (which may grow the heap and detach earlier views).
        maxPoolGradient(heapFloats(backend, input), heapFloats(backend, dy), info, heapFloats(backend, dx));
        return dx;
    };
    replaceKernel(tf, config, kernelFunc);
}
