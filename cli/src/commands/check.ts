/** `rnn-lens check FILE [--json]`: the diagnostics, as compilers print them or as JSON. */
import { diagnosticJson } from '../../../language/src/format/summary-json.js';
import { analyzeFile, type Io } from '../io.js';
import { KERAS_OPTION, kerasOption, parseOptions, singleFile } from './options.js';

export function runCheck(args: string[], io: Io): number {
    const { values, positionals } = parseOptions(args, { ...KERAS_OPTION, json: { type: 'boolean' } });
    const file = singleFile(positionals);
    const analysis = analyzeFile(file, kerasOption(values.keras));
    if (values.json) {
        io.out(JSON.stringify({ diagnostics: analysis.diagnostics.map(diagnosticJson) }, null, 2));
    } else {
        for (const d of analysis.diagnostics) {
            io.out(`${file}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${d.message}`);
        }
    }
    return analysis.diagnostics.some(d => d.severity === 'error') ? 1 : 0;
}
