/**
 * One training panel: the webview beside the editor (webview/src/panel is its page), the model it
 * is for, and the host's side of the conversation. It posts the model (and again, debounced,
 * whenever the .rnn file or its diagnostics change), the diagram in the theme's kind, and
 * `train`/`stop`; it answers the page's messages, each checked by the protocol first
 * (panel-message-router.ts); and it keeps a status-bar item with the epoch while it is hidden.
 * Only vscode APIs: the same code runs in desktop VS Code and VS Code for the Web.
 */
import * as vscode from 'vscode';
import { createNonce, panelHtml, isActiveStatus, parseHostMessage, type HostMessage } from '../../../webview/src/index.js';
import type { ThemeName } from '../../../language/src/index.js';
import type { DiagramResult, NoSuchModel } from '../../../language/src/lsp.js';
import { COMMANDS } from '../common/command-ids.js';
import { themeOfColorKind } from '../explain/diagram-html.js';
import { documentErrors } from './diagnostics.js';
import { diagramMessage, type DiagramMessage } from './diagram-message.js';
import { modelMessage, trainOptions, type ModelDescriptionResult, type ModelUpdate } from './model-messages.js';
import { readWorkspaceDataFile, revealRange, saveDiagramSvg, saveModelFiles } from './panel-file-actions.js';
import { PANEL_LOG_PREFIX, SHOW_TRAINING_PANEL_COMMAND } from './panel-ids.js';
import { routePanelMessage, type LogLevel, type PanelMessageHandlers } from './panel-message-router.js';
import { sameTarget, type PanelTarget } from './panel-target.js';
import { progressStatus, type ProgressMessage } from './progress-status.js';

export interface TrainingPanelServices {
    readonly extensionUri: vscode.Uri;
    readonly log: vscode.LogOutputChannel;
    /** `rnnLens/modelDescription` for the target. */
    describe(target: PanelTarget): Promise<ModelDescriptionResult>;
    /** `rnnLens/diagram` for the target, in `theme`. */
    diagram(target: PanelTarget, theme: ThemeName): Promise<DiagramResult | NoSuchModel>;
}

/** How long after the last keystroke (or diagnostics update) the model is described again. */
const REFRESH_DELAY_MS = 400;

/** The panel's webview: scripts on (the page and its training worker), and only the bundles' folder to load from. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
    return { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'out', 'webview')] };
}

export const panelTitle = (target: PanelTarget) => `Train ${target.model}`;

export class TrainingPanel implements vscode.Disposable {
    private target: PanelTarget;
    /** The page has said `ready` (after it loaded, or reloaded): messages sent now are heard. */
    private ready = false;
    /** Post `train` after the next model is posted. */
    private trainWanted = false;
    private model: ModelUpdate | undefined;
    private diagram: DiagramMessage | undefined;
    private progress: ProgressMessage | undefined;
    private endedUnseen = false;
    private refreshes = 0;
    private drawings = 0;
    private refreshTimer: ReturnType<typeof setTimeout> | undefined;
    private disposed = false;
    private idleWaiters: Array<() => void> = [];
    private readonly statusItem: vscode.StatusBarItem;
    private readonly disposables: vscode.Disposable[] = [];
    private readonly disposeEmitter = new vscode.EventEmitter<void>();
    readonly onDidDispose = this.disposeEmitter.event;

    constructor(readonly panel: vscode.WebviewPanel, target: PanelTarget, private readonly services: TrainingPanelServices) {
        this.target = target;
        const webview = panel.webview;
        webview.options = webviewOptions(services.extensionUri);
        const root = vscode.Uri.joinPath(services.extensionUri, 'out', 'webview');
        const resource = (name: string) => webview.asWebviewUri(vscode.Uri.joinPath(root, name)).toString();
        webview.html = panelHtml({
            cspSource: webview.cspSource, nonce: createNonce(), title: panelTitle(target),
            scriptUri: resource('panel.js'), styleUri: resource('panel.css'), workerUri: resource('train-worker.js'),
            wasmFolderUri: webview.asWebviewUri(root).toString()
        });
        panel.title = panelTitle(target);
        panel.iconPath = vscode.Uri.joinPath(services.extensionUri, 'images', 'rnn-file.svg');
        this.statusItem = vscode.window.createStatusBarItem('rnnLens.training', vscode.StatusBarAlignment.Left, 0);
        this.statusItem.name = 'RNN Lens Training';
        this.statusItem.command = SHOW_TRAINING_PANEL_COMMAND;
        const handlers = this.handlers();
        this.disposables.push(
            this.statusItem, this.disposeEmitter,
            webview.onDidReceiveMessage(data => void routePanelMessage(data, handlers, (level, event) => this.event(level, event))),
            panel.onDidChangeViewState(() => {
                if (panel.visible) this.endedUnseen = false;
                this.updateStatus();
            }),
            vscode.workspace.onDidChangeTextDocument(event => {
                if (event.contentChanges.length > 0 && event.document.uri.toString() === this.target.uri) this.scheduleRefresh();
            }),
            // Diagnostics arrive after the analysis: the diagram's marks and the errors of a model that is gone follow them.
            vscode.languages.onDidChangeDiagnostics(event => {
                if (event.uris.some(uri => uri.toString() === this.target.uri)) this.scheduleRefresh();
            }),
            vscode.window.onDidChangeActiveColorTheme(() => void this.postDiagram()),
            panel.onDidDispose(() => this.dispose())
        );
    }

    get current(): PanelTarget {
        return this.target;
    }

    get runStatus(): ProgressMessage['status'] | undefined {
        return this.progress?.status;
    }

    /** Shows the panel for `target` (another model than before: the page is told), and trains it when `train`. `reveal`: false on a restore, where VS Code places it. */
    async show(target: PanelTarget, train: boolean, reveal = true): Promise<void> {
        if (!sameTarget(this.target, target)) {
            this.event('info', `switched from ${this.target.model} to ${target.model}`);
            this.target = target;
            this.panel.title = panelTitle(target);
            this.model = undefined;
            this.diagram = undefined;
        }
        if (reveal) this.panel.reveal(undefined, true);
        if (train) this.trainWanted = true;
        await this.refresh();
    }

    reveal(): void {
        this.panel.reveal(undefined, false);
    }

    /** Asks the page to stop its run; false when none is running. */
    stop(): boolean {
        if (!isActiveStatus(this.progress?.status)) return false;
        this.event('info', `stop requested for ${this.progress?.model}`);
        this.post({ type: 'stop' });
        return true;
    }

    /** Resolves true once the page reports its run over (stopped, done, failed), false after `timeoutMs`. */
    waitUntilIdle(timeoutMs: number): Promise<boolean> {
        if (!isActiveStatus(this.progress?.status)) return Promise.resolve(true);
        return new Promise(resolve => {
            const timer = setTimeout(() => resolve(false), timeoutMs);
            this.idleWaiters.push(() => { clearTimeout(timer); resolve(true); });
        });
    }

    dispose(): void {
        if (this.disposed) return;
        this.disposed = true;
        this.event('info', 'closed');
        clearTimeout(this.refreshTimer);
        this.idleWaiters.splice(0).forEach(resolve => resolve());
        this.disposeEmitter.fire();
        this.panel.dispose();
        for (const disposable of this.disposables.splice(0)) disposable.dispose();
    }

    private handlers(): PanelMessageHandlers {
        return {
            ready: () => {
                this.ready = true;
                // A new page (opened, reloaded, restored) has only its saved state: send everything again.
                this.model = undefined;
                this.diagram = undefined;
                this.event('info', `page ready (${this.target.model})`);
                return this.refresh();
            },
            readData: async message => {
                const answer = await readWorkspaceDataFile(this.target.uri, message.path);
                this.event(answer.type === 'dataFile' ? 'info' : 'warn', answer.type === 'dataFile' ? `sent data file ${message.path} (${answer.text.length} characters)` : `data file refused: ${answer.message}`);
                this.post(answer);
            },
            progress: message => this.onProgress(message),
            reveal: message => {
                // The page may only show its own model's document, not open any file it names.
                if (message.uri !== this.target.uri) return this.event('warn', `refused to reveal ${message.uri}: not the panel's document`);
                this.event('info', `reveal line ${message.range.start.line + 1}`);
                return revealRange(message.uri, message.range);
            },
            saveModel: async message => {
                const result = await saveModelFiles(this.target.uri, message);
                if (!result) return this.event('info', 'save model cancelled');
                this.event(result.ok ? 'info' : 'warn', `save model: ${result.message}`);
                this.post(result);
            },
            log: message => this.event(message.level, `page: ${message.message}`),
            saveDiagram: async message => {
                const diagram = this.diagram;
                if (!diagram || diagram.model !== message.model) return this.event('warn', `no diagram of ${message.model} to save`);
                const path = await saveDiagramSvg(this.target.uri, diagram.model, diagram.svg);
                if (!path) return this.event('info', 'save SVG cancelled');
                this.event('info', `saved diagram of ${diagram.model} to ${path}`);
                void vscode.window.showInformationMessage(`RNN Lens: saved the diagram of ${diagram.model} to ${path}.`);
            },
            exportKeras: async message => {
                if (message.model !== this.target.model) return this.event('warn', `export refused: the panel is on ${this.target.model}, not ${message.model}`);
                this.event('info', `export to Keras: ${message.model}`);
                await vscode.commands.executeCommand(COMMANDS.exportKeras, this.target.uri, this.target.model);
            }
        };
    }

    private onProgress(message: ProgressMessage): void {
        const previous = this.progress;
        this.progress = message;
        const ended = !isActiveStatus(message.status);
        if (ended && !this.panel.visible && isActiveStatus(previous?.status)) this.endedUnseen = true;
        if (previous?.status !== message.status || previous?.epoch !== message.epoch || previous?.model !== message.model) {
            this.event('info', `${message.model} ${message.status}, epoch ${message.epoch ?? 0}/${message.epochs ?? '?'}`);
        }
        if (ended) this.idleWaiters.splice(0).forEach(resolve => resolve());
        this.updateStatus();
    }

    private scheduleRefresh(): void {
        clearTimeout(this.refreshTimer);
        this.refreshTimer = setTimeout(() => void this.refresh(), REFRESH_DELAY_MS);
    }

    /** Describes the model again and posts it, then `train` if one is wanted, then the diagram. The latest call wins. */
    private async refresh(): Promise<void> {
        if (!this.ready || this.disposed) return;
        clearTimeout(this.refreshTimer);
        const id = ++this.refreshes;
        const target = this.target;
        let answer: ModelDescriptionResult | Error;
        try {
            answer = await this.services.describe(target);
        } catch (error) {
            answer = error instanceof Error ? error : new Error(String(error));
        }
        if (id !== this.refreshes || this.disposed) return;
        const update = modelMessage(target, answer, documentErrors(vscode.languages.getDiagnostics(vscode.Uri.parse(target.uri))));
        const changed = JSON.stringify(update) !== JSON.stringify(this.model);
        this.model = update;
        if (changed) {
            this.post(update);
            this.event(update.type === 'model' ? 'info' : 'warn', update.type === 'model'
                ? `model ${target.model}: ${update.trainable ? 'trainable' : `not trainable (${update.errors.length} error${update.errors.length === 1 ? '' : 's'})`}`
                : `model ${target.model} unavailable: ${update.message}`);
        }
        if (this.trainWanted) {
            this.trainWanted = false;
            const settings = vscode.workspace.getConfiguration('rnnLens.training');
            const options = trainOptions(update, { backend: settings.get('backend'), defaultEpochs: settings.get('defaultEpochs') });
            this.event('info', `train ${target.model}${options.backend ? ` on ${options.backend}` : ''}${options.epochs ? `, ${options.epochs} epochs (the default setting)` : ''}`);
            this.post({ type: 'train', options });
        }
        await this.postDiagram();
    }

    /** Asks the server for the diagram in the theme's kind and posts it when it changed. The latest call wins. */
    private async postDiagram(): Promise<void> {
        if (this.model?.type !== 'model' || this.disposed) return;
        const id = ++this.drawings;
        const target = this.target;
        const theme = themeOfColorKind(vscode.window.activeColorTheme.kind);
        let answer: DiagramResult | NoSuchModel | Error;
        try {
            answer = await this.services.diagram(target, theme);
        } catch (error) {
            answer = error instanceof Error ? error : new Error(String(error));
        }
        if (id !== this.drawings || this.disposed || !sameTarget(target, this.target)) return;
        const drawn = diagramMessage(target.model, theme, answer);
        if (!drawn.ok) return this.event('warn', `no diagram: ${drawn.reason}`);
        if (drawn.message.svg === this.diagram?.svg) return;
        this.diagram = drawn.message;
        this.post(drawn.message);
        this.event('info', `diagram of ${target.model} (${theme})`);
    }

    private updateStatus(): void {
        const status = progressStatus(this.progress, this.panel.visible, this.endedUnseen);
        if (!status) return this.statusItem.hide();
        this.statusItem.text = status.text;
        this.statusItem.tooltip = status.tooltip;
        this.statusItem.show();
    }

    /** Every message to the page is checked against the protocol first: a bug here shows in the log, not as a silent drop there. */
    private post(message: HostMessage): void {
        if (this.disposed) return;
        const checked = parseHostMessage(message);
        if (!checked.ok) return this.event('error', `not sent: ${checked.reason}`);
        void this.panel.webview.postMessage(message);
    }

    private event(level: LogLevel, text: string): void {
        const line = `${PANEL_LOG_PREFIX} ${text}`;
        if (level === 'error') this.services.log.error(line);
        else if (level === 'warn') this.services.log.warn(line);
        else this.services.log.info(line);
    }
}
