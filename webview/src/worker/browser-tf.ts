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
import type { FromWorker } from './worker-messages.js';
import { WasmThroughPage } from './wasm-through-page.js';
import { registerTrainingKernels } from '../../../training/src/index.js';

/** The engine takes `typeof import('@tensorflow/tfjs')`; this object has every part of it that the engine reads. */
export const tf = { ...core, ...layers } as unknown as typeof tfjs;

registerTrainingKernels(tf);

/** Sets tfjs-wasm to get its binary from the page (wasm-through-page.ts); the returned object takes the page's answers. */
export function wasmThroughPage(post: (message: FromWorker) => void): WasmThroughPage {
    const wasm = new WasmThroughPage(post);
    wasm.install(tf, setWasmPaths);
    return wasm;
}
