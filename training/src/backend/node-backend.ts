/**
 * The tfjs backend in Node: wasm (SIMD) when it loads, with the kernels it lacks proxied to cpu,
 * else cpu. The choice and the reason are reported.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { useNativeProducts } from './native-addon.js';
import { registerTrainingKernels } from './training-kernels.js';

export type BackendRequest = 'auto' | 'wasm' | 'cpu';

export interface BackendChoice {
    readonly backend: 'wasm' | 'cpu';
    readonly reason: string;
}

export async function selectNodeBackend(tf: typeof tfjs, request: BackendRequest): Promise<BackendChoice> {
    registerTrainingKernels(tf);
    // RNN Lens's kernels (whichever tfjs backend) take their matrix products native where they can.
    useNativeProducts();
    if (request === 'cpu') {
        await tf.setBackend('cpu');
        return { backend: 'cpu', reason: 'asked for with --backend cpu' };
    }
    try {
        await import('@tensorflow/tfjs-backend-wasm');
        registerTrainingKernels(tf); // again, now that wasm's kernels exist to wrap
        await tf.setBackend('cpu'); // the fallback kernels run on the cpu backend
        if (!(await tf.setBackend('wasm'))) throw new Error('tf.setBackend("wasm") returned false');
        await tf.ready();
        return { backend: 'wasm', reason: request === 'wasm' ? 'asked for with --backend wasm' : 'wasm (SIMD) is the fastest backend in Node; missing gradient kernels run on cpu' };
    } catch (error) {
        if (request === 'wasm') throw new Error(`The wasm backend cannot start: ${(error as Error).message}`);
        await tf.setBackend('cpu');
        return { backend: 'cpu', reason: `wasm could not start (${(error as Error).message}), so cpu` };
    }
}
