/**
 * A summary document, and any other document about one model (model-documents.ts): its URI
 * (`rnn-lens-summary:/StackedLSTM summary?document=...&model=...`, the path giving the editor tab its title, the query naming the .rnn document and the model)
 * and its text. Pure, for tests; summary-documents.ts makes the vscode.Uri and serves the text.
 */
import type { SummaryResult } from './server-requests.js';

export interface SummarySource {
    /** The .rnn document's URI, as a string. */
    readonly document: string;
    readonly model: string;
}

/** A document about the model titled `title` (its path, which the editor tab shows). */
export function modelUriParts(source: SummarySource, title: string): { path: string; query: string } {
    return {
        path: `/${title}`,
        query: new URLSearchParams({ document: source.document, model: source.model }).toString()
    };
}

export function summaryUriParts(source: SummarySource): { path: string; query: string } {
    return modelUriParts(source, `${source.model} summary`);
}

export function summarySourceOf(query: string): SummarySource | undefined {
    const params = new URLSearchParams(query);
    const document = params.get('document');
    const model = params.get('model');
    return document && model ? { document, model } : undefined;
}

/** The Keras table, or why there is none (the model was renamed or deleted since). */
export function summaryDocumentText(source: SummarySource, result: SummaryResult): string {
    if (result.models.length === 0) return `There is no model named "${source.model}" in ${source.document} any more.\n`;
    return `${result.text}\n`;
}
