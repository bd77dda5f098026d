/**
 * What a file's name says: its last segment (how the exported code and the imported document
 * name their file), and whether it is a notebook. Without node:path, which the browser server and
 * the web extension do not have; with no other import, so that the extension takes in only this.
 */

/** The kinds of Keras code the import reads: a Python file's text, or a notebook's nbformat JSON. */
export type KerasSourceKind = 'py' | 'ipynb';

/** The last segment of a path or of a URI's path (`/` or `\` separated). */
export function baseName(file: string): string {
    return file.split(/[\\/]/).filter(s => s.length > 0).pop() ?? file;
}

/** A notebook by its extension, anything else as Python. */
export function sourceKindOf(fileName: string): KerasSourceKind {
    return fileName.toLowerCase().endsWith('.ipynb') ? 'ipynb' : 'py';
}
