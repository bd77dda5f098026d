/**
 * Debian's chromium, driven by playwright-core, showing a code-server workbench on a temporary
 * workspace; and the keyboard-level actions a user takes in it (open a file, run a command, go to
 * a line, type). Reading what the editor shows is in editor-dom.ts.
 */
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { ARTIFACTS, CHROMIUM, ROOT } from './paths.js';

const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

export interface Workbench {
    readonly page: Page;
    readonly workspace: string;
    /** The page's console (the extension host's console.log shows as "[Extension Host] ..."). */
    readonly console: string[];
    screenshot(name: string): Promise<string>;
    close(): Promise<void>;
}

/**
 * A workspace holding the given files and a copy of examples/ (unless `examples: false`: the
 * server checks every .rnn file of the workspace, and their problems would fill the Problems panel).
 */
export function makeWorkspace(files: Record<string, string> = {}, { examples = true } = {}): string {
    const workspace = mkdtempSync(join(tmpdir(), 'rnn-lens-e2e-ws-'));
    if (examples) cpSync(join(ROOT, 'examples'), join(workspace, 'examples'), { recursive: true });
    for (const [name, text] of Object.entries(files)) {
        mkdirSync(dirname(join(workspace, name)), { recursive: true });
        writeFileSync(join(workspace, name), text);
    }
    return workspace;
}

/** Opens the workbench at `url` (showing `workspace`) in a fresh chromium profile and waits for the Explorer. */
export async function openWorkbench(url: string, workspace: string, suite: string): Promise<Workbench> {
    const profile = mkdtempSync(join(tmpdir(), 'rnn-lens-e2e-chromium-'));
    // Webviews are served from another origin; with third-party storage blocked their service worker is refused.
    mkdirSync(join(profile, 'Default'));
    writeFileSync(join(profile, 'Default', 'Preferences'), JSON.stringify({ profile: { cookie_controls_mode: 0, block_third_party_cookies: false } }));
    let context: BrowserContext | undefined;
    try {
        context = await chromium.launchPersistentContext(profile, {
            executablePath: CHROMIUM, headless: true, viewport: { width: 1400, height: 900 }, args: CHROMIUM_ARGS
        });
    } catch (error) {
        rmSync(profile, { recursive: true, force: true });
        throw error;
    }
    const page = context.pages()[0] ?? await context.newPage();
    const lines: string[] = [];
    page.on('console', m => lines.push(`${m.type()}: ${m.text()}`));
    page.on('pageerror', e => lines.push(`pageerror: ${e.message}`));
    const shots = join(ARTIFACTS, suite);
    rmSync(shots, { recursive: true, force: true }); // only this run's pictures
    mkdirSync(shots, { recursive: true });
    const workbench: Workbench = {
        page,
        workspace,
        console: lines,
        async screenshot(name) {
            const path = join(shots, `${name}.png`);
            await page.screenshot({ path });
            return path;
        },
        async close() {
            await context!.close().catch(() => undefined);
            rmSync(profile, { recursive: true, force: true });
            rmSync(workspace, { recursive: true, force: true });
        }
    };
    try {
        await page.goto(url, { waitUntil: 'domcontentloaded' });
        await page.locator('.monaco-workbench').waitFor({ timeout: 90_000 });
        await page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: 90_000 });
    } catch (error) {
        await workbench.screenshot('workbench-failed').catch(() => undefined);
        await workbench.close();
        throw error;
    }
    return workbench;
}

const QUICK_INPUT = '.quick-input-widget .quick-input-box input';

/** Quick Open (Ctrl+P) on a workspace-relative path, then waits for its editor to be the active one. */
export async function openFile(page: Page, relativePath: string): Promise<void> {
    await quickOpen(page, relativePath);
    await page.locator('.editor-group-container.active .monaco-editor .view-line').first().waitFor();
    // Quick Open gives the focus back as it closes: the editor's is taken after that.
    await quickInputClosed(page);
    await focusEditor(page);
}

/** Quick Open (Ctrl+P) on a workspace-relative path, then waits for its tab to be the active one. */
export async function quickOpen(page: Page, relativePath: string): Promise<void> {
    const name = relativePath.split('/').pop()!;
    await quickInputClosed(page);
    await page.keyboard.press('Control+P');
    const input = page.locator(QUICK_INPUT);
    await input.waitFor({ state: 'visible' });
    await input.fill(relativePath);
    await page.locator(`.quick-input-widget .monaco-list-row[aria-label*="${name}"]`).first().waitFor({ timeout: 30_000 });
    await page.waitForTimeout(200); // the list filters as it is typed; let it settle on the match
    await page.keyboard.press('Enter');
    await page.locator(`.editor-group-container.active .tab.active[aria-label*="${name}"]`).first().waitFor({ timeout: 30_000 });
}

/** Opens a file of the workspace's top folder by clicking it in the Explorer (VS Code for the Web has no Quick Open on files). */
export async function openFromExplorer(page: Page, name: string): Promise<void> {
    await page.locator(`.explorer-folders-view .monaco-list-row[aria-label*="${name}"]`).first().click();
    await page.locator(`.editor-group-container.active .tab.active[aria-label*="${name}"]`).first().waitFor({ timeout: 30_000 });
    await page.locator('.editor-group-container.active .monaco-editor .view-line').first().waitFor();
    await focusEditor(page);
}

/** Runs a command by its title from the Command Palette (F1). */
export async function runCommand(page: Page, title: string): Promise<void> {
    await quickInputClosed(page);
    await page.keyboard.press('F1');
    const input = page.locator(QUICK_INPUT);
    await input.waitFor({ state: 'visible' });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 15_000 });
    await page.waitForTimeout(200); // the list filters as it is typed; let it settle on the match
    await page.keyboard.press('Enter');
}

/** Closes every editor, dropping unsaved new documents (an export's or import's) instead of asking. */
export async function closeAllEditors(page: Page): Promise<void> {
    await runCommand(page, 'View: Close All Editors');
    const dontSave = page.locator('.monaco-dialog-box .monaco-button', { hasText: "Don't Save" }).first();
    for (let i = 0; i < 5 && await dontSave.waitFor({ timeout: 1_000 }).then(() => true, () => false); i++) await dontSave.click();
    await page.locator('.editor-group-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 });
}

/** Moves the cursor of the active editor to a 1-based line and column (Ctrl+G "L:C"), scrolling it into view. */
export async function goToLine(page: Page, line: number, column = 1): Promise<void> {
    await quickInputClosed(page);
    await page.keyboard.press('Control+G');
    const input = page.locator(QUICK_INPUT);
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}:${column}`);
    await page.keyboard.press('Enter');
    await input.waitFor({ state: 'hidden' });
    await page.waitForTimeout(150);
}

/**
 * Waits for the last quick input (palette, Quick Open) to finish closing: a key pressed while it
 * closes opens a new one that the closing one then hides. One a command left open on purpose
 * (a picker) stays: then go on after a short wait.
 */
async function quickInputClosed(page: Page): Promise<void> {
    await page.locator('.quick-input-widget').first().waitFor({ state: 'hidden', timeout: 2_000 }).catch(() => undefined);
}

/**
 * Puts the keyboard focus in the active editor's text area, and waits until the editor has it. A
 * user's editor has it once they open a file: VS Code asks for an editor's code lenses a moment
 * after it opens or gains that focus, and cancels the asking when it loses it (codelensController's
 * onDidBlurEditorText), so a file whose editor lost the focus then shows no lens until it is back
 * (a .py file opened without its ▶ Train lens, its inlay hints there, when Quick Open took the
 * focus back as it closed).
 */
export async function focusEditor(page: Page): Promise<void> {
    const editor = page.locator('.editor-group-container.active .monaco-editor').first();
    // What takes the text focus: the EditContext's element where Chromium has that API (VS Code's
    // default, editor.editContext), else the hidden text area.
    const input = editor.locator('.native-edit-context, textarea.inputarea').first();
    for (let tries = 0; tries < 20; tries++) {
        await input.focus();
        // The editor's own mark of the text focus (its IME text area can hold the page's focus without it).
        if (await editor.evaluate(e => e.classList.contains('focused'))) return;
        await page.waitForTimeout(100);
    }
    throw new Error('the active editor did not take the keyboard focus');
}
