/**
 * VS Code's notebook editor, read and driven from its DOM: the cells are rows of a virtual list
 * (`.monaco-list-row[data-index=N]`, only those near the screen exist), each code cell with an
 * editor of its own that shows all its lines and no line numbers. And the notebook's cells as the
 * .ipynb file holds them, for the tests to compare with.
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { renderedEditors, squiggles, type RenderedLine } from './editor-dom.js';
import { quickOpen } from './workbench.js';

/**
 * The cells' list: VS Code draws a notebook's cells in an overlay of the workbench laid over its
 * editor group (`.notebookOverlay`), not inside the group. The tests keep one notebook open at a time.
 */
export const NOTEBOOK_LIST = '.notebookOverlay .cell-list-container';

/** Quick Open on a .ipynb file, then waits for VS Code's notebook editor to show its first cell. */
export async function openNotebook(page: Page, relativePath: string): Promise<void> {
    await quickOpen(page, relativePath);
    // "attached": playwright finds the rows hidden (their content is laid out apart from them).
    await page.locator(`${NOTEBOOK_LIST} .monaco-list-row`).first().waitFor({ state: 'attached', timeout: 30_000 });
}

/** The row of cell `index` (0-based, Markdown cells counted) in the open notebook editor. */
export const cellRow = (index: number) => `${NOTEBOOK_LIST} .monaco-list-row[data-index="${index}"]`;

/** The text editor of code cell `index`. */
export const cellEditor = (index: number) => `${cellRow(index)} .cell-editor-container .monaco-editor`;

export interface NotebookCell {
    /** 0-based, Markdown cells counted: the list row's data-index. */
    readonly index: number;
    readonly code: boolean;
    readonly text: string;
}

/** The cells of an nbformat 4 notebook on disk. */
export function notebookCells(path: string): NotebookCell[] {
    const notebook = JSON.parse(readFileSync(path, 'utf8')) as { cells: { cell_type: string; source: string | string[] }[] };
    return notebook.cells.map((cell, index) => ({
        index,
        code: cell.cell_type === 'code',
        text: Array.isArray(cell.source) ? cell.source.join('') : cell.source
    }));
}

/**
 * Scrolls the open notebook editor (mouse wheel over its list) until cell `index` is wholly on
 * screen, or as much of it as the list shows when it is taller.
 */
export async function revealCell(page: Page, index: number): Promise<void> {
    const list = page.locator(NOTEBOOK_LIST).first();
    await list.waitFor({ timeout: 60_000 });
    for (let step = 0; step < 200; step++) {
        const view = (await list.boundingBox())!;
        const place = await page.evaluate(({ listSelector, index }) => {
            const rows = Array.from(document.querySelectorAll(`${listSelector} .monaco-list-row[data-index]`));
            const indexes = rows.map(r => Number(r.getAttribute('data-index')));
            const row = rows.find(r => Number(r.getAttribute('data-index')) === index)?.getBoundingClientRect();
            return { row: row && { top: row.top, bottom: row.bottom }, first: Math.min(...indexes), last: Math.max(...indexes) };
        }, { listSelector: NOTEBOOK_LIST, index });
        let delta: number;
        if (place.row) {
            const below = place.row.bottom - (view.y + view.height);
            const above = view.y - place.row.top;
            if (below <= 0 && above <= 0) return;
            // Taller than the list: its top at the list's top.
            delta = below > 0 && above < 0 ? Math.min(below, -above) : above > 0 ? -above : below;
        } else {
            delta = index > place.last ? view.height / 2 : -view.height / 2;
        }
        await page.mouse.move(view.x + view.width / 2, view.y + view.height / 2);
        await page.mouse.wheel(0, delta);
        await page.waitForTimeout(100); // the list renders the rows it scrolled to on the next frame
    }
    throw new Error(`cell ${index} did not come on screen`);
}

/** The lines of code cell `index` as its editor shows them (the cell on screen), with their inlay hints. */
export async function cellLines(page: Page, index: number): Promise<RenderedLine[]> {
    const [editor] = await renderedEditors(page, cellEditor(index));
    return editor?.lines ?? [];
}

/** The squiggles in code cell `index`, each with its line in the cell (1-based). */
export function cellSquiggles(page: Page, index: number): Promise<{ lineNumber: number; kind: string }[]> {
    return squiggles(page, cellEditor(index));
}

/** Puts the cursor in code cell `index` at a 1-based line and column, by clicking into it and moving with the keyboard. */
export async function cursorInCell(page: Page, index: number, line: number, column: number): Promise<void> {
    await revealCell(page, index);
    await page.locator(`${cellEditor(index)} .view-lines`).first().click();
    // Ctrl+Home: line 1, column 1; the column stays 1 going down.
    await page.keyboard.press('Control+Home');
    for (let i = 1; i < line; i++) await page.keyboard.press('ArrowDown');
    for (let i = 1; i < column; i++) await page.keyboard.press('ArrowRight');
}
