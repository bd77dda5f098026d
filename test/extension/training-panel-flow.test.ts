/**
 * The training panel's host code (client/src/panel/, through its registered commands) connected
 * to the real panel page in chromium (test/webview/panel-harness.ts) and the real language server
 * (`rnn-lens lsp --stdio`), with VS Code's API played by fake-vscode.ts: ▶ Train opens the panel,
 * which gets its model and trains it on the workspace's data file; the diagram follows the
 * theme; Save model, Save SVG and Export to Keras do what they say; an edit that breaks the model
 * shows its errors as links; a Train on another model while one trains asks, stops it and trains
 * the other; the status-bar item shows the epoch while the panel is hidden; a path outside the
 * workspace is refused; a malformed message from the page is dropped and logged; and the panel
 * comes back from its saved state after a restart. The e2e suite does the same in VS Code.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { URI } from 'vscode-uri';
import { THEMES } from '../../language/src/diagram/theme.js';
import { ensureBuilt, ROOT } from '../helpers/ensure-built.js';
import { LspClient } from '../helpers/lsp-client.js';
import { postToPanel, standIn, startHarness, text, waitForStatus, waitForText, type PanelHarness } from '../webview/panel-harness.js';
import * as fakeVscode from './fake-vscode.js';

vi.mock('vscode', () => import('./fake-vscode.js'));

const { fake, EventEmitter } = fakeVscode;
const { registerTrainingPanel } = await import('../../client/src/panel/register-training-panel.js');
const { TRAINING_PANEL_VIEW_TYPE } = await import('../../client/src/panel/panel-ids.js');

const uri = pathToFileURL(join(ROOT, 'examples', 'panel-flow.rnn')).href;
const GOOD = `let lookback = 14
let n_features = 4

model Small {
    Input(shape=(lookback, n_features))
    LSTM(8)
    Dense(1)
    compile(optimizer="adam", loss="mse", metrics=["mae"])
    fit(batch_size=64)
    data("data/seattle-weather.csv", features=["precipitation", "temp_max", "temp_min", "wind"], target="temp_max",
         lookback=lookback, horizon=1, scale="minmax", split=(0.7, 0.15, 0.15))
}

model Other {
    Input(shape=(10, 2))
    GRU(4)
    Dense(1)
    compile(optimizer="adam", loss="mse")
    fit(epochs=2, batch_size=32)
}

model Outside {
    Input(shape=(lookback, n_features))
    LSTM(4)
    Dense(1)
    compile(optimizer="adam", loss="mse")
    data("../../secret.csv", features=["a", "b", "c", "d"], target="a", lookback=lookback)
}
`;
const BROKEN = GOOD.replace('LSTM(8)', 'LSTM(units=-8)');

/** A WebviewPanel whose webview is the harness's page: messages cross as VS Code carries them (JSON). */
class PagePanel {
    visible = true;
    title = '';
    iconPath: unknown;
    readonly sent: Array<{ type: string }> = [];
    private readonly received = new EventEmitter<unknown>();
    private readonly viewState = new EventEmitter<unknown>();
    private readonly disposed = new EventEmitter<void>();
    private seen = 0;
    private polling = false;
    private timer: ReturnType<typeof setInterval> | undefined;
    readonly webview = {
        options: {} as { enableScripts?: boolean; localResourceRoots?: URI[] },
        html: '',
        cspSource: harness.origin,
        asWebviewUri: (resource: URI) => URI.parse(`${harness.origin}/webview/${resource.path.endsWith('/webview') ? '' : basename(resource.path)}`),
        postMessage: async (message: { type: string }) => {
            this.sent.push(message);
            await postToPanel(this.page, JSON.parse(JSON.stringify(message)));
            return true;
        },
        // What the page posts (the harness's acquireVsCodeApi records it) goes to the host from its first listener on,
        // as VS Code's page only loads once the host has set its HTML and listens.
        onDidReceiveMessage: (listener: (message: unknown) => unknown) => {
            this.timer ??= setInterval(() => void this.poll(), 25);
            return this.received.event(listener);
        }
    };
    readonly onDidChangeViewState = this.viewState.event;
    readonly onDidDispose = this.disposed.event;

    constructor(readonly page: Page) {}

    private async poll(): Promise<void> {
        if (this.polling) return;
        this.polling = true;
        try {
            const messages = await this.page.evaluate(n => (window as unknown as { __host: { posted: unknown[] } }).__host.posted.slice(n), this.seen);
            this.seen += messages.length;
            for (const message of messages) this.received.fire(message);
        } catch { /* the page closed */ } finally {
            this.polling = false;
        }
    }

    setVisible(visible: boolean): void {
        this.visible = visible;
        this.viewState.fire({ webviewPanel: this });
    }

    reveal(): void { this.setVisible(true); }

    dispose(): void {
        clearInterval(this.timer);
        this.disposed.fire();
    }
}

declare const window: unknown;
declare const document: { querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null }> };

let harness: PanelHarness;
let server: LspClient;
let log: string[] = [];
let panels: PagePanel[] = [];
const tmp = mkdtempSync(join(tmpdir(), 'rnn-lens-flow-'));

/** Sends the server the document's new text and gives VS Code's side its diagnostics, as the language client does. */
async function setText(textOf: string, version: number): Promise<void> {
    const published = server.waitFor('textDocument/publishDiagnostics', p => p.uri === uri, 20_000);
    if (version === 1) server.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'rnn', version, text: textOf } });
    else server.notify('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text: textOf }] });
    const diagnostics = (await published).diagnostics as Array<{ severity: number }>;
    fake.diagnostics.set(uri, diagnostics.map(d => ({ ...d, severity: d.severity - 1 })));
    fake.documentChanged.fire({ document: { uri: URI.parse(uri) }, contentChanges: [{}] });
    fake.diagnosticsChanged.fire({ uris: [URI.parse(uri)] });
}

const logged = (pattern: RegExp) => log.some(line => pattern.test(line));
async function waitForLog(pattern: RegExp, timeout = 30_000): Promise<void> {
    const until = Date.now() + timeout;
    while (!logged(pattern)) {
        if (Date.now() > until) throw new Error(`no log line matching ${pattern}; got:\n${log.join('\n')}`);
        await new Promise(resolve => setTimeout(resolve, 25));
    }
}
const train = (...args: unknown[]) => fake.commands.get('rnnLens.train')!(...args) as Promise<void>;
const background = (page: Page) => page.evaluate(() => document.querySelectorAll('#diagram-svg svg rect.background')[0]?.getAttribute('fill'));

beforeAll(async () => {
    ensureBuilt();
    harness = await startHarness();
    server = new LspClient();
    await server.initialize();
    await setText(GOOD, 1);
    fake.workspaceFolders = [pathToFileURL(join(ROOT, 'examples')).href];
    fake.settings = { backend: 'wasm', defaultEpochs: 2 };
    fake.createPanel = () => {
        const panel = new PagePanel(pageForNextPanel!);
        panels.push(panel);
        return panel;
    };
    const channel = {
        info: (line: string) => log.push(`info ${line}`), warn: (line: string) => log.push(`warn ${line}`), error: (line: string) => log.push(`error ${line}`)
    };
    const client = { sendRequest: (method: string, params: unknown) => server.request(method, params, 20_000) };
    const context = { extensionUri: URI.file(ROOT), subscriptions: [] };
    registerTrainingPanel(context as never, client as never, {} as never, channel as never);
}, 60_000);

afterAll(async () => {
    for (const panel of panels) panel.dispose();
    await server?.shutdown();
    await harness?.close();
    rmSync(tmp, { recursive: true, force: true });
});

let pageForNextPanel: Page | undefined;

describe('the training panel, host and page together', () => {
    it('opens on ▶ Train, gets its model, reads the data file from the workspace and trains it with the default epochs', async () => {
        pageForNextPanel = await harness.open();
        await train(uri, 'Small');
        const [panel] = panels;
        expect(panel.title).toBe('Train Small');
        expect(panel.webview.options.enableScripts).toBe(true);
        expect(panel.webview.options.localResourceRoots?.map(root => root.fsPath)).toEqual([join(ROOT, 'out', 'webview')]);
        expect(panel.webview.html).toMatch(/default-src 'none'; script-src 'nonce-[A-Za-z0-9]{32}'/);
        await waitForStatus(panel.page, ['done', 'failed'], 120_000);
        expect(await text(panel.page, '#status')).toMatch(/^Done/);
        expect(await panel.page.inputValue('#epochs >> input')).toBe('2');
        expect(await text(panel.page, '#data')).toMatch(/seattle-weather.csv: 1,461 rows, 4 features, predicting "temp_max"/);
        expect(panel.sent.map(m => m.type).slice(0, 3)).toEqual(['model', 'train', 'diagram']);
        for (const line of [
            /^info \[RNN Lens\] training panel: train Small \(create\)$/,
            /^info \[RNN Lens\] training panel: page ready \(Small\)$/,
            /^info \[RNN Lens\] training panel: model Small: trainable$/,
            /^info \[RNN Lens\] training panel: train Small on wasm, 2 epochs \(the default setting\)$/,
            /^info \[RNN Lens\] training panel: sent data file data\/seattle-weather.csv \(\d+ characters\)$/,
            /^info \[RNN Lens\] training panel: Small done, epoch 2\/2$/
        ]) expect(logged(line), String(line)).toBe(true);
    }, 150_000);

    it('shows the diagram in the colour theme\'s kind, and saves it, the trained model and the Keras export where asked', async () => {
        const [panel] = panels;
        await panel.page.waitForSelector('#diagram-svg svg');
        expect(await background(panel.page)).toBe(THEMES.dark.background);
        fake.colorThemeKind = 1;
        fake.themeChanged.fire({});
        await panel.page.waitForFunction(fill => document.querySelectorAll('#diagram-svg svg rect.background')[0]?.getAttribute('fill') === fill, THEMES.light.background);

        const folder = URI.file(join(tmp, 'Small-tfjs'));
        fake.saveDialogAnswers.push(folder);
        await panel.page.click('#save');
        await waitForText(panel.page, '#status', /Saved Small to .*Small-tfjs \(model.json and weights.bin, [\d.]+ KB\)/);
        const modelJson = JSON.parse(readFileSync(join(folder.fsPath, 'model.json'), 'utf8')) as { format: string; weightsManifest: Array<{ paths: string[] }> };
        expect(modelJson.format).toBe('layers-model');
        expect(readFileSync(join(folder.fsPath, 'weights.bin')).length).toBe((4 * 8 * 4 + 8 * 8 * 4 + 8 * 4 + 8 + 1) * 4);

        const svgFile = URI.file(join(tmp, 'Small.svg'));
        fake.saveDialogAnswers.push(svgFile);
        await panel.page.click('#save-svg');
        await waitForLog(/saved diagram of Small to /);
        const saved = readFileSync(svgFile.fsPath, 'utf8');
        expect(saved).toBe((panel.sent.filter(m => m.type === 'diagram').at(-1) as unknown as { svg: string }).svg);
        expect(saved).toContain(`fill="${THEMES.light.background}"`);

        await panel.page.click('#export-keras');
        await waitForLog(/export to Keras: Small/);
        expect(fake.executed).toEqual([['rnnLens.exportKeras', uri, 'Small']]);
    }, 60_000);

    it('drops a malformed message from the page and logs it', async () => {
        const [panel] = panels;
        await panel.page.evaluate(() => (window as { __host: { posted: unknown[] } }).__host.posted.push({ type: 'readData', path: '/etc/passwd', extra: 1 }, { type: 'runShell' }));
        await waitForLog(/^warn \[RNN Lens\] training panel: dropped a message from the page: unknown panel-to-host message \(type "runShell"\)/);
        expect(logged(/dropped a message from the page: malformed panel-to-host "readData" message/)).toBe(true);
    });

    it('follows edits: a model with errors lists them as links to the file and cannot train', async () => {
        const [panel] = panels;
        await setText(BROKEN, 2);
        await waitForText(panel.page, '#errors', /Small cannot be trained until/);
        expect(await panel.page.evaluate(() => (document.querySelectorAll('#train')[0] as unknown as { disabled: boolean }).disabled)).toBe(true);
        await panel.page.click('#errors li a');
        await waitForLog(/reveal line 6/);
        expect(fake.shown.at(-1)).toMatchObject({ uri, selection: { startLine: 5 } });
        await setText(GOOD, 3);
        await panel.page.waitForFunction(() => document.querySelectorAll('#errors li').length === 0);
    }, 30_000);

    it('asks before a Train on another model stops the one training; the status bar shows the epoch while the panel is hidden', async () => {
        const [panel] = panels;
        fake.settings = { backend: 'wasm', defaultEpochs: 200 };
        await train(uri, 'Small');
        await waitForStatus(panel.page, ['training']);
        panel.setVisible(false);
        const item = fake.statusItems[0];
        await waitForLog(/Small training, epoch 1\/200/);
        expect(item.shown).toBe(true);
        // The item shows the epoch under way: one past the last the log saw finish (training may be epochs on by now;
        // the log and the item follow the same progress message).
        const underWay = Number(/^\$\(sync~spin\) Small: epoch (\d+)\/200/.exec(item.text)?.[1]);
        const finished = log.map(line => /Small training, epoch (\d+)\/200/.exec(line)?.[1]).filter(Boolean).map(Number).at(-1);
        expect(underWay, item.text).toBeGreaterThanOrEqual(2);
        expect(underWay, item.text).toBe(finished! + 1);
        expect(item.command).toBe('rnnLens.showTrainingPanel');

        fake.warningAnswers.push('Stop and Train Other');
        await train(uri, 'Other');
        expect(fake.warnings).toEqual(['"Small" is training in the RNN Lens panel. Stop it and train "Other" instead?']);
        expect(logged(/Small stopped, epoch \d+\/200/)).toBe(true);
        await waitForText(panel.page, 'h1', /^Other$/);
        expect(panel.title).toBe('Train Other');
        // Train shows the panel: the item goes.
        expect(panel.visible).toBe(true);
        expect(item.shown).toBe(false);
        await waitForLog(/Other done, epoch 2\/2/, 60_000);

        // A run that ends while the panel is hidden stays in the status bar until the panel is seen.
        const runsOfOther = () => log.filter(line => /Other done, epoch 2\/2/.test(line)).length;
        const before = runsOfOther();
        await train(uri, 'Other');
        panel.setVisible(false);
        while (runsOfOther() === before) await new Promise(resolve => setTimeout(resolve, 25));
        expect(item.shown).toBe(true);
        expect(item.text).toBe('$(check) Other: trained (epoch 2/2)');
        panel.setVisible(true);
        expect(item.shown).toBe(false);
    }, 120_000);

    it('refuses a data file outside the workspace and says why in the panel', async () => {
        const [panel] = panels;
        await train(uri, 'Outside');
        await waitForText(panel.page, '#data', /outside the workspace/);
        expect(logged(/warn \[RNN Lens\] training panel: data file refused: The data file "..\/..\/secret.csv" resolves to .*, outside the workspace/)).toBe(true);
    }, 30_000);

    it('comes back after a restart from the page\'s saved state, on the model it was on', async () => {
        const [panel] = panels;
        const runsOfOther = () => log.filter(line => /Other done, epoch 2\/2/.test(line)).length;
        const before = runsOfOther();
        await train(uri, 'Other');
        await waitForLog(/train Other \(switch\)/);
        while (runsOfOther() === before) await new Promise(resolve => setTimeout(resolve, 25));
        await panel.page.waitForFunction(() => (window as { __host: { state?: { run?: { status?: string } } } }).__host.state?.run?.status === 'done');
        const saved = (await standIn(panel.page)).state;
        panel.dispose();
        await waitForLog(/training panel: closed/);
        const page = await harness.open(saved);
        const restored = new PagePanel(page);
        panels.push(restored);
        await fake.serializers.get(TRAINING_PANEL_VIEW_TYPE)!.deserializeWebviewPanel(restored, saved);
        await waitForLog(/restored for Other/);
        expect(await text(page, 'h1')).toBe('Other');
        expect(await text(page, '#status')).toMatch(/^Done/);
        const until = Date.now() + 20_000;
        while (!restored.sent.some(m => m.type === 'model') && Date.now() < until) await new Promise(resolve => setTimeout(resolve, 25));
        expect(restored.sent.map(m => m.type)).toContain('model');
        await page.waitForSelector('#diagram-svg svg');
        expect(await text(page, '#status')).toMatch(/^Done/);
        expect(restored.sent.map(m => m.type)).not.toContain('train');
        // A state that names no model restores nothing.
        const empty = new PagePanel(page);
        let closed = false;
        empty.onDidDispose(() => { closed = true; });
        await fake.serializers.get(TRAINING_PANEL_VIEW_TYPE)!.deserializeWebviewPanel(empty, { version: 1 });
        expect(closed).toBe(true);
        expect(existsSync(join(tmp, 'Small-tfjs', 'model.json'))).toBe(true);
    }, 60_000);
});
