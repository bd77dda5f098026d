/**
 * Train Model, Export to Keras and Stop Training exist (the CodeLens, the editor-title button
 * and the Command Palette call them) but their editor side is still to come: the training panel
 * is its own piece of work. Until then they say so, and point to the command line that does it
 * today, rather than pretend.
 */
import * as vscode from 'vscode';
import { commandTarget } from './command-args.js';
import { COMMANDS, LANGUAGE_ID } from './command-ids.js';

/**
 * `npx rnn-lens train FILE --model NAME`: the file and model the invocation named (the CodeLens
 * names both), else the active .rnn editor's file.
 */
function cliLine(subcommand: 'train' | 'export', args: readonly unknown[]): string {
    const target = commandTarget(args);
    const active = vscode.window.activeTextEditor?.document;
    const uri = target.uri !== undefined ? vscode.Uri.parse(target.uri) : active?.languageId === LANGUAGE_ID ? active.uri : undefined;
    const file = uri ? vscode.workspace.asRelativePath(uri) : 'FILE.rnn';
    const quoted = /\s/.test(file) ? `"${file}"` : file;
    return `npx rnn-lens ${subcommand} ${quoted}${target.model !== undefined ? ` --model ${target.model}` : ''}`;
}

export function registerPendingCommands(): vscode.Disposable[] {
    return [
        vscode.commands.registerCommand(COMMANDS.train, (...args: unknown[]) =>
            vscode.window.showInformationMessage(`RNN Lens: the training panel is not available in the editor yet. To train from a terminal: ${cliLine('train', args)}`)),
        vscode.commands.registerCommand(COMMANDS.exportKeras, (...args: unknown[]) =>
            vscode.window.showInformationMessage(`RNN Lens: Export to Keras is not available in the editor yet. From a terminal: ${cliLine('export', args)}`)),
        vscode.commands.registerCommand(COMMANDS.stopTraining, () =>
            vscode.window.showInformationMessage('RNN Lens: no training is running.'))
    ];
}
