/**
 * `rnn-lens`: the command line. Each subcommand lives in its own module; this file parses the
 * command line, dispatches, and turns failures into a clear message and an exit code.
 */
import '../../language/src/polyfills/object-group-by.cjs';
import { CliError, type Io } from './io.js';
import { runCheck } from './commands/check.js';
import { runSummary } from './commands/summary.js';
import { runLsp } from './commands/lsp.js';
import { runTrain } from './commands/train.js';
import { runImport } from './commands/import.js';
import { runExport } from './commands/export.js';
import { runExplain } from './commands/explain.js';
import { runDiagram } from './commands/diagram.js';

const USAGE = `rnn-lens: Keras-exact shapes, parameter counts and diagnostics for .rnn files

Usage:
  rnn-lens summary FILE [--model NAME] [--json]   the Keras model.summary() of each model
  rnn-lens check FILE [--json] [--diagnostic CODE=LEVEL]...
                                                  the diagnostics; exit code 1 when any error
                                                  (LEVEL: off, hint, info, warning, error, default)
  rnn-lens train FILE [--model NAME] [--epochs N] [--batch-size N] [--learning-rate X]
                 [--backend auto|wasm|cpu] [--threads N|auto|off] [--json] [--save DIR]
                                                  trains the model with tfjs on its data
  rnn-lens import FILE.py|FILE.ipynb              Keras code → a .rnn document (warnings on stderr)
  rnn-lens export FILE [--model NAME] [--to keras|tfjs]
                                                  a model as a Keras script, or tfjs TypeScript
  rnn-lens explain FILE [--model NAME]            each model explained layer by layer (Markdown)
  rnn-lens diagram FILE [--model NAME] [--out FILE.svg] [--theme light|dark]
                                                  the model's layer stack as an SVG
  rnn-lens lsp --stdio                            the language server, for any LSP client
  rnn-lens --help | --version

summary, check, train, export, explain and diagram take --keras 3|2: the Keras version to follow
(3 by default: keras, TensorFlow 2.16 and later; 2: tf-keras). A file's own \`keras 2\` line wins.

Exit codes: 0 fine, 1 the file has errors, 2 the command could not run (unreadable file, bad usage).`;

const COMMANDS: Record<string, (args: string[], io: Io) => number | undefined | Promise<number>> = {
    summary: runSummary,
    check: runCheck,
    lsp: runLsp,
    train: runTrain,
    import: runImport,
    export: runExport,
    explain: runExplain,
    diagram: runDiagram
};

/** The exit code, or undefined for a command that keeps running (the language server). */
export async function main(argv: string[], io: Io): Promise<number | undefined> {
    const [command, ...rest] = argv;
    if (!command || command === '--help' || command === '-h' || command === 'help') {
        io.out(USAGE);
        return command ? 0 : 2;
    }
    if (command === '--version') {
        io.out(VERSION);
        return 0;
    }
    const run = COMMANDS[command];
    if (!run) {
        io.err(`rnn-lens: unknown command "${command}".\n\n${USAGE}`);
        return 2;
    }
    try {
        return await run(rest, io);
    } catch (error) {
        if (error instanceof CliError) {
            io.err(`rnn-lens ${command}: ${error.message}`);
            return 2;
        }
        io.err(`rnn-lens ${command}: internal error: ${(error as Error).stack ?? String(error)}`);
        return 2;
    }
}

declare const __RNN_LENS_VERSION__: string | undefined;
const VERSION = typeof __RNN_LENS_VERSION__ === 'string' ? __RNN_LENS_VERSION__ : '0.0.0-dev';

// `rnn-lens check FILE | head`: when the reader goes away, stop quietly as other tools do.
process.stdout.on('error', error => {
    if ((error as NodeJS.ErrnoException).code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
});

const io: Io = {
    out: text => process.stdout.write(`${text}\n`),
    err: text => process.stderr.write(`${text}\n`)
};
void main(process.argv.slice(2), io).then(code => {
    if (code !== undefined) process.exitCode = code;
});
