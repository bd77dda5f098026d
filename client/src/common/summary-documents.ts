/**
 * The read-only summary documents (scheme `rnn-lens-summary`): the Keras `model.summary()` table
 * of one model, asked of the language server, shown again after each edit of its .rnn document.
 */
import * as vscode from 'vscode';
import { SUMMARY_SCHEME } from './command-ids.js';
import type { ModelOutlines } from './model-outlines.js';
import type { SummaryResult } from './server-requests.js';
import { summaryDocumentText, summarySourceOf, summaryUriParts, type SummarySource } from './summary-source.js';

export function summaryUri(source: SummarySource): vscode.Uri {
    return vscode.Uri.from({ scheme: SUMMARY_SCHEME, ...summaryUriParts(source) });
}

export class SummaryDocuments implements vscode.TextDocumentContentProvider, vscode.Disposable {
    private readonly changed = new vscode.EventEmitter<vscode.Uri>();
    private readonly subscriptions: vscode.Disposable[];
    readonly onDidChange = this.changed.event;

    constructor(
        private readonly summaryOf: (source: SummarySource) => Promise<SummaryResult>,
        outlines: ModelOutlines
    ) {
        this.subscriptions = [
            this.changed,
            vscode.workspace.registerTextDocumentContentProvider(SUMMARY_SCHEME, this),
            // The .rnn document was edited (and the server has the new text): its open summaries follow.
            outlines.onDidChange(uri => {
                for (const document of vscode.workspace.textDocuments) {
                    if (document.uri.scheme === SUMMARY_SCHEME && summarySourceOf(document.uri.query)?.document === uri.toString()) {
                        this.changed.fire(document.uri);
                    }
                }
            })
        ];
    }

    async provideTextDocumentContent(uri: vscode.Uri): Promise<string> {
        const source = summarySourceOf(uri.query);
        if (!source) return `${uri.toString()} names no model.\n`;
        try {
            return summaryDocumentText(source, await this.summaryOf(source));
        } catch (error) {
            return `The language server gave no summary of "${source.model}": ${error instanceof Error ? error.message : String(error)}\n`;
        }
    }

    dispose(): void {
        for (const s of this.subscriptions) s.dispose();
    }
}
