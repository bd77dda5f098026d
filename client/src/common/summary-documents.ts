/**
 * The read-only summary documents (scheme `rnn-lens-summary`): the Keras `model.summary()` table
 * of one model, asked of the language server, shown again after each edit of its .rnn document.
 */
import type * as vscode from 'vscode';
import { SUMMARY_SCHEME } from './command-ids.js';
import { ModelDocuments, modelDocumentUri } from './model-documents.js';
import type { ModelOutlines } from './model-outlines.js';
import type { SummaryResult } from './server-requests.js';
import { summaryDocumentText, summaryUriParts, type SummarySource } from './summary-source.js';

export function summaryUri(source: SummarySource): vscode.Uri {
    return modelDocumentUri(SUMMARY_SCHEME, summaryUriParts(source));
}

export function summaryDocuments(summaryOf: (source: SummarySource) => Promise<SummaryResult>, outlines: ModelOutlines): ModelDocuments {
    return new ModelDocuments(SUMMARY_SCHEME, async source => summaryDocumentText(source, await summaryOf(source)), 'summary', outlines);
}
