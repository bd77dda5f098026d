/**
 * The installed .vsix on the course notebook's example, in a real VS Code (code-server): the
 * rendered inlay hints, the LSTM hover, the status bar and Show Summary, each compared with the
 * numbers of the real analysis (the CLI on the same file).
 */
import { copyFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { checkJson, lineOf, summaryJson, summaryTable } from './harness/analysis.js';
import { count, lstmFormula, modelNamed } from './harness/expected.js';
import { hoverText, problems, renderedLines, statusBarItems, waitForInlayHints } from './harness/editor-dom.js';
import { expectNotebookHints } from './harness/notebook-hints.js';
import { README_SCREENSHOT } from './harness/paths.js';
import { workbenchSuite } from './harness/suite.js';
import { goToLine, openFile, runCommand } from './harness/workbench.js';

const FILE = 'examples/advanced_rnn_theory.rnn';
const models = summaryJson(FILE);
const model = (name: string) => modelNamed(models, name);

describe('the course notebook example in code-server', () => {
    const workbench = workbenchSuite('notebook-example');

    test('the inlay hints show every layer\'s shape and parameter count, and each model\'s total', async () => {
        const { page } = workbench();
        await openFile(page, FILE);
        await waitForInlayHints(page);
        await page.waitForTimeout(500);
        await workbench().screenshot('1-inlay-hints');
        if (process.env.RNN_LENS_UPDATE_SCREENSHOTS === '1') {
            // The README's picture: the top of the file, hints on the first models.
            await goToLine(page, lineOf(FILE, 'model SingleSimpleRNN'));
            await page.mouse.move(1, 1);
            await page.waitForTimeout(800);
            copyFileSync(await workbench().screenshot('readme-hints'), README_SCREENSHOT);
        }

        await expectNotebookHints(page, FILE, models);
    });

    test('hovering LSTM shows the parameter formula with the numbers put in', async () => {
        const { page } = workbench();
        const { formula } = lstmFormula(model('SingleLSTM'));
        const line = lineOf(FILE, /^\s+LSTM\(30, activation="relu", recurrent_dropout=0\.2\)/);
        const hover = await hoverText(page, line, 'LSTM', formula);
        await workbench().screenshot('2-hover-lstm');
        expect(hover).toContain(formula);
        await page.mouse.move(1, 1);
    });

    test('the status bar shows the total of the model under the cursor; clicking it shows the summary table', async () => {
        const { page } = workbench();
        const single = model('SingleLSTM');
        await page.keyboard.press('Escape');
        await goToLine(page, lineOf(FILE, /^\s+LSTM\(30, activation="relu", recurrent_dropout=0\.2\)/), 6);
        const item = page.locator('.statusbar-item', { hasText: `SingleLSTM: ${count(single.totalParams)} params` }).first();
        await item.waitFor({ timeout: 20_000 });
        await workbench().screenshot('3-status-bar');
        await item.click();
        await page.locator('.tab.active[aria-label*="SingleLSTM"]').first().waitFor({ timeout: 20_000 });
        await expectSummaryTable('SingleLSTM');
        await workbench().screenshot('4-summary-from-status-bar');
    });

    test('the Show Summary command shows the table of the model at the cursor', async () => {
        const { page } = workbench();
        await openFile(page, FILE);
        const stacked = model('StackedLSTM');
        await goToLine(page, lineOf(FILE, /^\s+LSTM\(40, /), 6);
        await expect.poll(() => statusBarItems(page, /StackedLSTM/), { timeout: 20_000 }).toEqual([expect.stringContaining(`${count(stacked.totalParams)} params`)]);
        await runCommand(page, 'RNN Lens: Show Summary');
        await page.locator('.tab.active[aria-label*="StackedLSTM"]').first().waitFor({ timeout: 20_000 });
        await expectSummaryTable('StackedLSTM');
        await workbench().screenshot('5-show-summary-command');
    });

    test('the Problems panel lists only the real problems: what rnn-lens check gives, the three pooling remainders', async () => {
        const { page } = workbench();
        await openFile(page, FILE);
        const expected = checkJson(FILE);
        expect(expected.map(d => d.code)).toEqual(['pooling-drops-steps', 'pooling-drops-steps', 'pooling-drops-steps']);
        await expect.poll(async () => (await problems(page)).filter(p => p.file.includes('advanced_rnn_theory.rnn')).map(p => p.shown.match(/rnn-lens\W+([\w-]+)\W+\[Ln (\d+), Col (\d+)\]/)?.slice(1)),
            { timeout: 30_000 }).toEqual(expected.map(d => [d.code, String(d.range.start.line + 1), String(d.range.start.character + 1)]));
        await workbench().screenshot('6-problems-only-real');
    });

    /** The active editor shows `rnn-lens summary --model NAME`'s table, line for line. */
    async function expectSummaryTable(name: string): Promise<void> {
        const expected = summaryTable(FILE, name).map(l => l.trimEnd()).filter(l => l.length > 0);
        await expect.poll(async () => (await renderedLines(workbench().page)).map(l => l.text.trimEnd()).filter(l => l.length > 0),
            { timeout: 20_000 }).toEqual(expected);
    }
});
