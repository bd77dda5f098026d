/**
 * The HTML of the training panel, for the host to set as the webview's `html`: the page's script
 * and style as webview resources, the worker script and the wasm files' folder for the page to
 * load, and a strict Content-Security-Policy:
 *
 *   default-src 'none'                      nothing that is not allowed below
 *   script-src 'nonce-…' 'wasm-unsafe-eval' only the page's own script; compiling WebAssembly,
 *                                           because tfjs's wasm backend is one of the candidates
 *   worker-src blob:                        the training worker: its script is fetched and started
 *                                           from a blob (a webview's resources are cross-origin
 *                                           to it, and `new Worker` needs same-origin)
 *   connect-src <cspSource>                 fetching the worker script and the .wasm files
 *   style-src <cspSource>                   panel.css; the toolkit's components use constructed
 *                                           stylesheets, which need no inline style
 *   img-src, font-src <cspSource>           local resources only
 *
 * Pure: no vscode import, so that tests build the same page.
 */

export interface PanelResources {
    /** The webview's `cspSource`. */
    readonly cspSource: string;
    /** A fresh random nonce for this HTML (createNonce). */
    readonly nonce: string;
    /** Webview URIs (`asWebviewUri`) of out/webview/panel.js, panel.css and train-worker.js. */
    readonly scriptUri: string;
    readonly styleUri: string;
    readonly workerUri: string;
    /** The webview URI of the folder that holds the tfjs-backend-wasm .wasm files (out/webview). */
    readonly wasmFolderUri: string;
    /** The panel's title (the model's name). */
    readonly title?: string;
}

/** 32 characters from a cryptographic random source, as a CSP nonce should be. */
export function createNonce(): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
    const bytes = globalThis.crypto.getRandomValues(new Uint8Array(32));
    return Array.from(bytes, b => alphabet[b % alphabet.length]).join('');
}

export function contentSecurityPolicy(cspSource: string, nonce: string): string {
    return [
        "default-src 'none'",
        `script-src 'nonce-${nonce}' 'wasm-unsafe-eval'`,
        'worker-src blob:',
        `connect-src ${cspSource}`,
        `style-src ${cspSource}`,
        `img-src ${cspSource}`,
        `font-src ${cspSource}`
    ].join('; ');
}

export function panelHtml(resources: PanelResources): string {
    if (!/^[A-Za-z0-9+/=_-]{16,}$/.test(resources.nonce)) throw new Error('panelHtml: the nonce must be at least 16 base64 or alphanumeric characters.');
    const attr = escapeAttribute;
    const folder = resources.wasmFolderUri.endsWith('/') ? resources.wasmFolderUri : `${resources.wasmFolderUri}/`;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${attr(contentSecurityPolicy(resources.cspSource, resources.nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeText(resources.title ?? 'RNN Lens: training')}</title>
<link rel="stylesheet" href="${attr(resources.styleUri)}">
</head>
<body data-worker-uri="${attr(resources.workerUri)}" data-wasm-folder-uri="${attr(folder)}">
<main id="app" aria-live="polite"></main>
<script nonce="${attr(resources.nonce)}" src="${attr(resources.scriptUri)}"></script>
</body>
</html>
`;
}

function escapeText(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** For double-quoted attribute values (the only kind written here), where `'` may stay as it is: CSP keywords read as written. */
function escapeAttribute(text: string): string {
    return escapeText(text).replace(/"/g, '&quot;');
}
