/**
 * Starts the training worker. A webview's resources are served from another origin than the
 * page's, and `new Worker(url)` needs the same origin: so the script is fetched (connect-src)
 * and started from a blob (worker-src blob:). The .wasm files' folder is passed on, since a blob
 * worker cannot find them beside its script.
 */
import type { FromWorker, ToWorker } from '../worker/worker-messages.js';

export interface WorkerClient {
    post(message: ToWorker): void;
}

export async function startWorker(workerUri: string, wasmFolderUri: string, onMessage: (message: FromWorker) => void, onError: (message: string) => void): Promise<WorkerClient> {
    const response = await fetch(workerUri);
    if (!response.ok) throw new Error(`the worker script did not load (${response.status} ${response.statusText})`);
    const url = URL.createObjectURL(new Blob([await response.text()], { type: 'text/javascript' }));
    const worker = new Worker(url, { name: 'rnn-lens-training' });
    worker.onmessage = event => onMessage(event.data as FromWorker);
    worker.onerror = event => onError(event.message || 'the training worker failed');
    worker.postMessage({ type: 'init', wasmFolderUri } satisfies ToWorker);
    return { post: message => worker.postMessage(message) };
}
