/**
 * What the Node and the browser extension share: the output channel, the language client's
 * options, the commands, the status bar and the summary documents. Each entry point only says
 * how its language server is started (extension-node.ts: a Node process over IPC;
 * extension-browser.ts: a web worker).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient, LanguageClientOptions } from 'vscode-languageclient';
import { COMMANDS, LANGUAGE_ID, OUTPUT_CHANNEL_NAME } from './command-ids.js';
import { registerTrainingPanel } from '../panel/register-training-panel.js';
import { ModelOutlines } from './model-outlines.js';
import { ModelStatusBar } from './model-status-bar.js';
import { registerOpenExample } from './open-example.js';
import { requestModels, requestSummary } from './server-requests.js';
import { registerShowSummary } from './show-summary.js';
import { summaryDocuments } from './summary-documents.js';
import { requestDiagram, requestExplain } from './model-view-requests.js';
import { DiagramPanels } from '../explain/diagram-panel.js';
import { explainDocuments, registerExplain } from '../explain/explain-model.js';
import { registerShowDiagram } from '../explain/show-diagram.js';
import { registerExportKeras } from '../keras/export-keras.js';
import { registerImportKeras } from '../keras/import-keras.js';

export interface LanguageServerHandle {
    /** The client, not started yet. */
    readonly client: BaseLanguageClient;
    /** Stops the server and starts a fresh one (the Restart Language Server command). */
    restart(): Promise<void>;
}

let running: BaseLanguageClient | undefined;

export async function startExtension(
    context: vscode.ExtensionContext,
    connect: (options: LanguageClientOptions) => LanguageServerHandle
): Promise<void> {
    const log = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, { log: true });
    context.subscriptions.push(log);
    const { client, restart } = connect({
        documentSelector: [{ language: LANGUAGE_ID }],
        // One channel for the client, the server's own messages and ours. The server asks for the
        // `rnnLens` settings itself (workspace/configuration) and registers for their changes.
        outputChannel: log,
        // The commands this client runs, which the server may attach to completion items and code
        // lenses (LSP has no capability for them: the server sends them only to a client that
        // declares them here, never to Neovim or Emacs, which could not run them).
        initializationOptions: { editorCommands: ['editor.action.triggerSuggest', 'editor.action.triggerParameterHints', ...Object.values(COMMANDS)] }
        // A crashed server is restarted by the client's default error handler (up to 4 times in 3 minutes).
    });
    running = client;

    const outlines = new ModelOutlines(uri => requestModels(client, uri), log);
    const summaries = summaryDocuments(source => requestSummary(client, source.document, source.model), outlines);
    const explanations = explainDocuments(source => requestExplain(client, source), outlines);
    const diagrams = new DiagramPanels((source, theme) => requestDiagram(client, source, theme), outlines, log);
    const statusBar = new ModelStatusBar(outlines);
    // Everything is registered before the server is up, so that no command is ever "not found";
    // requests sent while the client starts wait for it.
    context.subscriptions.push(
        outlines, summaries, explanations, diagrams, statusBar,
        registerShowSummary(outlines),
        ...registerTrainingPanel(context, client, outlines, log),
        ...registerOpenExample(context.extensionUri),
        registerExplain(outlines, log),
        registerShowDiagram(diagrams, outlines, log),
        registerExportKeras(client, outlines, log),
        registerImportKeras(client, log),
        vscode.commands.registerCommand(COMMANDS.restartServer, async () => {
            log.info('Restarting the language server (command).');
            try {
                await restart();
                log.info('The RNN Lens language server is running again.');
            } catch (error) {
                log.error(`The RNN Lens language server did not restart: ${error instanceof Error ? error.message : String(error)}`);
                void vscode.window.showErrorMessage('RNN Lens: the language server did not restart. See the "RNN Lens" output for why.');
            }
            // The new server may see the documents differently (a rebuilt extension): ask again.
            outlines.clear();
            statusBar.update();
        })
    );

    try {
        await client.start();
        log.info('The RNN Lens language server is running.');
    } catch (error) {
        log.error(`The RNN Lens language server did not start: ${error instanceof Error ? error.message : String(error)}`);
        void vscode.window.showErrorMessage('RNN Lens: the language server did not start. See the "RNN Lens" output for why.');
    }
}

/** The extension's `deactivate`: VS Code waits for the server to shut down. */
export async function stopExtension(): Promise<void> {
    const client = running;
    running = undefined;
    if (client?.isRunning()) await client.stop();
}
