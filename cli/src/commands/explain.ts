/**
 * `rnn-lens explain FILE [--model NAME]`: each model explained layer by layer in Markdown, as
 * the course notebook's comments explain its summaries (language/src/explain/walkthrough.ts).
 */
import { explainDocument } from '../../../language/src/index.js';
import { analyzeFile, type Io } from '../io.js';
import { KERAS_OPTION, kerasOption, parseOptions, singleFile } from './options.js';
import { errorExitCode, selectModels } from './select-models.js';

export function runExplain(args: string[], io: Io): number {
    const { values, positionals } = parseOptions(args, { ...KERAS_OPTION, model: { type: 'string' } });
    const file = singleFile(positionals);
    const analysis = analyzeFile(file, { keras: kerasOption(values.keras) });
    io.out(explainDocument(analysis, selectModels(analysis, values.model, file)));
    return errorExitCode(analysis);
}
