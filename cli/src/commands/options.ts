/** Command-line options with Node's own parser; errors become CliErrors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import {
    DIAGNOSTIC_LEVELS, isDiagnosticCode, isDiagnosticLevel, type DiagnosticLevels, DIAGNOSTIC_CODES, didYouMean, suggest,
    parseKerasVersion, type KerasVersion
} from '../../../language/src/index.js';
import { CliError } from '../io.js';

/**
 * `--keras 2|3|auto`: the Keras version for `.rnn` files without a `keras N` statement (the file's
 * own wins) and for Python, over what its imports imply; `auto` (as leaving it out): each file's own.
 */
export const KERAS_OPTION = { keras: { type: 'string' } } as const;

export function kerasOption(value: string | undefined): KerasVersion | undefined {
    if (value === undefined || value === 'auto') return undefined;
    const version = parseKerasVersion(value);
    if (!version) throw new CliError(`--keras must be 3 (keras, TensorFlow 2.16 and later), 2 (tf-keras) or auto (what each file says), not "${value}".`);
    return version;
}

export function parseOptions<T extends NonNullable<ParseArgsConfig['options']>>(args: string[], options: T) {
    try {
        return parseArgs({ args, options, allowPositionals: true, strict: true });
    } catch (error) {
        throw new CliError((error as Error).message);
    }
}

export function singleFile(positionals: string[], what = '.rnn file'): string {
    if (positionals.length !== 1) throw new CliError(positionals.length === 0 ? `give a ${what}.` : `give one ${what}, not ${positionals.length}.`);
    return positionals[0];
}

/** The `--diagnostic` option (repeatable): `CODE=LEVEL`, as the editor's `rnnLens.diagnostics` setting. */
export const DIAGNOSTIC_OPTION = { diagnostic: { type: 'string', multiple: true } } as const;

export function diagnosticLevels(given: readonly string[] | undefined): DiagnosticLevels {
    const levels: Record<string, string> = {};
    for (const item of given ?? []) {
        const [code, level, ...rest] = item.split('=');
        if (level === undefined || rest.length > 0) throw new CliError(`--diagnostic takes CODE=LEVEL (slow-recurrent-kernel=warning), not "${item}".`);
        if (!isDiagnosticCode(code)) throw new CliError(`--diagnostic: "${code}" is no diagnostic code.${didYouMean(suggest(code, DIAGNOSTIC_CODES))}`);
        if (!isDiagnosticLevel(level)) throw new CliError(`--diagnostic: the level of ${code} is one of ${DIAGNOSTIC_LEVELS.join(', ')}, not "${level}".`);
        levels[code] = level;
    }
    return levels;
}
