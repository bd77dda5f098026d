/**
 * What a model command (Show Summary, Train, Export) was invoked on. Pure, for tests.
 *
 *   (uri: string, model: string)  the server's CodeLens, and the status-bar item
 *   (resource: Uri)               an editor-title or explorer menu: the file, no model
 *   ()                            the Command Palette: the active editor and its cursor
 */
export interface CommandTarget {
    /** The .rnn document's URI as a string, when the invocation names one. */
    readonly uri?: string;
    /** The model's name, when the invocation names one. */
    readonly model?: string;
}

/** A vscode.Uri, recognised without importing vscode: its scheme and its string form. */
function isUriLike(value: unknown): value is { scheme: string; toString(): string } {
    return typeof value === 'object' && value !== null && typeof (value as { scheme?: unknown }).scheme === 'string';
}

export function commandTarget(args: readonly unknown[]): CommandTarget {
    const [first, second] = args;
    const uri = typeof first === 'string' ? first : isUriLike(first) ? first.toString() : undefined;
    const model = uri !== undefined && typeof second === 'string' && second.length > 0 ? second : undefined;
    return { ...(uri !== undefined ? { uri } : {}), ...(model !== undefined ? { model } : {}) };
}
