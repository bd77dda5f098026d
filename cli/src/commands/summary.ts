/** `rnn-lens summary FILE [--model NAME] [--json]`: Keras's model.summary() for each model. */
import { documentSummaryJson } from '../../../language/src/format/summary-json.js';
import { formatSummary } from '../../../language/src/format/summary-table.js';
import { CliError, analyzeFile, type Io } from '../io.js';
import { parseOptions, singleFile } from './options.js';

export function runSummary(args: string[], io: Io): number {
    const { values, positionals } = parseOptions(args, { json: { type: 'boolean' }, model: { type: 'string' } });
    const file = singleFile(positionals);
    const analysis = analyzeFile(file);
    const models = values.model === undefined ? analysis.models : analysis.models.filter(m => m.name === values.model);
    if (values.model !== undefined && models.length === 0) {
        const names = analysis.models.map(m => m.name);
        throw new CliError(`no model named "${values.model}" in ${file}; its models are: ${names.length > 0 ? names.join(', ') : '(none)'}.`);
    }
    const errors = analysis.diagnostics.filter(d => d.severity === 'error');
    if (values.json) {
        io.out(JSON.stringify(documentSummaryJson(analysis, models), null, 2));
    } else {
        io.out(models.map(m => formatSummary(m)).join('\n\n'));
        for (const d of errors) io.err(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1} error ${d.code} ${d.message}`);
    }
    return errors.length > 0 ? 1 : 0;
}
