/**
 * The training panel's page on its own in Debian's chromium (playwright-core): a tiny http server
 * serves the HTML that webview/src/host/panel-html.ts builds (its real Content-Security-Policy)
 * and the bundles in out/webview/; a stand-in for VS Code's `acquireVsCodeApi` records what the
 * page posts and saves, and the test posts host messages to the page as VS Code does (window
 * message events).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { analyzeText } from '../../language/src/analyze-text.js';
import type { ModelAnalysis } from '../../language/src/analysis/types.js';
import { createNonce, panelHtml } from '../../webview/src/host/panel-html.js';
import type { HostMessage } from '../../webview/src/protocol/index.js';
import { ensureBuilt, ROOT } from '../helpers/ensure-built.js';

// The functions below run in the page (page.evaluate, addInitScript): its globals, loosely.
interface PageElement { dataset: Record<string, string | undefined>; textContent: string | null }
declare const window: { postMessage(message: unknown, target: string): void };
declare const document: {
    getElementById(id: string): PageElement | null;
    querySelector(selector: string): PageElement | null;
    querySelectorAll(selector: string): ArrayLike<PageElement>;
    addEventListener(type: 'securitypolicyviolation', listener: (event: { violatedDirective: string; blockedURI: string }) => void): void;
};

const CHROMIUM = '/usr/bin/chromium';
const TYPES: Record<string, string> = { '.js': 'text/javascript', '.css': 'text/css', '.wasm': 'application/wasm' };

export interface PanelHarness {
    readonly origin: string;
    /** A fresh page with the panel; `savedState` is what getState returns (a restore). */
    open(savedState?: unknown): Promise<Page>;
    close(): Promise<void>;
}

/** `crossOriginIsolated`: every response with COOP and COEP, as VS Code's webviews get them under --enable-coi. */
export async function startHarness(options: { crossOriginIsolated?: boolean } = {}): Promise<PanelHarness> {
    ensureBuilt();
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium), as scripts/install-test-deps.sh does.`);
    const outDir = join(ROOT, 'out', 'webview');
    let origin = '';
    const server: Server = createServer((request, response) => {
        if (options.crossOriginIsolated) {
            response.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
            response.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
        }
        const url = new URL(request.url ?? '/', 'http://localhost');
        if (url.pathname === '/') {
            const html = panelHtml({
                cspSource: origin, nonce: createNonce(), title: 'test',
                scriptUri: `${origin}/webview/panel.js`, styleUri: `${origin}/webview/panel.css`,
                workerUri: `${origin}/webview/train-worker.js`, wasmFolderUri: `${origin}/webview/`
            });
            return void response.writeHead(200, { 'content-type': 'text/html' }).end(html);
        }
        const file = normalize(join(outDir, url.pathname.replace(/^\/webview\//, '')));
        if (!url.pathname.startsWith('/webview/') || !file.startsWith(outDir) || !existsSync(file)) return void response.writeHead(404).end();
        response.writeHead(200, { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' }).end(readFileSync(file));
    });
    await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
    origin = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
    const browser: Browser = await chromium.launch({
        executablePath: CHROMIUM,
        args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage']
    });
    return {
        origin,
        async open(savedState?: unknown) {
            const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
            await page.addInitScript(installStandIn, savedState ?? null);
            await page.goto(`${origin}/`);
            await page.waitForFunction(() => (window as unknown as StandInWindow).__host.posted.some(m => m.type === 'ready'));
            return page;
        },
        async close() {
            await browser.close();
            server.close();
        }
    };
}

/** What the stand-in keeps on the page's window. */
export interface StandIn {
    posted: Array<{ type: string;[key: string]: unknown }>;
    state: unknown;
    saves: number;
    cspViolations: string[];
}
interface StandInWindow { __host: StandIn; acquireVsCodeApi(): unknown }

/** Runs in the page before its scripts: VS Code's webview API, recording. */
function installStandIn(saved: unknown): void {
    const w = window as unknown as StandInWindow;
    const copy = (value: unknown) => (value === undefined ? undefined : JSON.parse(JSON.stringify(value)));
    w.__host = { posted: [], state: saved ?? undefined, saves: 0, cspViolations: [] };
    let acquired = false;
    w.acquireVsCodeApi = () => {
        if (acquired) throw new Error('acquireVsCodeApi may be called once');
        acquired = true;
        return {
            // VS Code sends messages as JSON: copies, as the host would see them.
            postMessage: (message: unknown) => { w.__host.posted.push(copy(message)); },
            getState: () => w.__host.state,
            setState: (state: unknown) => { w.__host.state = copy(state); w.__host.saves++; }
        };
    };
    document.addEventListener('securitypolicyviolation', event => { w.__host.cspViolations.push(`${event.violatedDirective} ${event.blockedURI}`); });
}

/** Posts a message to the page as the host does (unchecked: tests send malformed ones too). */
export async function postToPanel(page: Page, message: HostMessage | unknown): Promise<void> {
    await page.evaluate(m => window.postMessage(m, '*'), message);
}

export function standIn(page: Page): Promise<StandIn> {
    return page.evaluate(() => (window as unknown as StandInWindow).__host);
}

/** A model of an example file, as the host gets it from `rnnLens/modelDescription` (plain JSON). */
export function exampleModel(file: string, name: string): { uri: string; analysis: ModelAnalysis } {
    const analysis = analyzeText(readFileSync(join(ROOT, 'examples', file), 'utf8')).models.find(m => m.name === name);
    if (!analysis) throw new Error(`no model ${name} in ${file}`);
    return { uri: `file:///workspace/examples/${file}`, analysis: JSON.parse(JSON.stringify(analysis)) as ModelAnalysis };
}

export function modelMessage(file: string, name: string): HostMessage {
    const { uri, analysis } = exampleModel(file, name);
    return { type: 'model', uri, analysis, errors: [], trainable: true };
}

/** Waits until the run's status (the Train section's data-status) is one of `statuses`. */
export async function waitForStatus(page: Page, statuses: readonly string[], timeout = 60_000): Promise<string> {
    const handle = await page.waitForFunction(s => {
        const status = document.getElementById('run')?.dataset.status;
        return status && s.includes(status) ? status : false;
    }, statuses, { timeout, polling: 50 });
    return await handle.jsonValue() as string;
}

export async function chartPoints(page: Page, chart: string): Promise<number> {
    return page.evaluate(c => Number(document.querySelector(`[data-chart="${c}"]`)?.dataset.points ?? 0), chart);
}

/** The text of the first element matching `selector` ('' when there is none). */
export function text(page: Page, selector: string): Promise<string> {
    return page.evaluate(s => document.querySelector(s)?.textContent ?? '', selector);
}

/** The texts of every element matching `selector`. */
export function texts(page: Page, selector: string): Promise<string[]> {
    return page.evaluate(s => Array.from(document.querySelectorAll(s), e => e.textContent ?? ''), selector);
}

/** Waits until the text of `selector` matches `pattern`. */
export async function waitForText(page: Page, selector: string, pattern: RegExp, timeout = 30_000): Promise<void> {
    await page.waitForFunction(([s, source, flags]) => new RegExp(source, flags).test(document.querySelector(s)?.textContent ?? ''), [selector, pattern.source, pattern.flags] as const, { timeout, polling: 50 });
}

interface FrameMeter { last: number; max: number; count: number; running: boolean }
declare const requestAnimationFrame: (callback: (time: number) => void) => number;

/** Starts recording the gaps between animation frames on the page's main thread. */
export async function startFrameMeter(page: Page): Promise<void> {
    await page.evaluate(() => {
        const meter: FrameMeter = { last: 0, max: 0, count: 0, running: true };
        (window as unknown as { __frames: FrameMeter }).__frames = meter;
        const tick = (time: number) => {
            if (meter.last > 0) meter.max = Math.max(meter.max, time - meter.last);
            meter.last = time;
            meter.count++;
            if (meter.running) requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
    });
}

/** Stops the meter: the longest gap between two frames (ms) and how many frames there were. */
export function stopFrameMeter(page: Page): Promise<{ max: number; count: number }> {
    return page.evaluate(() => {
        const meter = (window as unknown as { __frames: FrameMeter }).__frames;
        meter.running = false;
        return { max: meter.max, count: meter.count };
    });
}

/** Waits until the state the page saved with setState holds `epochs` finished epochs. */
export async function waitForSavedEpochs(page: Page, epochs: number, timeout = 60_000): Promise<void> {
    await page.waitForFunction(n => ((window as unknown as { __host: { state?: { run?: { history: unknown[] } } } }).__host.state?.run?.history.length ?? 0) >= n, epochs, { timeout, polling: 50 });
}

/** Waits until the page has posted `count` messages of `type` to the host. */
export async function waitForPosted(page: Page, type: string, count = 1, timeout = 30_000): Promise<void> {
    await page.waitForFunction(([t, n]) => (window as unknown as { __host: StandIn }).__host.posted.filter(m => m.type === t).length >= n, [type, count] as const, { timeout, polling: 50 });
}
