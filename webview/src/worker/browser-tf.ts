/**
 * tfjs for the training worker: the core and layers APIs with the cpu, webgl and wasm backends,
 * without tfjs's converter and data packages (the engine uses neither: ~190 KB less), and with
 * the kernels training needs beyond tfjs's (registered as the CLI does).
 */
import type * as tfjs from '@tensorflow/tfjs';
import * as core from '@tensorflow/tfjs-core';
// What @tensorflow/tfjs's own index imports for its side effects: every op's gradient (training
// needs them) and the chained ops (`tensor.flatten()`, which the layers use).
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import '@tensorflow/tfjs-core/dist/public/chained_ops/register_all_chained_ops';
import * as layers from '@tensorflow/tfjs-layers';
import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-webgl';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { registerTrainingKernels } from '../../../training/src/backend/training-kernels.js';

/** The engine takes `typeof import('@tensorflow/tfjs')`; this object has every part of it that the engine reads. */
export const tf = { ...core, ...layers } as unknown as typeof tfjs;

registerTrainingKernels(tf);

/**
 * Where the .wasm files are (the worker runs from a blob, so tfjs cannot find them beside its
 * script). Threads need cross-origin isolation, which a webview does not have: the threaded
 * binary would never load, so it is not shipped and tfjs is told not to look for it.
 */
export function configureWasm(folderUri: string): void {
    setWasmPaths(folderUri.endsWith('/') ? folderUri : `${folderUri}/`);
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
}
