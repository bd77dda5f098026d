/**
 * Show Diagram: the model's layer stack as `rnn-lens diagram` draws it, in a webview panel beside
 * the .rnn file (diagram-panel.ts). From the Command Palette, the CodeLens, the .rnn editor's
 * title menu, and a summary's or a walk-through's title bar.
 */
import * as vscode from 'vscode';
import { chooseModel } from '../common/choose-model.js';
import { COMMANDS, EXPLAIN_SCHEME, SUMMARY_SCHEME } from '../common/command-ids.js';
import { commandLogLine } from '../common/command-log.js';
import type { ModelOutlines } from '../common/model-outlines.js';
import type { DiagramPanels } from './diagram-panel.js';
import { viewDocumentSource } from './view-sources.js';

export function registerShowDiagram(panels: DiagramPanels, outlines: ModelOutlines, log: vscode.LogOutputChannel): vscode.Disposable {
    return vscode.commands.registerCommand(COMMANDS.showDiagram, async (...args: unknown[]) => {
        const fromView = viewDocumentSource(args, vscode.window.activeTextEditor?.document.uri, [SUMMARY_SCHEME, EXPLAIN_SCHEME]);
        const source = fromView ?? await chooseModel(args, outlines, 'show its diagram');
        if (!source) return;
        log.info(commandLogLine(COMMANDS.showDiagram, `showing ${source.model} (${source.document})`));
        // From a summary or a walk-through: in its place, beside the .rnn file already.
        await panels.show(source, fromView ? vscode.ViewColumn.Active : vscode.ViewColumn.Beside);
    });
}
