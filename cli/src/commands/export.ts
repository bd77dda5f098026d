/**
 * `rnn-lens export FILE [--model NAME] [--to keras|tfjs]`: a model as a runnable Keras (Python)
 * script, or as TypeScript with @tensorflow/tfjs, on stdout. A model with errors is not exported
 * (exit code 1, the errors on stderr).
 */
import { basename } from 'node:path';
import { analyzeText } from '../../../language/src/analyze-text.js';
import { exportKeras } from '../../../language/src/keras/export-keras.js';
import { ExportError, exportBlockers, modelToExport } from '../../../language/src/keras/export-model.js';
import { exportTfjs } from '../../../language/src/keras/export-tfjs.js';
import { CliError, readSource, type Io } from '../io.js';
import { parseOptions, singleFile } from './options.js';

export function runExport(args: string[], io: Io): number {
    const { values, positionals } = parseOptions(args, { model: { type: 'string' }, to: { type: 'string' } });
    const file = singleFile(positionals);
    const to = values.to ?? 'keras';
    if (to !== 'keras' && to !== 'tfjs') throw new CliError(`--to must be keras or tfjs, not "${to}".`);
    const text = readSource(file);
    // The data file is not read: the script loads it where it runs.
    const analysis = analyzeText(text);
    const model = exportError(() => modelToExport(analysis, values.model, file), message => { throw new CliError(message); });
    const blockers = exportBlockers(analysis, model);
    if (blockers.length > 0) {
        for (const b of blockers) io.err(`${file}:${b}`);
        io.err(`rnn-lens export: model "${model.name}" cannot be exported until the errors above are fixed.`);
        return 1;
    }
    // tfjs may lack what the model needs (a stateful layer, an activation): said, exit code 1.
    const code = exportError(
        () => (to === 'keras' ? exportKeras(text, analysis, model, basename(file)) : exportTfjs(model, basename(file))),
        message => { io.err(`rnn-lens export: ${message}`); return undefined; });
    if (code === undefined) return 1;
    io.out(code.trimEnd());
    return 0;
}

/** Runs `make`; an ExportError goes to `fail` with its message. */
function exportError<T, F>(make: () => T, fail: (message: string) => F): T | F {
    try {
        return make();
    } catch (error) {
        if (error instanceof ExportError) return fail(error.message);
        throw error;
    }
}
