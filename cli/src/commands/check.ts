/**
 * `rnn-lens check FILE [--json] [--diagnostic CODE=LEVEL]...`: the diagnostics, as compilers print
 * them or as JSON, at the levels the file's directives and `--diagnostic` give.
 */
import { diagnosticJson } from '../../../language/src/index.js';
import { analyzeFile, placeOf, type Io } from '../io.js';
import { errorExitCode } from './select-models.js';
import { DIAGNOSTIC_OPTION, diagnosticLevels, KERAS_OPTION, kerasOption, parseOptions, singleFile } from './options.js';

export function runCheck(args: string[], io: Io): number {
    const { values, positionals } = parseOptions(args, { ...KERAS_OPTION, json: { type: 'boolean' }, ...DIAGNOSTIC_OPTION });
    const file = singleFile(positionals);
    const analysis = analyzeFile(file, { keras: kerasOption(values.keras), levels: diagnosticLevels(values.diagnostic) });
    if (values.json) {
        io.out(JSON.stringify({ diagnostics: analysis.diagnostics.map(diagnosticJson) }, null, 2));
    } else {
        for (const d of analysis.diagnostics) {
            io.out(`${placeOf(file, analysis, d.range)} ${d.severity} ${d.code} ${d.message}`);
        }
    }
    return errorExitCode(analysis);
}
