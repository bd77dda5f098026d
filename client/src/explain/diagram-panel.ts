/**
 * Show Diagram's webview panels, one per model: the SVG of rnnLens/diagram in the colour theme's
 * kind (light or dark), made again after each edit of the .rnn document and on a theme change,
 * and a Save as SVG button (a save dialog, then vscode.workspace.fs: also on the web).
 */
import * as vscode from 'vscode';
import type { ThemeName } from '../../../language/src/index.js';
import type { DiagramResult, NoSuchModel } from '../../../language/src/lsp.js';
import { COMMANDS } from '../common/command-ids.js';
import { commandLogLine, errorText } from '../common/command-log.js';
import type { ModelOutlines } from '../common/model-outlines.js';
import type { SummarySource } from '../common/summary-source.js';
import { diagramFileName, diagramHtml, diagramLabel, newNonce, themeOfColorKind, type DiagramSaveRequest, type DiagramUpdate, type DiagramView } from './diagram-html.js';

/** The webview panels' type: one kind of panel, whatever the model. */
export const DIAGRAM_VIEW_TYPE = 'rnnLens.diagram';

type DiagramOf = (source: SummarySource, theme: ThemeName) => Promise<DiagramResult | NoSuchModel>;

function currentTheme(): ThemeName {
    return themeOfColorKind(vscode.window.activeColorTheme.kind);
}

class DiagramPanel {
    readonly panel: vscode.WebviewPanel;
    private view: DiagramView;
    /** The view the page's HTML holds: a hidden page is made again from its HTML when shown, so it must not be older than the view. */
    private viewInHtml: DiagramView;
    private generation = 0;
    /** Hidden since its HTML was last set: the page is discarded then, and made again from its HTML when shown. */
    private hidden = false;
    private disposed = false;

    constructor(readonly source: SummarySource, column: vscode.ViewColumn, private readonly diagramOf: DiagramOf, private readonly log: vscode.LogOutputChannel) {
        this.view = { model: source.model, documentLabel: documentLabel(source), message: 'Drawing the diagram…', errors: [] };
        this.panel = vscode.window.createWebviewPanel(DIAGRAM_VIEW_TYPE, `${source.model} diagram`, { viewColumn: column, preserveFocus: true }, {
            enableScripts: true,
            // Nothing is loaded from anywhere: the SVG is in the page.
            localResourceRoots: []
        });
        this.viewInHtml = this.view;
        this.panel.webview.html = diagramHtml(this.view, newNonce());
        this.panel.webview.onDidReceiveMessage((message: DiagramSaveRequest) => {
            if (message?.type === 'save') void this.save();
        });
        this.panel.onDidChangeViewState(() => {
            if (!this.panel.visible) this.hidden = true;
            else if (this.hidden && this.viewInHtml !== this.view) this.setHtml();
            else this.hidden = false;
        });
        this.panel.onDidDispose(() => { this.disposed = true; });
    }

    /** Asks the server again; an older answer arriving after a newer one is dropped. */
    async refresh(): Promise<void> {
        const generation = ++this.generation;
        const theme = currentTheme();
        let view: DiagramView;
        try {
            const result = await this.diagramOf(this.source, theme);
            view = 'svg' in result
                ? { model: this.source.model, documentLabel: documentLabel(this.source), svg: result.svg, errors: result.errors }
                : { model: this.source.model, documentLabel: documentLabel(this.source), message: result.error, errors: [] };
        } catch (error) {
            view = { model: this.source.model, documentLabel: documentLabel(this.source), message: `The language server gave no diagram: ${errorText(error)}`, errors: [] };
        }
        if (generation !== this.generation || this.disposed) return;
        this.view = view;
        if (!this.panel.visible) {
            this.hidden = true;
        } else if (generation === 1 || this.hidden) {
            // The page was just made and may not listen yet: the first diagram goes in its HTML.
            this.setHtml();
        } else {
            // The page takes the update in place (no reload, the scroll position kept), and a page
            // made again from the HTML (hidden, then shown) gets this view (onDidChangeViewState).
            const update: DiagramUpdate = { type: 'update', label: diagramLabel(view), ...view };
            void this.panel.webview.postMessage(update);
        }
        this.log.info(commandLogLine(COMMANDS.showDiagram, view.svg !== undefined
            ? `drew ${this.source.model} (${theme}, ${view.errors.length} error(s)) for ${this.source.document}`
            : `no diagram of ${this.source.model}: ${view.message}`));
    }

    private setHtml(): void {
        this.hidden = false;
        this.viewInHtml = this.view;
        this.panel.webview.html = diagramHtml(this.view, newNonce());
    }

    private async save(): Promise<void> {
        const svg = this.view.svg;
        if (svg === undefined) {
            void vscode.window.showInformationMessage(`RNN Lens: there is no diagram of ${this.source.model} to save.`);
            return;
        }
        const target = await vscode.window.showSaveDialog({
            defaultUri: defaultSaveUri(this.source),
            filters: { 'SVG image': ['svg'] },
            saveLabel: 'Save Diagram',
            title: `Save the diagram of ${this.source.model} as SVG`
        });
        if (!target) return;
        try {
            await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
            this.log.info(commandLogLine(COMMANDS.showDiagram, `saved the diagram of ${this.source.model} to ${target.toString()}`));
            void vscode.window.showInformationMessage(`RNN Lens: saved the diagram of ${this.source.model} to ${vscode.workspace.asRelativePath(target)}.`);
        } catch (error) {
            this.log.error(commandLogLine(COMMANDS.showDiagram, `could not save to ${target.toString()}: ${errorText(error)}`));
            void vscode.window.showErrorMessage(`RNN Lens: could not save the diagram: ${errorText(error)}`);
        }
    }
}

function documentLabel(source: SummarySource): string {
    return vscode.workspace.asRelativePath(vscode.Uri.parse(source.document));
}

/** Beside the .rnn file when it is a file; else in the first workspace folder. */
function defaultSaveUri(source: SummarySource): vscode.Uri | undefined {
    const name = diagramFileName(source.model);
    const document = vscode.Uri.parse(source.document);
    if (document.scheme !== 'untitled') return vscode.Uri.joinPath(document, '..', name);
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? vscode.Uri.joinPath(folder.uri, name) : undefined;
}

export class DiagramPanels implements vscode.Disposable {
    private readonly panels = new Map<string, DiagramPanel>();
    private readonly subscriptions: vscode.Disposable[];

    constructor(private readonly diagramOf: DiagramOf, outlines: ModelOutlines, private readonly log: vscode.LogOutputChannel) {
        this.subscriptions = [
            // The .rnn document was edited (and the server has the new text): its diagrams follow.
            outlines.onDidChange(uri => {
                for (const p of this.panels.values()) if (p.source.document === uri.toString()) void p.refresh();
            }),
            vscode.window.onDidChangeActiveColorTheme(() => {
                for (const p of this.panels.values()) void p.refresh();
            })
        ];
    }

    async show(source: SummarySource, column: vscode.ViewColumn): Promise<void> {
        const key = JSON.stringify([source.document, source.model]);
        const open = this.panels.get(key);
        if (open) {
            open.panel.reveal(undefined, true);
            await open.refresh();
            return;
        }
        const created = new DiagramPanel(source, column, this.diagramOf, this.log);
        this.panels.set(key, created);
        created.panel.onDidDispose(() => this.panels.delete(key));
        await created.refresh();
    }

    dispose(): void {
        for (const p of this.panels.values()) p.panel.dispose();
        for (const s of this.subscriptions) s.dispose();
    }
}
