/**
 * Conv2DBackpropFilter on wasm as one matrix product per filter tap, on wasm's own matMul
 * (XNNPACK): dW[fr, fc] [in, out] = Xᵀ_tap [in, N] · dY [N, out], N = batch · output positions,
 * X_tap the input each output position saw through that tap (zero in the padding). The plain
 * loop of conv-backprop-filter.ts runs the same multiply-adds in JavaScript, whose inner loop is
 * only the output channels long: for Monster1's Conv1D(128) over 64 channels that was ~10 ms
 * a batch, this is well under one.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { TensorInfo, WasmBackend } from './backend-parts.js';


export function wasmConvFilterGradient(tf: typeof tfjs, backend: WasmBackend, x: TensorInfo, dy: TensorInfo,
    info: tfjs.backend_util.Conv2DInfo, filterShape: number[]): TensorInfo | null {
    const matMul = tf.getKernel('BatchMatMul', 'wasm')?.kernelFunc;
    if (!matMul) return null;
    const { batchSize, inHeight, inWidth, inChannels, outHeight, outWidth, outChannels, filterHeight, filterWidth, strideHeight, strideWidth } = info;
    const top = info.padInfo.top;
    const left = info.padInfo.left;
    const n = batchSize * outHeight * outWidth;
    // dY [B, oh, ow, out] is already [N, out], row-major: the same buffer, seen as a matrix.
    const dyMatrix: TensorInfo = { dataId: dy.dataId, shape: [1, n, outChannels], dtype: 'float32' };
    const gathered = backend.makeOutput([1, inChannels, n], 'float32');
    const dw = backend.makeOutput(filterShape, 'float32');
    for (let fr = 0; fr < filterHeight; fr++) {
        for (let fc = 0; fc < filterWidth; fc++) {
            // Heap views are taken after every allocation (growing the heap detaches them).
            const xs = backend.typedArrayFromHeap(x);
            const xt = backend.typedArrayFromHeap(gathered);
            let col = 0;
            for (let b = 0; b < batchSize; b++) {
                for (let yr = 0; yr < outHeight; yr++) {
                    const xr = yr * strideHeight - top + fr;
                    for (let yc = 0; yc < outWidth; yc++, col++) {
                        const xc = yc * strideWidth - left + fc;
                        const inside = xr >= 0 && xr < inHeight && xc >= 0 && xc < inWidth;
                        const base = ((b * inHeight + xr) * inWidth + xc) * inChannels;
                        for (let ci = 0; ci < inChannels; ci++) xt[ci * n + col] = inside ? xs[base + ci] : 0;
                    }
                }
            }
            const tap = matMul({ inputs: { a: gathered, b: dyMatrix } as never, backend: backend as never, attrs: { transposeA: false, transposeB: false } as never }) as TensorInfo;
            const block = inChannels * outChannels;
            backend.typedArrayFromHeap(dw).set(backend.typedArrayFromHeap(tap).subarray(0, block), (fr * filterWidth + fc) * block);
            backend.disposeData(tap.dataId);
        }
    }
    backend.disposeData(gathered.dataId);
    return dw;
}
