/**
 * `rnn-lens import FILE.py|FILE.ipynb`: Keras code → a `.rnn` document on stdout; what could not
 * be translated is said on stderr (and kept in the document as comments). Broken Python, or a
 * notebook that is not JSON, is an error naming the line: exit code 2.
 */
import { importKeras } from '../../../language/src/keras/import-keras.js';
import { NotebookError, notebookSource, pythonFileSource } from '../../../language/src/keras/notebook.js';
import { PythonSyntaxError } from '../../../language/src/keras/python-ast.js';
import { CliError, readSource, type Io } from '../io.js';
import { parseOptions, singleFile } from './options.js';

export function runImport(args: string[], io: Io): number {
    const { positionals } = parseOptions(args, {});
    const file = singleFile(positionals, '.py or .ipynb file');
    const text = readSource(file);
    let result;
    try {
        const source = file.toLowerCase().endsWith('.ipynb') ? notebookSource(text) : pythonFileSource(text);
        result = importKeras(source, file);
    } catch (error) {
        if (error instanceof PythonSyntaxError) throw new CliError(`${file} is not valid Python: ${error.message}`);
        if (error instanceof NotebookError) throw new CliError(`${file} is ${error.message}`);
        throw error;
    }
    io.out(result.text.trimEnd());
    for (const w of result.warnings) io.err(`${file}: ${w.where}: warning: ${w.message}`);
    return 0;
}
