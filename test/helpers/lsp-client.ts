/**
 * A minimal LSP client over stdio for tests and benchmarks: starts `rnn-lens lsp --stdio` as a
 * child process, frames JSON-RPC messages, matches responses to requests, collects notifications.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** bin/rnn-lens.cjs of this checkout, found upwards from this module (also when it is bundled elsewhere in the tree). */
function findBin(): string {
    let dir = dirname(fileURLToPath(import.meta.url));
    for (;;) {
        const candidate = join(dir, 'bin', 'rnn-lens.cjs');
        if (existsSync(candidate)) return candidate;
        const parent = dirname(dir);
        if (parent === dir) throw new Error('bin/rnn-lens.cjs not found above ' + fileURLToPath(import.meta.url));
        dir = parent;
    }
}

const BIN = process.env.RNN_LENS_BIN ?? findBin();

export interface Notification { readonly method: string; readonly params: any }

/** A real client's initialize params, as recorded in test/fixtures/lsp-clients/ (without the note on their source). */
export function clientParams(name: string): any {
    const params = JSON.parse(readFileSync(join(dirname(dirname(findBin())), 'test', 'fixtures', 'lsp-clients', `${name}.json`), 'utf8'));
    delete params._source;
    return params;
}

export class LspClient {
    private readonly process: ChildProcessWithoutNullStreams;
    private buffer = Buffer.alloc(0);
    private nextId = 1;
    private readonly pending = new Map<number, { resolve: (v: any) => void; reject: (e: Error) => void }>();
    private readonly listeners: Array<(n: Notification) => void> = [];
    readonly notifications: Notification[] = [];
    stderr = '';
    exited: number | null = null;

    /** `bin` and `cwd`: another `rnn-lens` (an installed one) started from another folder. */
    constructor(args: string[] = ['lsp', '--stdio'], { bin = BIN, cwd }: { bin?: string; cwd?: string } = {}) {
        this.process = spawn(process.execPath, [bin, ...args], { stdio: ['pipe', 'pipe', 'pipe'], cwd });
        this.process.stdout.on('data', (chunk: Buffer) => this.receive(chunk));
        this.process.stderr.on('data', (chunk: Buffer) => { this.stderr += chunk.toString(); });
        this.process.on('exit', code => {
            this.exited = code ?? -1;
            for (const { reject } of this.pending.values()) reject(new Error(`server exited (${code}): ${this.stderr}`));
            this.pending.clear();
        });
    }

    get alive(): boolean {
        return this.exited === null;
    }

    request<T = any>(method: string, params?: unknown, timeoutMs = 10_000): Promise<T> {
        const id = this.nextId++;
        return new Promise<T>((resolve, reject) => {
            const timer = setTimeout(() => {
                this.pending.delete(id);
                reject(new Error(`${method} got no answer within ${timeoutMs} ms`));
            }, timeoutMs);
            this.pending.set(id, {
                resolve: value => { clearTimeout(timer); resolve(value); },
                reject: error => { clearTimeout(timer); reject(error); }
            });
            this.send({ jsonrpc: '2.0', id, method, params });
        });
    }

    notify(method: string, params?: unknown): void {
        this.send({ jsonrpc: '2.0', method, params });
    }

    /** Resolves with the next notification that matches, or rejects after the timeout. */
    waitFor(method: string, predicate: (params: any) => boolean = () => true, timeoutMs = 10_000): Promise<any> {
        return new Promise((resolve, reject) => {
            const timer = setTimeout(() => reject(new Error(`no ${method} within ${timeoutMs} ms`)), timeoutMs);
            const listener = (n: Notification) => {
                if (n.method === method && predicate(n.params)) {
                    clearTimeout(timer);
                    this.listeners.splice(this.listeners.indexOf(listener), 1);
                    resolve(n.params);
                }
            };
            this.listeners.push(listener);
        });
    }

    /** initialize as a real editor does: its recorded params (test/fixtures/lsp-clients/<name>.json). */
    initializeAs(name: 'vscode' | 'neovim-0.10' | 'neovim-0.12' | 'eglot-1.9'): Promise<any> {
        return this.initializeWith(clientParams(name));
    }

    /** initialize with a client's own params (a recorded capability profile), then initialized. */
    async initializeWith(params: object): Promise<any> {
        const result = await this.request('initialize', { ...params, processId: process.pid });
        this.notify('initialized', {});
        return result;
    }

    async initialize(settings?: unknown): Promise<any> {
        const result = await this.request('initialize', {
            processId: process.pid, rootUri: null,
            // What any current editor declares for the features the tests use (test/protocol/client-profiles.test.ts
            // runs the real editors' own declarations).
            capabilities: {
                workspace: { configuration: settings !== undefined },
                textDocument: {
                    inlayHint: {},
                    hover: { contentFormat: ['markdown', 'plaintext'] },
                    completion: { completionItem: { documentationFormat: ['markdown', 'plaintext'] } },
                    codeAction: { codeActionLiteralSupport: { codeActionKind: { valueSet: ['quickfix'] } }, isPreferredSupport: true },
                    documentSymbol: { hierarchicalDocumentSymbolSupport: true },
                    publishDiagnostics: { dataSupport: true },
                    signatureHelp: { signatureInformation: { parameterInformation: { labelOffsetSupport: true } } }
                }
            }
        });
        this.notify('initialized', {});
        return result;
    }

    async shutdown(): Promise<void> {
        if (!this.alive) return;
        await this.request('shutdown');
        this.notify('exit');
        await new Promise<void>(resolve => (this.exited !== null ? resolve() : this.process.on('exit', () => resolve())));
    }

    kill(): void {
        this.process.kill();
    }

    /** Writes a message body as given (bad-input tests: broken JSON), framed with its length. */
    sendRaw(body: string): void {
        this.process.stdin.write(`Content-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`);
    }

    private send(message: unknown): void {
        const json = JSON.stringify(message);
        this.process.stdin.write(`Content-Length: ${Buffer.byteLength(json)}\r\n\r\n${json}`);
    }

    private receive(chunk: Buffer): void {
        this.buffer = Buffer.concat([this.buffer, chunk]);
        for (;;) {
            const headerEnd = this.buffer.indexOf('\r\n\r\n');
            if (headerEnd < 0) return;
            const length = Number(/Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString('ascii'))?.[1]);
            if (this.buffer.length < headerEnd + 4 + length) return;
            const message = JSON.parse(this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString('utf8'));
            this.buffer = this.buffer.subarray(headerEnd + 4 + length);
            this.dispatch(message);
        }
    }

    private dispatch(message: any): void {
        if (message.id !== undefined && message.method === undefined) {
            const waiter = this.pending.get(message.id);
            this.pending.delete(message.id);
            if (message.error) waiter?.reject(new Error(`${message.error.code}: ${message.error.message}`));
            else waiter?.resolve(message.result);
            return;
        }
        if (message.id !== undefined && message.method) {
            this.serverRequests.push({ method: message.method, params: message.params });
            // A request from the server (workspace/configuration, ...): answer it.
            const result = message.method === 'workspace/configuration' ? message.params.items.map(() => this.settings ?? null) : null;
            this.send({ jsonrpc: '2.0', id: message.id, result });
            return;
        }
        const notification = { method: message.method, params: message.params };
        this.notifications.push(notification);
        for (const listener of [...this.listeners]) listener(notification);
    }

    /** The requests the server sent (registerCapability, workspace/configuration, refreshes...), in order. */
    readonly serverRequests: Notification[] = [];

    /** What the client answers to workspace/configuration (the `rnnLens` section). */
    settings: unknown;
}

/** A server started and initialized, with `text` open at `uri` and its first diagnostics published. */
export async function openInServer(uri: string, text: string): Promise<{ client: LspClient; initialized: any }> {
    const client = new LspClient();
    const initialized = await client.initialize();
    const diagnostics = client.waitFor('textDocument/publishDiagnostics', p => p.uri === uri);
    client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'rnn', version: 1, text } });
    await diagnostics;
    return { client, initialized };
}
