/**
 * The Show Diagram webview's page: the model's SVG (made by the language server, as
 * `rnn-lens diagram` makes it), the errors that leave it partial, and a Save as SVG button. A
 * strict Content-Security-Policy: nothing is loaded, the one script and the one style run by
 * their nonce. Stable ids and labels, for screen readers and for the end-to-end tests. Pure.
 */
import type { ThemeName } from '../../../language/src/index.js';

/** What the page shows: the diagram, or a message saying why there is none. */
export interface DiagramView {
    readonly model: string;
    /** How the .rnn document is named to the user (its workspace-relative path). */
    readonly documentLabel: string;
    readonly svg?: string;
    readonly message?: string;
    readonly errors: readonly string[];
}

/** What the page's script receives when the diagram changes (an edit, the colour theme). */
export interface DiagramUpdate extends DiagramView { readonly type: 'update'; readonly label: string }

/** What the page's script sends: the Save as SVG button was pressed. */
export interface DiagramSaveRequest { readonly type: 'save' }

/** VS Code's ColorThemeKind (1 Light, 2 Dark, 3 HighContrast, 4 HighContrastLight) → the diagram's theme. */
export function themeOfColorKind(kind: number): ThemeName {
    return kind === 2 || kind === 3 ? 'dark' : 'light';
}

/** The file name the save dialog proposes: the model's name, kept to characters every file system takes. */
export function diagramFileName(model: string): string {
    return `${model.replace(/[^\w.-]+/g, '_') || 'model'}.svg`;
}

/** A nonce for the CSP: 128 random bits. */
export function newNonce(): string {
    const bytes = crypto.getRandomValues(new Uint8Array(16));
    return Array.from(bytes, b => b.toString(16).padStart(2, '0')).join('');
}

function escapeHtml(text: string): string {
    return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function diagramLabel(view: Pick<DiagramView, 'model' | 'documentLabel'>): string {
    return `Diagram of model ${view.model} in ${view.documentLabel}`;
}

function errorsHtml(errors: readonly string[]): string {
    return errors.map(e => `<li>${escapeHtml(e)}</li>`).join('');
}

/**
 * The page. The SVG is the server's own (every text in it escaped by svg.ts); it is put in as
 * markup so that it shows without the script, which only sends Save and takes updates.
 */
export function diagramHtml(view: DiagramView, nonce: string): string {
    const body = view.svg ?? `<p id="diagram-message">${escapeHtml(view.message ?? 'No diagram.')}</p>`;
    return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src data:; style-src 'nonce-${nonce}'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>${escapeHtml(view.model)} diagram</title>
<style nonce="${nonce}">
body { padding: 8px 16px; color: var(--vscode-foreground); background: var(--vscode-editor-background); font-family: var(--vscode-font-family); }
#diagram-toolbar { display: flex; gap: 12px; align-items: center; margin-bottom: 8px; }
#save-svg { color: var(--vscode-button-foreground); background: var(--vscode-button-background); border: 1px solid var(--vscode-button-border, transparent); padding: 4px 12px; cursor: pointer; }
#save-svg:hover { background: var(--vscode-button-hoverBackground); }
#diagram-errors { color: var(--vscode-errorForeground); }
#diagram-errors:empty { display: none; }
#diagram svg { max-width: 100%; height: auto; }
</style>
</head>
<body>
<main id="rnn-lens-diagram" aria-label="${escapeHtml(diagramLabel(view))}">
<div id="diagram-toolbar">
<button id="save-svg" type="button" aria-label="Save the diagram as an SVG file">Save as SVG</button>
<span id="diagram-source">${escapeHtml(view.documentLabel)}</span>
</div>
<ul id="diagram-errors" aria-label="Errors in the model">${errorsHtml(view.errors)}</ul>
<div id="diagram" role="img" aria-label="${escapeHtml(diagramLabel(view))}">${body}</div>
</main>
<script nonce="${nonce}">
${DIAGRAM_SCRIPT}
</script>
</body>
</html>
`;
}

/** Sends Save; replaces the diagram, its label and the errors on an update (parsed as SVG, never as HTML). */
const DIAGRAM_SCRIPT = `(function () {
    const vscode = acquireVsCodeApi();
    const diagram = document.getElementById('diagram');
    const errors = document.getElementById('diagram-errors');
    document.getElementById('save-svg').addEventListener('click', function () { vscode.postMessage({ type: 'save' }); });
    window.addEventListener('message', function (event) {
        const view = event.data;
        if (!view || view.type !== 'update') return;
        const label = view.label;
        diagram.setAttribute('aria-label', label);
        document.getElementById('rnn-lens-diagram').setAttribute('aria-label', label);
        document.getElementById('diagram-source').textContent = view.documentLabel;
        if (typeof view.svg === 'string') {
            const parsed = new DOMParser().parseFromString(view.svg, 'image/svg+xml');
            if (parsed.getElementsByTagName('parsererror').length === 0) diagram.replaceChildren(document.importNode(parsed.documentElement, true));
        } else {
            const message = document.createElement('p');
            message.id = 'diagram-message';
            message.textContent = view.message || 'No diagram.';
            diagram.replaceChildren(message);
        }
        errors.replaceChildren.apply(errors, (view.errors || []).map(function (text) {
            const item = document.createElement('li');
            item.textContent = text;
            return item;
        }));
    });
}());`;
