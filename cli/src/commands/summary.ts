/** `rnn-lens summary FILE [--model NAME] [--json]`: Keras's model.summary() for each model. */
import { documentSummaryJson, formatSummary, kerasVersionName } from '../../../language/src/index.js';
import { analyzeFile, placeOf, type Io } from '../io.js';
import { KERAS_OPTION, kerasOption, parseOptions, singleFile } from './options.js';
import { selectModels } from './select-models.js';

export function runSummary(args: string[], io: Io): number {
    const { values, positionals } = parseOptions(args, { ...KERAS_OPTION, json: { type: 'boolean' }, model: { type: 'string' } });
    const file = singleFile(positionals);
    const analysis = analyzeFile(file, { keras: kerasOption(values.keras) });
    const models = selectModels(analysis, values.model, file);
    const errors = analysis.diagnostics.filter(d => d.severity === 'error');
    if (values.json) {
        io.out(JSON.stringify(documentSummaryJson(analysis, models), null, 2));
    } else {
        // Which Keras the tables follow, for a person at a terminal; piped, stdout stays Keras's bytes alone.
        if (process.stderr.isTTY === true) io.err(`As ${kerasVersionName(analysis.keras)} prints it${analysis.keras === 3 ? ' (--keras 2 for tf-keras)' : ''}:`);
        io.out(models.map(m => formatSummary(m)).join('\n\n'));
        for (const d of errors) io.err(`${placeOf(file, analysis, d.range)} error ${d.code} ${d.message}`);
    }
    return errors.length > 0 ? 1 : 0;
}
