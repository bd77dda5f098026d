/** Show Summary: the Keras table of a model in a read-only editor beside the .rnn file. */
import * as vscode from 'vscode';
import { chooseModel } from './choose-model.js';
import { COMMANDS } from './command-ids.js';
import type { ModelOutlines } from './model-outlines.js';
import { summaryUri } from './summary-documents.js';

export function registerShowSummary(outlines: ModelOutlines): vscode.Disposable {
    return vscode.commands.registerCommand(COMMANDS.showSummary, async (...args: unknown[]) => {
        const source = await chooseModel(args, outlines, 'show its summary');
        if (!source) return;
        const document = await vscode.workspace.openTextDocument(summaryUri(source));
        await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside, preview: true });
    });
}
