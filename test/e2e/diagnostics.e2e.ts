/**
 * The installed .vsix on a stacked LSTM that forgot return_sequences=True, in a real VS Code
 * (code-server): the squiggle and the Problems entry with its code, the quick fix applied from the
 * lightbulb menu, then the error gone and the hint changed; and completion inside LSTM(.
 */
import { describe, expect, test } from 'vitest';
import { summaryJson } from './harness/analysis.js';
import { count, shape, STACKED_LSTM } from './harness/expected.js';
import { lineAt, problems, squiggles, suggestions, waitForInlayHints } from './harness/editor-dom.js';
import { workbenchSuite } from './harness/suite.js';
import { focusEditor, goToLine, openFile } from './harness/workbench.js';

const { text: STACKED, firstLstmLine: FIRST_LSTM, secondLstmLine: SECOND_LSTM } = STACKED_LSTM;
const COMPLETE = ['model Complete {', '    LSTM(30, input_shape=(21, 9))', '    Dense(1)', '}', ''].join('\n');

describe('diagnostics, quick fix and completion in code-server', () => {
    const workbench = workbenchSuite('diagnostics', { 'stacked.rnn': STACKED, 'complete.rnn': COMPLETE }, { examples: false });

    test('the missing return_sequences shows as a squiggle and in Problems with its code; the quick fix removes it and the hint changes', async () => {
        const { page } = workbench();
        await openFile(page, 'stacked.rnn');
        await waitForInlayHints(page);
        await expect.poll(() => squiggles(page), { timeout: 30_000 }).toEqual([{ lineNumber: SECOND_LSTM, kind: 'error' }]);
        expect((await lineAt(page, FIRST_LSTM)).hints).toContain(shape([null, 30]));
        const listed = (await problems(page)).filter(p => p.file.includes('stacked.rnn'));
        expect(listed.map(p => p.shown)).toEqual([expect.stringMatching(/rnn-lens\W+missing-return-sequences\W+\[Ln 3, Col 5\]/)]);
        expect(listed[0]!.label).toMatch(/Add return_sequences=True to the LSTM before it.* at line 3 and character 5/);
        await workbench().screenshot('1-missing-return-sequences');

        await focusEditor(page);
        await goToLine(page, SECOND_LSTM, 6);
        await page.keyboard.press('Control+.');
        const fix = page.locator('.action-widget .monaco-list-row', { hasText: STACKED_LSTM.fixTitle }).first();
        await fix.waitFor({ timeout: 15_000 });
        await workbench().screenshot('2-quick-fix-menu');
        await fix.click();

        await expect.poll(async () => (await lineAt(page, FIRST_LSTM)).text.trim(), { timeout: 15_000 })
            .toBe(STACKED_LSTM.fixedFirstLine);
        await expect.poll(() => squiggles(page), { timeout: 30_000 }).toEqual([]);
        // The fixed model's analysis, from the CLI on the fixed text, is what the hint now shows.
        const fixed = summaryJson(await savedCopy(page));
        await expect.poll(async () => (await lineAt(page, FIRST_LSTM)).hints, { timeout: 15_000 })
            .toEqual([shape(fixed[0]!.layers[0]!.outputShape), `${count(fixed[0]!.layers[0]!.params)} params`]);
        expect(fixed[0]!.layers[0]!.outputShape).toEqual([null, 21, 30]);
        await expect.poll(async () => (await problems(page)).filter(p => p.file.includes('stacked.rnn')), { timeout: 15_000 }).toEqual([]);
        await workbench().screenshot('3-after-quick-fix');
    });

    test('completion inside LSTM( offers return_sequences', async () => {
        const { page } = workbench();
        await openFile(page, 'complete.rnn');
        await waitForInlayHints(page);
        await goToLine(page, 2, 1);
        await page.keyboard.press('End');
        await page.keyboard.press('Enter');
        await page.keyboard.type('LSTM(');
        expect(await suggestions(page), 'the first arguments of LSTM(').toEqual(expect.arrayContaining(['units=', 'activation=']));
        await page.keyboard.type('20, ret');
        const labels = await suggestions(page);
        await workbench().screenshot('4-completion');
        expect(labels).toContain('return_sequences=');
        // Accepting it writes the argument.
        await page.locator('.editor-widget.suggest-widget .monaco-list-row', { hasText: 'return_sequences' }).first().click();
        await expect.poll(async () => (await lineAt(page, 3)).text.trim()).toMatch(/^LSTM\(20, return_sequences=/);
    });

    /** Saves the active editor (Ctrl+S) and returns its file, for the CLI to analyse the text the editor holds. */
    async function savedCopy(page: import('playwright-core').Page): Promise<string> {
        await focusEditor(page);
        await page.keyboard.press('Control+S');
        await page.waitForFunction(() => !document.querySelector('.editor-group-container.active .tab.active.dirty'), null, { timeout: 10_000 });
        return `${workbench().workspace}/stacked.rnn`;
    }
});
