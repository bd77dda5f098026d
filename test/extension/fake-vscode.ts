/**
 * The part of VS Code's extension API that the training panel's host code calls
 * (client/src/panel/), for a test that connects that code to the real panel page (chromium) and
 * the real language server without VS Code: Uri is vscode-uri's (VS Code's own), the file system
 * is Node's, events are real emitters, and the dialogs, editors and commands record what they
 * were asked and answer what the test set. The e2e suite in code-server runs the same code in VS
 * Code itself.
 */
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { URI, Utils } from 'vscode-uri';

type Listener<T> = (value: T) => unknown;

export class EventEmitter<T> {
    private listeners: Array<Listener<T>> = [];
    readonly event = (listener: Listener<T>) => {
        this.listeners.push(listener);
        return { dispose: () => { this.listeners = this.listeners.filter(l => l !== listener); } };
    };
    fire(value: T): void {
        for (const listener of [...this.listeners]) listener(value);
    }
    dispose(): void {
        this.listeners = [];
    }
}

export const Uri = { parse: (value: string) => URI.parse(value), file: (path: string) => URI.file(path), joinPath: (uri: URI, ...parts: string[]) => Utils.joinPath(uri, ...parts) };
export const StatusBarAlignment = { Left: 1, Right: 2 };
export const ViewColumn = { Active: -1, Beside: -2, One: 1, Two: 2 };
export const FileType = { Unknown: 0, File: 1, Directory: 2, SymbolicLink: 64 };
export const TextEditorRevealType = { Default: 0, InCenter: 1, InCenterIfOutsideViewport: 2, AtTop: 3 };
export class Range {
    constructor(readonly startLine: number, readonly startCharacter: number, readonly endLine: number, readonly endCharacter: number) {}
}

export interface FakeStatusBarItem { text: string; tooltip?: string; name?: string; command?: unknown; shown: boolean; show(): void; hide(): void; dispose(): void }

/** What the test sets, and what the fake recorded. */
export const fake = {
    colorThemeKind: 2,
    settings: {} as Record<string, unknown>,
    workspaceFolders: [] as string[],
    diagnostics: new Map<string, unknown[]>(),
    /** The answers of the next save dialogs, in order (undefined: cancelled). */
    saveDialogAnswers: [] as Array<URI | undefined>,
    warningAnswers: [] as Array<string | undefined>,
    warnings: [] as string[],
    infos: [] as string[],
    executed: [] as unknown[][],
    shown: [] as Array<{ uri: string; selection: Range }>,
    statusItems: [] as FakeStatusBarItem[],
    commands: new Map<string, (...args: unknown[]) => unknown>(),
    serializers: new Map<string, { deserializeWebviewPanel(panel: unknown, state: unknown): Promise<void> }>(),
    createdPanels: [] as unknown[],
    /** createWebviewPanel's answer: the test makes the panel (connected to its page). */
    createPanel: undefined as undefined | ((viewType: string, title: string, options: unknown) => unknown),
    themeChanged: new EventEmitter<unknown>(),
    documentChanged: new EventEmitter<{ document: { uri: URI }; contentChanges: unknown[] }>(),
    diagnosticsChanged: new EventEmitter<{ uris: URI[] }>()
};

export const window = {
    get activeColorTheme() { return { kind: fake.colorThemeKind }; },
    onDidChangeActiveColorTheme: fake.themeChanged.event,
    activeTextEditor: undefined,
    visibleTextEditors: [] as unknown[],
    createStatusBarItem(): FakeStatusBarItem {
        const item: FakeStatusBarItem = { text: '', shown: false, show() { item.shown = true; }, hide() { item.shown = false; }, dispose() { item.shown = false; } };
        fake.statusItems.push(item);
        return item;
    },
    createWebviewPanel(viewType: string, title: string, _column: unknown, options: unknown) {
        const panel = fake.createPanel!(viewType, title, options);
        fake.createdPanels.push(panel);
        return panel;
    },
    registerWebviewPanelSerializer(viewType: string, serializer: { deserializeWebviewPanel(panel: unknown, state: unknown): Promise<void> }) {
        fake.serializers.set(viewType, serializer);
        return { dispose: () => fake.serializers.delete(viewType) };
    },
    async showSaveDialog() { return fake.saveDialogAnswers.shift(); },
    async showWarningMessage(message: string) { fake.warnings.push(message); return fake.warningAnswers.shift(); },
    async showInformationMessage(message: string) { fake.infos.push(message); return undefined; },
    async showErrorMessage(message: string) { fake.warnings.push(message); return undefined; },
    async showTextDocument(document: { uri: URI }, options: { selection: Range }) {
        fake.shown.push({ uri: document.uri.toString(), selection: options.selection });
        return { revealRange() {} };
    },
    async showQuickPick() { return undefined; }
};

export const workspace = {
    get workspaceFolders() { return fake.workspaceFolders.map(folder => ({ uri: URI.parse(folder) })); },
    getConfiguration: () => ({ get: (key: string) => fake.settings[key] }),
    asRelativePath: (uri: URI) => uri.fsPath,
    onDidChangeTextDocument: fake.documentChanged.event,
    async openTextDocument(uri: URI) { return { uri }; },
    fs: {
        async readFile(uri: URI) {
            try {
                return new Uint8Array(await readFile(uri.fsPath));
            } catch (error) {
                const code = (error as NodeJS.ErrnoException).code;
                throw Object.assign(new Error(String(error)), { code: code === 'ENOENT' ? 'FileNotFound' : code === 'EISDIR' ? 'FileIsADirectory' : 'Unknown' });
            }
        },
        async stat(uri: URI) {
            const stats = await stat(uri.fsPath);
            return { type: stats.isDirectory() ? FileType.Directory : FileType.File };
        },
        async createDirectory(uri: URI) { await mkdir(uri.fsPath, { recursive: true }); },
        async writeFile(uri: URI, bytes: Uint8Array) { await writeFile(uri.fsPath, bytes); }
    }
};

export const languages = {
    getDiagnostics: (uri: URI) => fake.diagnostics.get(uri.toString()) ?? [],
    onDidChangeDiagnostics: fake.diagnosticsChanged.event
};

export const commands = {
    registerCommand(id: string, handler: (...args: unknown[]) => unknown) {
        fake.commands.set(id, handler);
        return { dispose: () => fake.commands.delete(id) };
    },
    async executeCommand(...args: unknown[]) { fake.executed.push(args); return undefined; }
};
