/**
 * Where the file of `data(path=...)` is, and whether the host may read it: paths are relative to
 * the folder of the .rnn file (as the CLI reads them), absolute paths are taken as they are, and
 * whatever resolves outside the workspace folders is refused with a message that says so. The
 * training panel is web content: it gets a file's text only through this check.
 *
 * Pure (URI strings in, a URI string out), so that it runs in either extension host (Node or the
 * browser) and in tests. It resolves `..` lexically; a symbolic link inside the workspace that
 * points outside it is the host's to check on the real path if it cares.
 */
import { URI, Utils } from 'vscode-uri';

export type DataPathResult =
    | { readonly ok: true; readonly uri: string }
    | { readonly ok: false; readonly message: string };

const URL_LIKE = /^[a-zA-Z][a-zA-Z0-9+.-]+:\/\//;
const WINDOWS_ABSOLUTE = /^[a-zA-Z]:\//;

/**
 * Resolves `dataPath` (as written in the .rnn file `rnnUri`) against the workspace folders
 * (`workspaceFolders`, as URI strings).
 */
export function resolveDataPath(rnnUri: string, dataPath: string, workspaceFolders: readonly string[]): DataPathResult {
    const written = dataPath.trim();
    if (written === '') return { ok: false, message: 'data(path=...) is empty: name a CSV file, relative to the .rnn file.' };
    if (URL_LIKE.test(written)) return { ok: false, message: `data(path="${dataPath}") is a URL: RNN Lens reads data files from the workspace only, never from the network.` };
    const base = URI.parse(rnnUri);
    const target = resolveAgainst(base, written.replace(/\\/g, '/'));
    const shown = display(target);
    if (workspaceFolders.length === 0) {
        return { ok: false, message: `The data file "${dataPath}" (${shown}) cannot be read: no workspace folder is open. Open the folder that holds the .rnn file to train on its data.` };
    }
    const folders = workspaceFolders.map(f => URI.parse(f));
    if (!folders.some(folder => contains(folder, target))) {
        return {
            ok: false,
            message: `The data file "${dataPath}" resolves to ${shown}, outside the workspace (${folders.map(display).join(', ')}): RNN Lens reads data files only inside the workspace folders.`
        };
    }
    return { ok: true, uri: target.toString() };
}

function resolveAgainst(base: URI, path: string): URI {
    if (WINDOWS_ABSOLUTE.test(path)) return base.scheme === 'file' ? URI.file(path) : base.with({ path: `/${path}` });
    if (path.startsWith('/')) return Utils.resolvePath(base.with({ path: '/' }), path);
    return Utils.resolvePath(Utils.dirname(base), path);
}

/** True when `target` is `folder` or lies under it (same scheme and authority). */
function contains(folder: URI, target: URI): boolean {
    if (folder.scheme !== target.scheme || folder.authority.toLowerCase() !== target.authority.toLowerCase()) return false;
    // Windows paths (`/c:/...`) compare without case, as the file system does.
    const fold = (p: string) => (/^\/[a-zA-Z]:/.test(p) ? p.toLowerCase() : p);
    const root = fold(folder.path.replace(/\/+$/, ''));
    const path = fold(target.path);
    return path === root || path.startsWith(`${root}/`) || root === '';
}

function display(uri: URI): string {
    return uri.scheme === 'file' ? uri.fsPath : uri.toString();
}
