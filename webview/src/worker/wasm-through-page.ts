/**
 * tfjs-wasm's binary, fetched by the page rather than the worker. In code-server a webview's
 * resources are answered by the page's service worker, which a worker started from a blob does
 * not share: the worker's own fetch of the .wasm came back as an HTML page ("expected magic word
 * 00 61 73 6d") and wasm never started there. The page's fetch is the one that works everywhere
 * (it already fetches the worker's script), so the worker asks the page for the binary as it
 * starts, and tfjs is told to fetch through its platform, whose fetch answers from those bytes.
 *
 * tfjs-wasm's instantiation through the platform has no error path: a fetch that rejects or a
 * failed response leaves the backend waiting for ever (and its abort call is broken in 4.22).
 * Only an exception thrown at once reaches Emscripten, which rejects the module. So the bytes
 * are asked for before any backend starts (`load`), and a file the page could not get throws.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { FromWorker } from './worker-messages.js';

/** The .wasm files that the page may be asked for: tfjs-wasm's plain and SIMD binaries (no threads in a webview). */
export const WASM_FILES = ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm'] as const;
export type WasmFile = (typeof WASM_FILES)[number];

export const isWasmFile = (name: unknown): name is WasmFile => WASM_FILES.includes(name as WasmFile);

/** A prefix no real URL has: tfjs puts it before the file's name, and the platform's fetch knows it by it. */
const PAGE_PREFIX = 'rnn-lens-page:';

type Answer = { readonly bytes: ArrayBuffer } | { readonly error: string };

export class WasmThroughPage {
    private nextId = 0;
    private readonly pending = new Map<number, (answer: Answer) => void>();
    /** The binary tfjs will load here, and the page's answer for it once it came. */
    private binary: WasmFile | undefined;
    private loaded: Answer | undefined;
    private settled: Promise<void> = Promise.resolve();

    constructor(private readonly post: (message: FromWorker) => void) {}

    /**
     * Points tfjs-wasm at the page: its file names under PAGE_PREFIX, fetched through the platform
     * (`usePlatformFetch`), whose fetch answers those and leaves every other to the platform's own.
     * Threads are off: they need cross-origin isolation, which a webview lacks. Then asks the page
     * for the binary that tfjs will load here (SIMD where the engine has it).
     */
    install(tf: typeof tfjs, setWasmPaths: (prefix: string, usePlatformFetch: boolean) => void): void {
        // Replaced on the platform's instance: tf.setPlatform would warn of the overwrite.
        const platform = tf.env().platform;
        const platformFetch = platform.fetch.bind(platform);
        platform.fetch = (path: string, init?: RequestInit) =>
            path.startsWith(PAGE_PREFIX) ? this.fetch(path.slice(PAGE_PREFIX.length)) : platformFetch(path, init);
        setWasmPaths(PAGE_PREFIX, true);
        tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
        this.settled = Promise.resolve(tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')).then(simd => {
            this.binary = simd ? 'tfjs-backend-wasm-simd.wasm' : 'tfjs-backend-wasm.wasm';
            return this.request(this.binary);
        });
    }

    /**
     * Settles once the page has answered for the binary, with its bytes or why not: start the wasm
     * backend after. A binary the page could not get is asked for again (tfjs tries a backend that
     * failed again at its next start).
     */
    load(): Promise<void> {
        if (this.loaded && 'error' in this.loaded) this.settled = this.request(this.binary!);
        return this.settled;
    }

    /** The page's answer to a `wasmFile` request. */
    answer(id: number, answer: Answer): void {
        this.pending.get(id)?.(answer);
        this.pending.delete(id);
    }

    private async request(name: WasmFile): Promise<void> {
        this.loaded = undefined;
        const id = this.nextId++;
        const answer = await new Promise<Answer>(resolve => {
            this.pending.set(id, resolve);
            this.post({ type: 'wasmFile', id, name });
        });
        this.loaded = answer;
        if ('error' in answer) this.post({ type: 'log', level: 'warn', message: `the wasm backend cannot start: the page could not fetch ${name}: ${answer.error}` });
    }

    /** The bytes as a response; throws (at once, see above) for a file the page has not got. */
    private fetch(name: string): Promise<Response> {
        const answer = name === this.binary ? this.loaded : undefined;
        if (!answer || 'error' in answer) throw new Error(`tfjs-wasm's ${name} is not loaded: ${answer?.error ?? 'the page was not asked for it'}`);
        return Promise.resolve(new Response(answer.bytes, { headers: { 'Content-Type': 'application/wasm' } }));
    }
}
