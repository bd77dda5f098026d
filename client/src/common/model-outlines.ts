/**
 * The models of each open .rnn document (name, range, totals), asked of the server once per
 * edit (debounced) rather than on every cursor move: the status bar and Show Summary find the
 * model under the cursor in them locally (model-at-position.ts).
 */
import * as vscode from 'vscode';
import type { ModelOutline } from '../../../language/src/lsp.js';
import { isModelDocument } from './model-languages.js';

/** Long enough that typing does not send a request per keystroke, short enough to feel live. */
const EDIT_DEBOUNCE_MS = 250;

interface Entry {
    readonly version: number;
    readonly models: Promise<readonly ModelOutline[]>;
}

export class ModelOutlines implements vscode.Disposable {
    private readonly entries = new Map<string, Entry>();
    /** The last answer for each document, whatever its version: what the cursor is matched against while typing. */
    private readonly answered = new Map<string, { readonly version: number; readonly models: readonly ModelOutline[] }>();
    private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    private readonly subscriptions: vscode.Disposable[];

    /** Fires with a document's URI when its outlines were asked again after an edit. */
    readonly onDidChange = this.changed.event;

    constructor(
        private readonly request: (uri: string) => Promise<{ readonly models: readonly ModelOutline[] }>,
        private readonly log: vscode.LogOutputChannel
    ) {
        this.subscriptions = [
            this.changed,
            vscode.workspace.onDidChangeTextDocument(e => {
                if (isModelDocument(e.document) && e.contentChanges.length > 0) this.scheduleRefresh(e.document);
            }),
            vscode.workspace.onDidCloseTextDocument(document => this.forget(document.uri))
        ];
    }

    /** The models of the document's current version: the kept answer, or a new request (rejects when the server fails). */
    get(document: vscode.TextDocument): Promise<readonly ModelOutline[]> {
        const key = document.uri.toString();
        const entry = this.entries.get(key);
        if (entry && entry.version === document.version) return entry.models;
        const version = document.version;
        const models = this.request(key).then(
            result => {
                // Answers can arrive out of order: an older version's never replaces a newer one's.
                if ((this.answered.get(key)?.version ?? -1) <= version) this.answered.set(key, { version, models: result.models });
                return result.models;
            },
            error => {
                // A failed request (the server restarting, a document it cannot read) is not kept.
                this.log.warn(`rnnLens/models failed for ${key}: ${error instanceof Error ? error.message : String(error)}`);
                if (this.entries.get(key)?.models === models) this.entries.delete(key);
                throw error;
            }
        );
        this.entries.set(key, { version, models });
        return models;
    }

    /**
     * The last answer for the document, even for an older version (undefined before the first):
     * moving the cursor while typing sends no request; the edit's own refresh follows shortly.
     */
    latest(document: vscode.TextDocument): readonly ModelOutline[] | undefined {
        return this.answered.get(document.uri.toString())?.models;
    }

    /** Forgets every answer, as after the server restarted. */
    clear(): void {
        this.entries.clear();
        this.answered.clear();
    }

    private scheduleRefresh(document: vscode.TextDocument): void {
        const key = document.uri.toString();
        clearTimeout(this.timers.get(key));
        this.timers.set(key, setTimeout(() => {
            this.timers.delete(key);
            if (document.isClosed) return;
            // A failure is already logged; the next edit asks again.
            this.get(document).then(() => this.changed.fire(document.uri), () => undefined);
        }, EDIT_DEBOUNCE_MS));
    }

    private forget(uri: vscode.Uri): void {
        const key = uri.toString();
        this.entries.delete(key);
        this.answered.delete(key);
        clearTimeout(this.timers.get(key));
        this.timers.delete(key);
    }

    dispose(): void {
        for (const timer of this.timers.values()) clearTimeout(timer);
        this.timers.clear();
        for (const s of this.subscriptions) s.dispose();
    }
}
