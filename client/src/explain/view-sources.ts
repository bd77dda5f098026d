/**
 * Which model Explain Model and Show Diagram are about when invoked from one of the extension's
 * own views (a summary document's or a walk-through's title bar, or with one of them active),
 * and the walk-through documents' URI parts. Pure, for tests.
 */
import { modelUriParts, summarySourceOf, type SummarySource } from '../common/summary-source.js';

/** A vscode.Uri's parts, recognised without importing vscode. */
interface UriLike { readonly scheme: string; readonly query: string }

function isUriLike(value: unknown): value is UriLike {
    return typeof value === 'object' && value !== null
        && typeof (value as UriLike).scheme === 'string' && typeof (value as UriLike).query === 'string';
}

/**
 * The model of a view document (one of `schemes`) that the first argument names, else that of
 * the active editor when the command has no arguments (the Command Palette).
 */
export function viewDocumentSource(args: readonly unknown[], active: UriLike | undefined, schemes: readonly string[]): SummarySource | undefined {
    const [first] = args;
    const uri = isUriLike(first) ? first : args.length === 0 ? active : undefined;
    return uri && schemes.includes(uri.scheme) ? summarySourceOf(uri.query) : undefined;
}

/**
 * The walk-through of a model: `.md`, so that the editor and the preview read it as Markdown,
 * under the .rnn document's own path, so that the same model name in two files gives two paths
 * (the Markdown preview tells its documents apart by path).
 */
export function explainUriParts(source: SummarySource): { path: string; query: string } {
    return modelUriParts(source, `${documentPath(source.document)}${source.model} explained.md`);
}

/** `file:///work/a%20b/m.rnn` → `work/a b/m.rnn/`; `untitled:Untitled-1` → `Untitled-1/`. */
function documentPath(document: string): string {
    let path: string;
    try {
        path = decodeURIComponent(new URL(document).pathname);
    } catch {
        path = '';
    }
    const trimmed = path.replace(/^\/+|\/+$/g, '');
    return trimmed.length > 0 ? `${trimmed}/` : '';
}
