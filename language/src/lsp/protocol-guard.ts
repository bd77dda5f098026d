/**
 * Every message from the client passes here before any handler sees it (a vscode-jsonrpc
 * MessageStrategy, for the Node and the browser server alike), so that no input a client can send
 * reaches a handler that would throw or wait forever:
 * - before `initialize`: requests are answered ServerNotInitialized, notifications dropped (but `exit`);
 * - a document request whose `textDocument.uri` or `position`/`range` is missing or malformed: InvalidParams;
 * - a document request for a Python document (a file or a notebook's cell): to the Python door's
 *   handler (python/python-features.ts) for the features it serves, else `null`;
 * - one of those features asked of a document nobody opened yet, of no language Langium serves: to
 *   the Python door's handler too, which waits a moment for its didOpen (VS Code can ask a `.py`
 *   file's lenses just before it sends the file) and answers `null` if none comes;
 * - a document request for a document of a language the server does not serve: `null` (no result);
 * - a document request for a document that was never opened: InvalidParams, naming it;
 * - didChange/didClose/didSave for a document never opened, or malformed: dropped.
 * Unknown methods are answered MethodNotFound by vscode-jsonrpc itself.
 */
import type { LangiumSharedServices } from 'langium/lsp';
import { PYTHON_FEATURES, pythonMethod } from './python/python-features.js';
import { parsedUri, servedByLangium } from './served-uri.js';
import {
    ErrorCodes, ResponseError, type Connection, type ConnectionOptions, type Message, type NotificationMessage, type RequestMessage
} from 'vscode-languageserver';

/** The private method a refused request is turned into, so that its answer goes out as usual. */
const REFUSED = 'rnnLens/$refused';

interface Refusal {
    readonly code?: number;
    readonly message?: string;
}

export class ProtocolGuard {
    private initialized = false;
    private shared: LangiumSharedServices | undefined;
    private python: { holds(uri: string): boolean } | undefined;

    /** The options to create the connection with. */
    readonly connectionOptions: ConnectionOptions = {
        messageStrategy: { handleMessage: (message, next) => next(this.check(message)) }
    };

    /** Once the services exist: their documents and languages are what requests are checked against. */
    attach(connection: Connection, shared: LangiumSharedServices, python?: { holds(uri: string): boolean }): void {
        this.shared = shared;
        this.python = python;
        connection.onRequest(REFUSED, (refusal: Refusal) =>
            (refusal.code === undefined ? null : new ResponseError(refusal.code, refusal.message ?? '')));
    }

    private check(message: Message): Message {
        const request = message as RequestMessage;
        if (typeof request.method !== 'string') return message; // a response
        const isRequest = request.id !== undefined && request.id !== null;
        if (!this.initialized) {
            if (isRequest && request.method === 'initialize') {
                this.initialized = true;
                return message;
            }
            if (!isRequest) return request.method === 'exit' ? message : ignored(request);
            return refuse(request, ErrorCodes.ServerNotInitialized, `The server is not initialized: send "initialize" before "${request.method}".`);
        }
        if (!request.method.startsWith('textDocument/')) return message;
        return isRequest ? this.checkRequest(request) : this.checkNotification(request);
    }

    private checkRequest(request: RequestMessage): Message {
        const params = request.params as Record<string, unknown> | undefined;
        const uri = documentUri(params);
        if (uri === undefined) return refuse(request, ErrorCodes.InvalidParams, `${request.method}: params.textDocument.uri must be a string.`);
        const malformed = malformedPlace(request.method, params!);
        if (malformed) return refuse(request, ErrorCodes.InvalidParams, `${request.method}: ${malformed}.`);
        if (!this.shared) return request;
        const parsed = parsedUri(uri);
        if (!parsed) return refuse(request, ErrorCodes.InvalidParams, `${request.method}: "${uri}" is not a URI.`);
        const toPython = () => (PYTHON_FEATURES as readonly string[]).includes(request.method)
            ? { ...request, method: pythonMethod(request.method) } as RequestMessage : refuse(request, undefined, undefined);
        if (this.python?.holds(uri)) return toPython();
        const open = this.shared.workspace.TextDocuments.get(uri) !== undefined;
        if (!servedByLangium(this.shared, parsed)) return this.python && !open ? toPython() : refuse(request, undefined, undefined);
        if (!open) {
            return refuse(request, ErrorCodes.InvalidParams, `${request.method}: ${uri} is not open (send textDocument/didOpen first).`);
        }
        return request;
    }

    private checkNotification(notification: NotificationMessage): Message {
        const params = notification.params as Record<string, unknown> | undefined;
        const uri = documentUri(params);
        if (uri === undefined) return ignored(notification);
        if (notification.method === 'textDocument/didOpen') {
            const document = params!.textDocument as Record<string, unknown>;
            return typeof document.text === 'string' && typeof document.languageId === 'string' && typeof document.version === 'number'
                ? notification : ignored(notification);
        }
        if (!this.shared?.workspace.TextDocuments.get(uri)) return ignored(notification);
        if (notification.method === 'textDocument/didChange') {
            const changes = params!.contentChanges;
            const valid = Array.isArray(changes) && changes.every(c => typeof c?.text === 'string' && (c.range === undefined || isRange(c.range)));
            return valid ? notification : ignored(notification);
        }
        return notification;
    }
}

function documentUri(params: Record<string, unknown> | undefined): string | undefined {
    const document = params?.textDocument as Record<string, unknown> | undefined;
    return typeof document?.uri === 'string' ? document.uri : undefined;
}

/** The document requests that need a position, and those that need a range. */
const NEEDS_POSITION = new Set(['hover', 'completion', 'signatureHelp', 'definition', 'declaration', 'typeDefinition', 'implementation',
    'references', 'rename', 'prepareRename', 'documentHighlight', 'onTypeFormatting', 'prepareCallHierarchy', 'prepareTypeHierarchy',
    'linkedEditingRange', 'moniker'].map(m => `textDocument/${m}`));
const NEEDS_RANGE = new Set(['inlayHint', 'codeAction', 'rangeFormatting', 'semanticTokens/range', 'inlineValue'].map(m => `textDocument/${m}`));

/** What is wrong with a request's `position` or `range`; lines past the end are valid (clamped), malformed ones are not. */
function malformedPlace(method: string, params: Record<string, unknown>): string | undefined {
    if ((NEEDS_POSITION.has(method) || 'position' in params) && !isPosition(params.position)) {
        return 'params.position must be { line, character }, each a non-negative integer';
    }
    if ((NEEDS_RANGE.has(method) || 'range' in params) && !isRange(params.range)) return 'params.range must be { start, end }, each a position';
    return undefined;
}

function isPosition(value: unknown): boolean {
    const position = value as { line?: unknown; character?: unknown } | undefined;
    return typeof position === 'object' && position !== null && isUInteger(position.line) && isUInteger(position.character);
}

function isRange(value: unknown): boolean {
    const range = value as { start?: unknown; end?: unknown } | undefined;
    return typeof range === 'object' && range !== null && isPosition(range.start) && isPosition(range.end);
}

function isUInteger(value: unknown): boolean {
    return typeof value === 'number' && Number.isInteger(value) && value >= 0 && value <= 2 ** 31 - 1;
}

function refuse(request: RequestMessage, code: number | undefined, message: string | undefined): RequestMessage {
    return { jsonrpc: request.jsonrpc, id: request.id, method: REFUSED, params: { code, message } satisfies Refusal };
}

/** A notification turned into one nobody listens to: vscode-jsonrpc drops it (and `$/` ones silently). */
function ignored(notification: NotificationMessage): NotificationMessage {
    return { jsonrpc: notification.jsonrpc, method: '$/rnnLens/ignored', params: {} };
}
