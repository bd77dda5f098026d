/**
 * `rnn-lens import FILE.py|FILE.ipynb`: Keras code → a `.rnn` document on stdout; what could not
 * be translated is said on stderr (and kept in the document as comments). Broken Python, or a
 * notebook that is not JSON, is an error naming the line: exit code 2. The language server's
 * Import from Keras calls the same importKerasText.
 */
import { sourceKindOf } from '../../../language/src/index.js';
import { KerasImportError, importKerasText } from '../../../language/src/parse.js';
import { CliError, readSource, type Io } from '../io.js';
import { parseOptions, singleFile } from './options.js';

export function runImport(args: string[], io: Io): number {
    const { positionals } = parseOptions(args, {});
    const file = singleFile(positionals, '.py or .ipynb file');
    const text = readSource(file);
    let result;
    try {
        result = importKerasText(text, sourceKindOf(file), file);
    } catch (error) {
        if (error instanceof KerasImportError) throw new CliError(error.message);
        throw error;
    }
    io.out(result.text.trimEnd());
    for (const w of result.warnings) io.err(`${file}: ${w.where}: warning: ${w.message}`);
    return 0;
}
