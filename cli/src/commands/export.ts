/**
 * `rnn-lens export FILE [--model NAME] [--to keras|tfjs]`: a model as a runnable Keras (Python)
 * script, or as TypeScript with @tensorflow/tfjs, on stdout. A model with errors is not exported
 * (exit code 1, the errors on stderr). The language server's Export to Keras calls the same
 * exportModelCode.
 */
import { analyzeText } from '../../../language/src/parse.js';
import { isExportTarget } from '../../../language/src/index.js';
import { exportModelCode } from '../../../training/src/export.js';
import { CliError, readSource, type Io } from '../io.js';
import { KERAS_OPTION, kerasOption, parseOptions, singleFile } from './options.js';

export function runExport(args: string[], io: Io): number {
    const { values, positionals } = parseOptions(args, { ...KERAS_OPTION, model: { type: 'string' }, to: { type: 'string' } });
    const file = singleFile(positionals);
    const to = values.to ?? 'keras';
    if (!isExportTarget(to)) throw new CliError(`--to must be keras or tfjs, not "${to}".`);
    const text = readSource(file);
    // The data file is not read: the script loads it where it runs.
    const outcome = exportModelCode(text, analyzeText(text, { keras: kerasOption(values.keras) }), values.model, file, to);
    switch (outcome.kind) {
        case 'code':
            io.out(outcome.code.trimEnd());
            return 0;
        case 'no-model':
            throw new CliError(outcome.message);
        case 'blocked':
            for (const b of outcome.blockers) io.err(`${file}:${b}`);
            io.err(`rnn-lens export: model "${outcome.model}" cannot be exported until the errors above are fixed.`);
            return 1;
        case 'unsupported':
            // tfjs may lack what the model needs (a stateful layer, an activation).
            io.err(`rnn-lens export: ${outcome.message}`);
            return 1;
    }
}
