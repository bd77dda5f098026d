/**
 * Kernels the wasm backend lacks (Conv2DBackpropFilter for Conv1D's gradient,
 * UnsortedSegmentSum for Embedding's, the depthwise backprops for SeparableConv1D), registered
 * for wasm as proxies of the cpu backend's own kernels: inputs are copied to the cpu backend,
 * the cpu kernel runs, and its outputs are copied back into wasm memory.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { ReadableBackend, TensorInfo, WasmBackend } from './backend-parts.js';

export const WASM_MISSING_KERNELS = [
    'Conv2DBackpropFilter', 'UnsortedSegmentSum', 'DepthwiseConv2dNativeBackpropFilter', 'DepthwiseConv2dNativeBackpropInput'
] as const;

interface CpuBackend extends ReadableBackend {
    write(values: ArrayLike<number>, shape: number[], dtype: tfjs.DataType): object;
}

/** Registers the proxies; returns the kernel names registered now. */
export function registerWasmFallbackKernels(tf: typeof tfjs): string[] {
    const registered: string[] = [];
    for (const kernelName of WASM_MISSING_KERNELS) {
        if (tf.getKernel(kernelName, 'wasm')) continue;
        const cpuKernel = tf.getKernel(kernelName, 'cpu');
        if (!cpuKernel) continue;
        tf.registerKernel({
            kernelName,
            backendName: 'wasm',
            kernelFunc: ({ inputs, attrs, backend }) => {
                const wasm = backend as unknown as WasmBackend;
                const cpu = tf.findBackend('cpu') as unknown as CpuBackend;
                const created: object[] = [];
                const cpuInputs: Record<string, TensorInfo> = {};
                for (const [name, info] of Object.entries(inputs as Record<string, TensorInfo>)) {
                    const dataId = cpu.write(wasm.readSync(info.dataId), info.shape, info.dtype);
                    created.push(dataId);
                    cpuInputs[name] = { dataId, shape: info.shape, dtype: info.dtype };
                }
                try {
                    const result = cpuKernel.kernelFunc({ inputs: cpuInputs as never, attrs, backend: cpu as never }) as TensorInfo | TensorInfo[];
                    const outputs = (Array.isArray(result) ? result : [result]).map(out => {
                        const wasmOut = wasm.makeOutput(out.shape, out.dtype);
                        wasm.typedArrayFromHeap(wasmOut).set(cpu.readSync(out.dataId));
                        cpu.disposeData(out.dataId, true);
                        return wasmOut;
                    });
                    return (Array.isArray(result) ? outputs : outputs[0]) as never;
                } finally {
                    created.forEach(id => cpu.disposeData(id, true));
                }
            }
        });
        registered.push(kernelName);
    }
    return registered;
}
