/**
 * tfjs-wasm's BatchMatMul with a transposed operand, as a transpose and a plain product: wasm's
 * kernel takes a slow path for transposeA/transposeB (10x slower here: 32x60 by 60x240 in
 * 400 µs instead of 39 µs), and every matMul's gradient asks for one (dA = dY·Bᵀ, dB = Aᵀ·dY),
 * so the weight gradients of Dense layers and of every recurrent input projection took it.
 * The transpose is one cheap copy; the product then takes XNNPACK's fast path. The same
 * numbers come out (the same products, summed in the kernel's order).
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { ReadableBackend, TensorInfo } from './backend-parts.js';
import { replaceKernel, stockKernels, wasmKernelToReplace } from './kernel-switch.js';

type KernelFunc = tfjs.KernelConfig['kernelFunc'];

/** Wraps the wasm backend's BatchMatMul, when that backend is loaded; harmless to call again. */
export function registerPlainMatMul(tf: typeof tfjs): void {
    const config = wasmKernelToReplace(tf, 'BatchMatMul');
    const transpose = tf.getKernel('Transpose', 'wasm')?.kernelFunc;
    if (!config || !transpose) return;
    const previous = config.kernelFunc;
    const kernelFunc: KernelFunc = params => {
        const attrs = params.attrs as unknown as { transposeA: boolean; transposeB: boolean };
        if (stockKernels() || (!attrs.transposeA && !attrs.transposeB)) return previous(params);
        const { a, b } = params.inputs as unknown as { a: TensorInfo; b: TensorInfo };
        const backend = params.backend;
        const swapped = (x: TensorInfo): TensorInfo => {
            const perm = x.shape.map((_, i) => i);
            [perm[perm.length - 2], perm[perm.length - 1]] = [perm[perm.length - 1], perm[perm.length - 2]];
            return transpose({ inputs: { x } as never, backend, attrs: { perm } as never }) as TensorInfo;
        };
        const left = attrs.transposeA ? swapped(a) : a;
        const right = attrs.transposeB ? swapped(b) : b;
        const out = previous({ inputs: { a: left, b: right } as never, backend, attrs: { ...params.attrs, transposeA: false, transposeB: false } });
        if (left !== a) (backend as unknown as ReadableBackend).disposeData(left.dataId);
        if (right !== b) (backend as unknown as ReadableBackend).disposeData(right.dataId);
        return out;
    };
    replaceKernel(tf, config, kernelFunc);
}
