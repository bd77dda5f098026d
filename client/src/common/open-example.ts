/**
 * The walkthrough's first step: the course notebook's models (examples/advanced_rnn_theory.rnn).
 * The workspace's own copy when it has one (a saved file, as a user would work); otherwise the
 * copy inside the extension, opened as a new untitled .rnn editor so that editing it never
 * touches the installed extension.
 */
import * as vscode from 'vscode';
import { COMMANDS, LANGUAGE_ID } from './command-ids.js';

const EXAMPLE = 'advanced_rnn_theory.rnn';

async function exampleDocument(extensionUri: vscode.Uri): Promise<vscode.TextDocument> {
    const [inWorkspace] = await vscode.workspace.findFiles(`**/${EXAMPLE}`, '**/node_modules/**', 1);
    if (inWorkspace) return vscode.workspace.openTextDocument(inWorkspace);
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'examples', EXAMPLE));
    return vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: new TextDecoder().decode(bytes) });
}

export function registerOpenExample(extensionUri: vscode.Uri): vscode.Disposable {
    return vscode.commands.registerCommand(COMMANDS.openExample, async () => {
        await vscode.window.showTextDocument(await exampleDocument(extensionUri));
    });
}
