/**
 * The documents whose models the extension follows (status bar, Show Summary, Train...): `.rnn`
 * documents, and Python files and notebook cells, which the language server reads through its
 * Python door. Pure, for tests.
 */
import { LANGUAGE_ID } from './command-ids.js';

const PYTHON_SCHEMES = new Set(['file', 'untitled', 'vscode-notebook-cell']);

export function isModelDocument(document: { readonly languageId: string; readonly uri: { readonly scheme: string } }): boolean {
    return document.languageId === LANGUAGE_ID || (document.languageId === 'python' && PYTHON_SCHEMES.has(document.uri.scheme));
}
