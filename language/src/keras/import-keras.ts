/**
 * `rnn-lens import`: Keras code (a .py file or a notebook's code cells) → a `.rnn` document.
 * What cannot be translated stays in the document as comments, each with a warning; the result
 * is analysed, so that a model that would not build in Keras is said at once.
 */
import { analyzeText } from '../analyze-text.js';
import { ImportTranslator } from './import-translate.js';
import { renderImport } from './import-render.js';
import type { PythonSource } from './notebook.js';
import { PythonSyntaxError } from './python-ast.js';
import { parsePython } from './python-parse.js';

export interface ImportWarning {
    /** Where in the code: "line 12", "cell 3, line 2", or "the .rnn result, line 4". */
    readonly where: string;
    readonly message: string;
}

export interface KerasImport {
    /** The `.rnn` document. */
    readonly text: string;
    /** The models' names, in order. */
    readonly models: readonly string[];
    readonly warnings: readonly ImportWarning[];
}

/** Throws PythonSyntaxError (its message names the line) when the code is not Python. */
export function importKeras(source: PythonSource, fileName: string): KerasImport {
    let module;
    try {
        module = parsePython(source.text);
    } catch (error) {
        if (error instanceof PythonSyntaxError) {
            throw new PythonSyntaxError(`${source.where(error.line)}, column ${error.column}: ${error.message}`, error.line, error.column);
        }
        throw error;
    }
    const warnings: ImportWarning[] = [];
    const translator = new ImportTranslator((line, message, code) => {
        const where = source.where(line);
        warnings.push({ where, message });
        if (code === undefined) return [`# ${where}: ${message}.`];
        return [`# ${where}: ${message}:`, ...code.trimEnd().split('\n').map(l => `#     ${l.trimEnd()}`)];
    }, source.text);
    translator.run(module.statements);
    const count = translator.items.filter(i => i.kind === 'model').length;
    const header = [
        `Imported from ${fileName} by \`rnn-lens import\`: ${count} Sequential model${count === 1 ? '' : 's'}.`,
        ...(warnings.length > 0 ? ['What could not be translated is kept in comments, each saying why.'] : [])
    ];
    const { text, modelNames } = renderImport(translator.items, header);
    if (count === 0) warnings.push({ where: fileName, message: 'no Sequential model found (RNN Lens reads `Sequential()` with `model.add(...)`, or `Sequential([...])`)' });
    for (const d of analyzeText(text).diagnostics) {
        if (d.severity === 'error') warnings.push({ where: `the .rnn result, line ${d.range.start.line + 1}`, message: `${d.code}: ${d.message}` });
    }
    return { text, models: modelNames, warnings };
}
