/**
 * The line a command writes to the "RNN Lens" output for each thing it does:
 * `[RNN Lens] importKeras: imported 2 models from m.py`. A fixed form, so that a reader (and the
 * end-to-end tests) can follow what a command did. Pure, for tests.
 */
export function commandLogLine(command: string, what: string): string {
    return `[RNN Lens] ${command.replace(/^rnnLens\./, '')}: ${what}`;
}

/** An error's message, whatever was thrown. */
export function errorText(error: unknown): string {
    return error instanceof Error ? error.message : String(error);
}
