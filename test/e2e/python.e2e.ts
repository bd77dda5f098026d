/**
 * Issue 17 in a real VS Code (code-server), the installed .vsix on Keras code as users write it:
 * the course's notebook (examples/advanced_rnn_theory.ipynb) in VS Code's own notebook editor
 * (the built-in ipynb serializer, no kernel) with every model.summary() number as inlay hints in
 * its cells; a copy of it with a return_sequences=True taken out, squiggled and mended by the
 * quick fix; and ▶ Train above a model in a .py file, trained in the panel to the end. Every
 * number is the real analysis's (the CLI on the same file), none is written here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { runCli } from '../helpers/cli-run.js';
import { summaryJson } from './harness/analysis.js';
import { lineAt, problems, squiggles, waitForText, webview } from './harness/editor-dom.js';
import { count, layerHints, shape, totalHint, type SummaryModel } from './harness/expected.js';
import { cellEditor, cellLines, cellSquiggles, cursorInCell, notebookCells, openNotebook, revealCell, type NotebookCell } from './harness/notebook-dom.js';
import { ROOT } from './harness/paths.js';
import { workbenchSuite } from './harness/suite.js';
import { closeAllEditors, focusEditor, goToLine, openFile } from './harness/workbench.js';

const EXAMPLE = 'examples/advanced_rnn_theory.ipynb';
const PLANTED = 'planted.ipynb';
const TRAIN_FILE = 'train_sequence.py';
const TRAIN_SOURCE = readFileSync(join(ROOT, 'test', 'e2e', 'fixtures', TRAIN_FILE), 'utf8');
const BACKEND = process.env.RNN_LENS_E2E_BACKEND ?? 'wasm';
const FIX_TITLE = 'Add return_sequences=True';

const exampleCells = notebookCells(join(ROOT, EXAMPLE));
const RETURN_SEQUENCES = ', return_sequences=True';
/** The cells that make the models: the i-th model of the analysis is made in the i-th cell that calls Sequential(). */
const modelCells = exampleCells.filter(c => c.code && /\bSequential\(\)/.test(c.text));
/** The stacked LSTMs' cell: an LSTM with return_sequences=True feeding another LSTM. */
const stackedCell = exampleCells.find(c => c.code && /LSTM\([^\n]*, return_sequences=True\)\)\nmodel\.add\(LSTM\(/.test(c.text))!;

/** The example with the first LSTM of the stacked cell's return_sequences=True taken out. */
function plantedNotebook(): string {
    const notebook = JSON.parse(readFileSync(join(ROOT, EXAMPLE), 'utf8')) as { cells: { source: string | string[] }[] };
    const lines = stackedCell.text.split('\n');
    const at = lines.findIndex(l => l.includes('LSTM(') && l.includes(RETURN_SEQUENCES));
    lines[at] = lines[at]!.replace(RETURN_SEQUENCES, '');
    notebook.cells[stackedCell.index]!.source = lines.join('\n').split(/(?<=\n)/);
    return JSON.stringify(notebook, null, 1);
}

/** A real Keras script of a stacked LSTM (`rnn-lens export`, Sequential([...]) style), and a copy with its first LSTM's return_sequences=True taken out. */
const STACKED_PY = 'stacked_lstm.py';
const stackedScript = runCli('export', join(ROOT, 'examples', 'advanced_rnn_theory.rnn'), '--model', 'StackedLSTM').stdout;
const plantedScript = stackedScript.replace(/(LSTM\([^\n]*), return_sequences=True(\),\n\s+layers\.LSTM\()/, '$1$2');

/** fit()'s epochs and batch size in the .py fixture, which the panel must take as its settings. */
const FIT = TRAIN_SOURCE.match(/\.fit\([^)]*epochs=(\d+), batch_size=(\d+)/)!.slice(1).map(Number) as [number, number];

describe('Python and Jupyter notebooks in code-server', () => {
    const workbench = workbenchSuite('python', {
        // The default epochs differ from fit()'s, so that the panel showing fit()'s shows they were read.
        // The LSP messages are traced: a failed test prints the last of them (harness/suite.ts).
        '.vscode/settings.json': JSON.stringify({ 'rnnLens.training.defaultEpochs': FIT[0] + 3, 'rnnLens.training.backend': BACKEND, 'rnnLens.trace.server': 'messages' }),
        [PLANTED]: plantedNotebook(),
        [STACKED_PY]: plantedScript,
        [TRAIN_FILE]: TRAIN_SOURCE
    });

    test('the course notebook in the notebook editor shows each layer\'s shape and parameters, and each model\'s total, in its cells', async () => {
        const { page } = workbench();
        const models = summaryJson(join(ROOT, EXAMPLE));
        expect(models.length).toBeGreaterThanOrEqual(7);
        expect(modelCells.length).toBe(models.length);
        await openNotebook(page, EXAMPLE);
        for (const [i, cell] of modelCells.entries()) {
            const model = models[i]!;
            await revealCell(page, cell.index);
            await expect.poll(() => cellHints(page, cell.index), { timeout: 60_000, message: `${model.name}'s hints` }).toEqual(expectedHints(model));
            // The hints are read apart from the text: what is left is the cell itself.
            expect((await cellLines(page, cell.index)).map(l => l.text.trimEnd())).toEqual(cell.text.split('\n').map(l => l.trimEnd()));
            if (i === 0) await workbench().screenshot('1-notebook-hints');
        }
        await workbench().screenshot('2-notebook-hints-last-model');
    });

    test('a planted missing return_sequences in a notebook cell is squiggled and listed with its code; the quick fix mends that call only', async () => {
        const { page } = workbench();
        const file = join(workbench().workspace, PLANTED);
        // Where the analysis puts the error: "FILE:cell N:L:C error missing-return-sequences ...", N counting every cell from 1.
        const place = runCli('check', file).stdout.match(/:cell (\d+):(\d+):(\d+) error missing-return-sequences /);
        expect(place, 'rnn-lens check on the planted notebook').not.toBeNull();
        const [cellNumber, line, column] = place!.slice(1).map(Number) as [number, number, number];
        const cell = cellNumber - 1;
        expect(cell).toBe(stackedCell.index);

        await closeAllEditors(page);
        await openNotebook(page, PLANTED);
        await revealCell(page, cell);
        await expect.poll(() => cellSquiggles(page, cell), { timeout: 60_000 }).toEqual([{ lineNumber: line, kind: 'error' }]);
        const listed = (await problems(page)).filter(p => p.file.includes(PLANTED) && p.shown.includes('missing-return-sequences'));
        expect(listed.map(p => p.shown)).toEqual([expect.stringMatching(new RegExp(`rnn-lens\\W+missing-return-sequences\\W+\\[Ln ${line}, Col ${column}\\]`))]);
        expect(listed[0]!.label).toMatch(/Add return_sequences=True to the LSTM before it/);
        await revealCell(page, cell);
        await workbench().screenshot('3-planted-missing-return-sequences');

        await cursorInCell(page, cell, line, column + 1);
        await page.keyboard.press('Control+.');
        const fix = page.locator('.action-widget .monaco-list-row', { hasText: FIX_TITLE }).first();
        await fix.waitFor({ timeout: 15_000 });
        await workbench().screenshot('4-quick-fix-menu');
        await fix.click();

        // The fix puts back exactly what was taken out: the cell is the example's again.
        await expect.poll(async () => (await cellLines(page, cell)).map(l => l.text.trimEnd()).join('\n'), { timeout: 15_000 })
            .toBe(stackedCell.text.split('\n').map(l => l.trimEnd()).join('\n'));
        await expect.poll(() => cellSquiggles(page, cell), { timeout: 30_000 }).toEqual([]);
        // The mended model's hints are the example's model's, from the analysis.
        const mended = summaryJson(join(ROOT, EXAMPLE))[modelCells.indexOf(stackedCell)]!;
        await expect.poll(() => cellHints(page, cell), { timeout: 30_000 }).toEqual(expectedHints(mended));
        await expect.poll(async () => (await problems(page)).filter(p => p.file.includes(PLANTED) && p.shown.includes('missing-return-sequences')),
            { timeout: 30_000 }).toEqual([]);
        await revealCell(page, cell);
        await workbench().screenshot('5-after-quick-fix');

        // Saved, the notebook's cells are the example's, every one: the fix changed that call and nothing else.
        await cellEditorFocused(cell);
        await page.keyboard.press('Control+S');
        await expect.poll(() => notebookCells(file).map(textOf), { timeout: 20_000 }).toEqual(exampleCells.map(textOf));
        expect(runCli('check', file).stdout).not.toContain('missing-return-sequences');
    });

    test('a planted missing return_sequences in a .py file is squiggled; the quick fix mends that call and leaves every other byte as it was', async () => {
        const { page } = workbench();
        expect(plantedScript).not.toBe(stackedScript);
        const file = join(workbench().workspace, STACKED_PY);
        const place = runCli('check', file).stdout.match(/\.py:(\d+):(\d+) error missing-return-sequences /);
        expect(place, 'rnn-lens check on the planted script').not.toBeNull();
        const [line, column] = place!.slice(1).map(Number) as [number, number];

        await closeAllEditors(page);
        await openFile(page, STACKED_PY);
        await expect.poll(() => squiggles(page), { timeout: 60_000 }).toEqual([{ lineNumber: line, kind: 'error' }]);
        const listed = (await problems(page)).filter(p => p.file.includes(STACKED_PY));
        expect(listed.map(p => p.shown)).toEqual([expect.stringMatching(new RegExp(`rnn-lens\\W+missing-return-sequences\\W+\\[Ln ${line}, Col ${column}\\]`))]);

        await focusEditor(page);
        await goToLine(page, line, column + 1);
        await page.keyboard.press('Control+.');
        const fix = page.locator('.action-widget .monaco-list-row', { hasText: FIX_TITLE }).first();
        await fix.waitFor({ timeout: 15_000 });
        await workbench().screenshot('6-python-file-quick-fix-menu');
        await fix.click();
        // The LSTM before the squiggled one is the exported script's line again.
        const fixedLine = stackedScript.split('\n').findIndex((l, i) => l !== plantedScript.split('\n')[i]) + 1;
        await expect.poll(async () => (await lineAt(page, fixedLine)).text, { timeout: 15_000 }).toBe(stackedScript.split('\n')[fixedLine - 1]);
        await expect.poll(() => squiggles(page), { timeout: 30_000 }).toEqual([]);
        // VS Code saves a file a workspace edit changed when it had no unsaved changes (files.refactoring.autoSave),
        // its save participants first: Ctrl+S for the case it did not, then wait for the file on disk.
        await focusEditor(page);
        await page.keyboard.press('Control+S');
        // Saved, the file is the exported script again, byte for byte.
        await expect.poll(() => readFileSync(file, 'utf8').split('\n'), { timeout: 20_000 }).toEqual(stackedScript.split('\n'));
        expect(readFileSync(file, 'utf8')).toBe(stackedScript);
        await workbench().screenshot('7-python-file-after-quick-fix');
    });

    test('▶ Train above the model of a .py file trains it in the panel to the end, with fit()\'s epochs and batch size', async () => {
        const { page } = workbench();
        const [model] = summaryJson(join(workbench().workspace, TRAIN_FILE));
        await closeAllEditors(page);
        await openFile(page, TRAIN_FILE);
        const train = page.locator('.codelens-decoration a', { hasText: '▶ Train' }).first();
        await train.waitFor({ timeout: 60_000 });
        await workbench().screenshot('8-python-codelens');
        await train.click();
        const panel = webview(page);
        await waitForText(panel.locator('body'), `Total params: ${count(model!.totalParams)}`, 60_000);
        const body = await panel.locator('body').innerText();
        for (const layer of model!.layers) expect(body).toContain(shape(layer.outputShape));
        const [epochs, batchSize] = FIT;
        expect(await panel.locator('#epochs').evaluate(e => (e as HTMLInputElement).value)).toBe(String(epochs));
        expect(await panel.locator('#batch-size').evaluate(e => (e as HTMLInputElement).value)).toBe(String(batchSize));
        const status = await waitForText(panel.locator('#status'), /Done|Failed|Stopped/, 240_000);
        expect(status).toMatch(/^Done/);
        expect(await panel.locator('#progress-text').innerText()).toContain(`${epochs}/${epochs}`);
        expect(await panel.locator('#test-metrics').innerText()).toMatch(/MAE \d/);
        if (BACKEND !== 'auto') expect(await panel.locator('#backend').innerText()).toContain(BACKEND);
        await panel.locator('#test-metrics').scrollIntoViewIfNeeded();
        await workbench().screenshot('9-python-trained');
    });

    /** Focus in code cell `index`'s editor (Ctrl+S saves the notebook from there). */
    async function cellEditorFocused(index: number): Promise<void> {
        const { page } = workbench();
        await revealCell(page, index);
        await page.locator(`${cellEditor(index)} textarea`).first().focus();
    }
});

/** What a model's cell shows: the total after the line that makes the model, then each layer's shape and parameters after its call. */
async function cellHints(page: Page, index: number): Promise<{ total: string; layers: string[] }> {
    const lines = await cellLines(page, index);
    return { total: lines[0]?.hints.join(' ') ?? '', layers: lines.slice(1).flatMap(l => l.hints) };
}

const expectedHints = (model: SummaryModel) => ({ total: expect.stringContaining(totalHint(model)), layers: layerHints(model) });

const textOf = (cell: NotebookCell) => `${cell.code ? 'code' : 'markdown'}: ${cell.text}`;
