/**
 * Keras code as text, a Python file's or a notebook's (nbformat JSON), imported: what
 * `rnn-lens import` and the language server's `rnnLens/importKeras` both call. Code that is not
 * Python, or a notebook that is not one, is a KerasImportError whose message names the line.
 */
import { importKeras, type KerasImport } from './import-keras.js';
import { notebookSource, pythonFileSource } from './notebook.js';
import { NotebookJsonError } from '../python/notebook-json.js';
import { PythonSyntaxError } from './python-ast.js';
import type { KerasSourceKind } from './file-names.js';

export function isKerasSourceKind(value: unknown): value is KerasSourceKind {
    return value === 'py' || value === 'ipynb';
}

/** Its message reads after nothing: `m.py is not valid Python: line 3, column 6: ...`. */
export class KerasImportError extends Error {}

export function importKerasText(text: string, kind: KerasSourceKind, fileName: string): KerasImport {
    try {
        return importKeras(kind === 'ipynb' ? notebookSource(text, fileName) : pythonFileSource(text), fileName);
    } catch (error) {
        if (error instanceof PythonSyntaxError) throw new KerasImportError(`${fileName} is not valid Python: ${error.message}`);
        if (error instanceof NotebookJsonError) throw new KerasImportError(error.message);
        throw error;
    }
}
