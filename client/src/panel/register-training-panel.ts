/**
 * The training panel's commands and its restore after a restart:
 *
 *   rnnLens.train         (uri, model) from the CodeLens; a resource or nothing from the editor
 *                         title or the Command Palette: the model at the cursor, else picked.
 *                         One panel: a second Train on another model reuses it, asking first when
 *                         that would stop a training that is running.
 *   rnnLens.stopTraining  posts `stop` to the panel.
 *   the serializer        VS Code restores the panel from the page's saved state (the page shows
 *                         a training that was cut off as stopped, with its curves).
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { ModelDescriptionParams } from '../../../language/src/lsp.js';
import { isActiveStatus } from '../../../webview/src/index.js';
import { chooseModel } from '../common/choose-model.js';
import { COMMANDS } from '../common/command-ids.js';
import type { ModelOutlines } from '../common/model-outlines.js';
import { requestDiagram } from '../common/model-view-requests.js';
import type { ModelDescriptionResult } from './model-messages.js';
import { MODEL_DESCRIPTION_REQUEST_NAME, PANEL_LOG_PREFIX, SHOW_TRAINING_PANEL_COMMAND, TRAINING_PANEL_VIEW_TYPE } from './panel-ids.js';
import { decideOpen, restoredTarget, stopQuestion, type PanelTarget } from './panel-target.js';
import { panelTitle, TrainingPanel, webviewOptions, type TrainingPanelServices } from './training-panel.js';

/** How long a second Train waits for the first run to stop (it stops after its current batch). */
const STOP_TIMEOUT_MS = 20_000;

export function registerTrainingPanel(context: vscode.ExtensionContext, client: BaseLanguageClient, outlines: ModelOutlines, log: vscode.LogOutputChannel): vscode.Disposable[] {
    const services: TrainingPanelServices = {
        extensionUri: context.extensionUri,
        log,
        describe: target => client.sendRequest<ModelDescriptionResult>(MODEL_DESCRIPTION_REQUEST_NAME, { uri: target.uri, model: target.model } satisfies ModelDescriptionParams),
        diagram: (target, theme) => requestDiagram(client, { document: target.uri, model: target.model }, theme)
    };
    let panel: TrainingPanel | undefined;

    const adopt = (webviewPanel: vscode.WebviewPanel, target: PanelTarget): TrainingPanel => {
        const created = new TrainingPanel(webviewPanel, target, services);
        created.onDidDispose(() => { if (panel === created) panel = undefined; });
        panel = created;
        return created;
    };

    const train = async (...args: unknown[]): Promise<void> => {
        const source = await chooseModel(args, outlines, 'train');
        if (!source) return;
        // The URI as VS Code writes it, whatever the CodeLens's server wrote: it is compared with the editor's.
        const target: PanelTarget = { uri: vscode.Uri.parse(source.document).toString(), model: source.model };
        const current = panel;
        const decision = decideOpen(current && { target: current.current, runStatus: current.runStatus }, target);
        log.info(`${PANEL_LOG_PREFIX} train ${target.model} (${decision})`);
        if (!current || decision === 'create') {
            const webviewPanel = vscode.window.createWebviewPanel(TRAINING_PANEL_VIEW_TYPE, panelTitle(target), { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true }, {
                ...webviewOptions(context.extensionUri),
                // The training runs in the page (tfjs in a worker): a hidden panel that lost its page would stop it.
                // Everything else the page keeps in setState, and a restart restores it through the serializer.
                retainContextWhenHidden: true
            });
            return adopt(webviewPanel, target).show(target, true);
        }
        if (decision === 'same') {
            // A run of this model going on: just show it; else train it (again).
            return current.show(target, !isActiveStatus(current.runStatus));
        }
        if (decision === 'askToStop') {
            const stopAndTrain = `Stop and Train ${target.model}`;
            const answer = await vscode.window.showWarningMessage(stopQuestion(current.current, target), { modal: true }, stopAndTrain);
            if (answer !== stopAndTrain) {
                log.info(`${PANEL_LOG_PREFIX} kept training ${current.current.model}`);
                return current.reveal();
            }
            current.stop();
            if (!(await current.waitUntilIdle(STOP_TIMEOUT_MS))) {
                void vscode.window.showWarningMessage(`RNN Lens: ${current.current.model} did not stop within ${STOP_TIMEOUT_MS / 1000} s; ${target.model} was not started.`);
                return;
            }
        }
        if (panel === current) await current.show(target, true);
    };

    return [
        vscode.commands.registerCommand(COMMANDS.train, train),
        vscode.commands.registerCommand(COMMANDS.stopTraining, () => {
            if (panel?.stop()) return;
            void vscode.window.showInformationMessage('RNN Lens: no training is running.');
        }),
        vscode.commands.registerCommand(SHOW_TRAINING_PANEL_COMMAND, () => panel?.reveal()),
        vscode.window.registerWebviewPanelSerializer(TRAINING_PANEL_VIEW_TYPE, {
            async deserializeWebviewPanel(webviewPanel: vscode.WebviewPanel, state: unknown) {
                const target = restoredTarget(state);
                if (!target || panel) {
                    // Nothing to show (no model saved), or a panel opened meanwhile: one panel at a time.
                    log.info(`${PANEL_LOG_PREFIX} not restored (${target ? 'another panel is open' : 'no model in its saved state'})`);
                    webviewPanel.dispose();
                    return;
                }
                log.info(`${PANEL_LOG_PREFIX} restored for ${target.model}`);
                await adopt(webviewPanel, target).show(target, false, false);
            }
        })
        // No disposable for the panel itself: disposing it as the extension host shuts down would
        // close it, and VS Code would not restore it after the restart.
    ];
}
