/** The check shared by the code-server and the VS Code for the Web runs: every inlay hint of a file against the analysis. */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { lineCount, lineOf } from './analysis.js';
import { allLines } from './editor-dom.js';
import { layerHints, totalHint, type SummaryModel } from './expected.js';
import { ROOT } from './paths.js';

/**
 * Reads every line of the active editor (showing `file`, a path under the repository root) and
 * checks that after each model's name is its total, and after its layers, in order, each layer's
 * output shape and parameter count, as the analysis (`models`) gives them.
 */
export async function expectNotebookHints(page: Page, file: string, models: readonly SummaryModel[]): Promise<void> {
    const lines = await allLines(page, lineCount(file));
    // The hints are read apart from the text: what is left is the file itself.
    const fileLines = readFileSync(join(ROOT, file), 'utf8').split('\n');
    for (const line of lines) expect(line.text.trimEnd(), `line ${line.lineNumber}`).toBe(fileLines[line.lineNumber - 1]!.trimEnd());

    expect(models.length).toBeGreaterThanOrEqual(7);
    const starts = models.map(m => lineOf(file, new RegExp(`^model ${m.name}\\b`)));
    models.forEach((m, i) => {
        const header = lines.find(l => l.lineNumber === starts[i])!;
        expect(header.hints.join(' '), `${m.name}'s total`).toContain(totalHint(m));
        const end = starts[i + 1] ?? Infinity;
        const shown = lines.filter(l => l.lineNumber > starts[i]! && l.lineNumber < end).flatMap(l => l.hints);
        expect(shown, `${m.name}'s layer hints`).toEqual(layerHints(m));
    });
}
