/**
 * Read-only documents about one model of a .rnn document, made by the language server and made
 * again after each edit of that document: the summaries (summary-documents.ts) and the
 * walk-throughs of Explain Model (explain/explain-documents.ts). The URI's path is the tab's
 * title, its query names the .rnn document and the model (summary-source.ts).
 */
import * as vscode from 'vscode';
import type { ModelOutlines } from './model-outlines.js';
import { summarySourceOf, type SummarySource } from './summary-source.js';

export function modelDocumentUri(scheme: string, parts: { path: string; query: string }): vscode.Uri {
    return vscode.Uri.from({ scheme, ...parts });
}

export class ModelDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    /** Every URI served, by its string, until its .rnn document closes (or, kept open, its viewer). */
    private readonly served = new Map<string, vscode.Uri>();
    private readonly subscriptions: vscode.Disposable[];
    readonly onDidChange = this.changed.event;

    /**
     * `contentOf` asks the server; `what` names the content in the text shown when it fails
     * ("summary": `The language server gave no summary of "M": ...`).
     */
    constructor(
        private readonly scheme: string,
        private readonly contentOf: (source: SummarySource) => Promise<string>,
        private readonly what: string,
        outlines: ModelOutlines,
        /**
         * For documents that a preview shows rather than an editor: VS Code lets go of such a
         * document a few minutes after it was opened, and a change of a document it has let go
         * of reaches no one. While `keepOpen` says the document is still viewed, it is opened
         * again as soon as it is closed, so that the next edit is a change of an open document.
         */
        private readonly options: { readonly keepOpen?: (uri: vscode.Uri) => boolean } = {}
    ) {
        this.subscriptions = [
            this.changed,
            vscode.workspace.registerTextDocumentContentProvider(scheme, this),
            // The .rnn document was edited (and the server has the new text): its documents follow.
            outlines.onDidChange(uri => {
                for (const served of this.servedFor(uri.toString())) this.refresh(served);
            }),
            vscode.workspace.onDidCloseTextDocument(document => {
                // Its .rnn document closed: nothing of it will change any more.
                for (const served of this.servedFor(document.uri.toString())) this.served.delete(served.toString());
                const key = document.uri.toString();
                if (document.uri.scheme !== this.scheme || !this.served.has(key)) return;
                if (this.options.keepOpen?.(document.uri)) this.reopen(document.uri);
                else this.served.delete(key);
            })
        ];
    }

    private refresh(uri: vscode.Uri): void {
        const open = vscode.workspace.textDocuments.some(d => d.uri.toString() === uri.toString());
        if (open) this.changed.fire(uri);
        // Closed a moment ago and not open again yet: opening it reads the new content.
        else if (this.options.keepOpen?.(uri)) this.reopen(uri);
    }

    private reopen(uri: vscode.Uri): void {
        vscode.workspace.openTextDocument(uri).then(undefined, () => this.served.delete(uri.toString()));
    }

    private servedFor(documentUri: string): vscode.Uri[] {
        const open = vscode.workspace.textDocuments.filter(d => d.uri.scheme === this.scheme).map(d => d.uri);
        const all = new Map([...open.map(u => [u.toString(), u] as const), ...this.served]);
        return [...all.values()].filter(u => summarySourceOf(u.query)?.document === documentUri);
    }

    async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
        const source = summarySourceOf(uri.query);
        if (!source) return `${uri.toString()} names no model.\n`;
        this.served.set(uri.toString(), uri);
        try {
            return await this.contentOf(source);
        } catch (error) {
            return `The language server gave no ${this.what} of "${source.model}": ${error instanceof Error ? error.message : String(error)}\n`;
        }
    }

    dispose(): void {
        for (const s of this.subscriptions) s.dispose();
        this.served.clear();
    }
}
