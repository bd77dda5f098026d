/**
 * The panel worker's wasm loading (webview/src/worker/wasm-through-page.ts) with real tfjs and
 * tfjs-wasm: the binary is asked of "the page" (here a function that reads it from
 * node_modules, as the page fetches it from the extension's folder) as the worker starts, never
 * fetched by tfjs itself; a page that cannot get it makes the backend fail to start at once, with
 * the reason logged, instead of waiting for ever. The page's half is driven in chromium by
 * panel-train.test.ts and in code-server by the e2e suite.
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startBackend } from '../../training/src/backend/start-backend.js';
import { WasmThroughPage } from '../../webview/src/worker/wasm-through-page.js';
import type { FromWorker } from '../../webview/src/worker/worker-messages.js';

const wasmFolder = dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));

describe('tfjs-wasm\'s binary through the page', () => {
    const asked: string[] = [];
    const logs: string[] = [];
    let pageCanFetch = false;
    // The page answers later, as a fetch would.
    const wasm: WasmThroughPage = new WasmThroughPage((message: FromWorker) => {
        if (message.type === 'log') return void logs.push(message.message);
        if (message.type !== 'wasmFile') throw new Error(`unexpected ${message.type}`);
        asked.push(message.name);
        setTimeout(() => wasm.answer(message.id, pageCanFetch
            ? { bytes: new Uint8Array(readFileSync(join(wasmFolder, message.name))).buffer }
            : { error: '404 Not Found' }), 10);
    });
    wasm.install(tf, setWasmPaths);

    it('asks the page for the binary as it starts; without it, wasm does not start, at once and with the reason logged', async () => {
        await wasm.load();
        expect(asked).toEqual(['tfjs-backend-wasm-simd.wasm']);
        const started = Date.now();
        expect(await startBackend(tf, 'wasm', 20_000)).toBe(false);
        // Not the start's time limit: the failure reached tfjs.
        expect(Date.now() - started).toBeLessThan(10_000);
        expect(logs).toEqual(['the wasm backend cannot start: the page could not fetch tfjs-backend-wasm-simd.wasm: 404 Not Found']);
    });

    it('asks again at the next start, and starts from the bytes the page sends', async () => {
        pageCanFetch = true;
        await wasm.load();
        expect(asked).toEqual(['tfjs-backend-wasm-simd.wasm', 'tfjs-backend-wasm-simd.wasm']);
        expect(await startBackend(tf, 'wasm', 20_000)).toBe(true);
        expect(tf.getBackend()).toBe('wasm');
        expect(Array.from(tf.matMul(tf.tensor2d([[1, 2]]), tf.tensor2d([[3], [4]])).dataSync())).toEqual([11]);
        // Once loaded, it is not asked for again.
        await wasm.load();
        expect(asked).toHaveLength(2);
        expect(logs).toHaveLength(1);
    });

    it('leaves other fetches to the platform', async () => {
        const response = await tf.env().platform.fetch('data:text/plain,not%20through%20the%20page');
        expect(await response.text()).toBe('not through the page');
    });
});
