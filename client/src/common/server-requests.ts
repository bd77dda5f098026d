/**
 * The language server's own requests, typed for the client with the server's types
 * (language/src/lsp/custom-requests*.ts).
 */
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { ModelSummaryJson } from '../../../language/src/index.js';
import { type SummaryParams, MODELS_REQUEST, type ModelsParams, type ModelsResult } from '../../../language/src/lsp.js';

/**
 * custom-requests.ts's SUMMARY_REQUEST, spelt out: importing that module's value would bring
 * the server library and a second copy of the LSP protocol (~170 KB) into the client bundles.
 * test/extension/package-contributions.test.ts checks that the two agree.
 */
export const SUMMARY_REQUEST_NAME = 'rnnLens/summary';

/** What `rnnLens/summary` answers (the parts the extension reads). */
export interface SummaryResult {
    readonly models: readonly ModelSummaryJson[];
    /** The Keras `model.summary()` tables of the models asked for, blank-line separated. */
    readonly text: string;
}

export function requestModels(client: BaseLanguageClient, uri: string): Promise<ModelsResult> {
    const params: ModelsParams = { uri };
    return client.sendRequest<ModelsResult>(MODELS_REQUEST, params);
}

export function requestSummary(client: BaseLanguageClient, uri: string, model: string): Promise<SummaryResult> {
    const params: SummaryParams = { uri, model };
    return client.sendRequest<SummaryResult>(SUMMARY_REQUEST_NAME, params);
}
