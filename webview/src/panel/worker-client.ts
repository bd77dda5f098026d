/**
 * Starts the training worker. A webview's resources are served from another origin than the
 * page's, and `new Worker(url)` needs the same origin: so the script is fetched (connect-src)
 * and started from a blob (worker-src blob:). The page also fetches tfjs-wasm's binary when the
 * worker asks for it (wasm-through-page.ts says why the worker cannot).
 */
import { isWasmFile } from '../worker/wasm-through-page.js';
import type { FromWorker, ToWorker } from '../worker/worker-messages.js';

export interface WorkerClient {
    post(message: ToWorker): void;
}

export async function startWorker(workerUri: string, wasmFolderUri: string, onMessage: (message: FromWorker) => void, onError: (message: string) => void): Promise<WorkerClient> {
    const response = await fetch(workerUri);
    if (!response.ok) throw new Error(`the worker script did not load (${response.status} ${response.statusText})`);
    const url = URL.createObjectURL(new Blob([await response.text()], { type: 'text/javascript' }));
    const worker = new Worker(url, { name: 'rnn-lens-training' });
    const folder = wasmFolderUri.endsWith('/') ? wasmFolderUri : `${wasmFolderUri}/`;
    worker.onmessage = event => {
        const message = event.data as FromWorker;
        if (message.type === 'wasmFile') void sendWasmFile(worker, folder, message);
        else onMessage(message);
    };
    worker.onerror = event => onError(event.message || 'the training worker failed');
    return { post: message => worker.postMessage(message) };
}

/** Fetches one of tfjs-wasm's binaries for the worker (wasm-through-page.ts says why) and hands its bytes over. */
async function sendWasmFile(worker: Worker, folder: string, { id, name }: { id: number; name: string }): Promise<void> {
    try {
        if (!isWasmFile(name)) throw new Error('not a file the panel ships');
        const response = await fetch(`${folder}${name}`);
        if (!response.ok) throw new Error(`${response.status} ${response.statusText}`);
        const bytes = await response.arrayBuffer();
        worker.postMessage({ type: 'wasmFile', id, bytes } satisfies ToWorker, [bytes]);
    } catch (error) {
        worker.postMessage({ type: 'wasmFileError', id, message: (error as Error).message } satisfies ToWorker);
    }
}
