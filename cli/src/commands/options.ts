/** Command-line options with Node's own parser; errors become CliErrors. */
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { CliError } from '../io.js';

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
