/** Which documents the Python door serves, in the LSP's document and notebook selectors. */
import type { DocumentSelector, NotebookDocumentSyncOptions } from 'vscode-languageserver';
import { NOTEBOOK_TYPE } from './notebook-sync.js';

/** Python files on disk and new ones not saved yet: what the client sends didOpen/didChange for. */
export const PYTHON_FILES: DocumentSelector = [{ language: 'python', scheme: 'file' }, { language: 'python', scheme: 'untitled' }];

/** The files, and the Python cells of the notebooks synced (VS Code's cell documents): what hints, hovers, fixes and lenses are for. */
export const PYTHON_DOCUMENTS: DocumentSelector = [...PYTHON_FILES, { language: 'python', scheme: 'vscode-notebook-cell' }];

export const NOTEBOOK_SELECTOR: NotebookDocumentSyncOptions['notebookSelector'] = [{ notebook: { notebookType: NOTEBOOK_TYPE }, cells: [{ language: 'python' }] }];
