/** Langium's language server, with the `serverInfo` (name and version) the initialize result should carry. */
import { DefaultLanguageServer } from 'langium/lsp';
import type { InitializeParams, InitializeResult } from 'vscode-languageserver';
import { NOTEBOOK_SELECTOR } from './python/python-selectors.js';

declare const __RNN_LENS_VERSION__: string | undefined;

export const SERVER_NAME = 'rnn-lens';
/** package.json's version, put in by the bundler (scripts/build.mjs). */
export const SERVER_VERSION = typeof __RNN_LENS_VERSION__ === 'string' ? __RNN_LENS_VERSION__ : '0.0.0-dev';

export class RnnLanguageServer extends DefaultLanguageServer {
    protected override buildInitializeResult(params: InitializeParams): InitializeResult {
        const result = super.buildInitializeResult(params);
        // `prepareProvider` is only for a client that declared prepareSupport.
        if (result.capabilities.renameProvider && params.capabilities?.textDocument?.rename?.prepareSupport !== true) {
            result.capabilities.renameProvider = true;
        }
        // The code cells of Jupyter notebooks, one program per notebook (python/), to a client that syncs notebooks.
        if (params.capabilities?.notebookDocument?.synchronization) result.capabilities.notebookDocumentSync = { notebookSelector: NOTEBOOK_SELECTOR };
        return { ...result, serverInfo: { name: SERVER_NAME, version: SERVER_VERSION } };
    }
}
