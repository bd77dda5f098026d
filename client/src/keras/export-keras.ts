/**
 * Export to Keras: a model as a runnable Keras script (or, given `tfjs` as a third argument,
 * TypeScript for @tensorflow/tfjs), in a new untitled editor beside the .rnn file. The language
 * server writes it (rnnLens/exportKeras, the code `rnn-lens export` runs) and refuses a model
 * with errors, naming them.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import type { ExportTarget } from '../../../language/src/index.js';
import { chooseModel } from '../common/choose-model.js';
import { COMMANDS } from '../common/command-ids.js';
import { commandLogLine, errorText } from '../common/command-log.js';
import { requestExportKeras } from '../common/model-view-requests.js';
import type { ModelOutlines } from '../common/model-outlines.js';

/** The editor language of each target's code. */
const LANGUAGES: Readonly<Record<ExportTarget, string>> = { keras: 'python', tfjs: 'typescript' };

export function registerExportKeras(client: BaseLanguageClient, outlines: ModelOutlines, log: vscode.LogOutputChannel): vscode.Disposable {
    const say = (what: string) => log.info(commandLogLine(COMMANDS.exportKeras, what));
    return vscode.commands.registerCommand(COMMANDS.exportKeras, async (...args: unknown[]) => {
        const source = await chooseModel(args, outlines, 'export to Keras');
        if (!source) return;
        const target: ExportTarget = args[2] === 'tfjs' ? 'tfjs' : 'keras';
        let result;
        try {
            result = await requestExportKeras(client, source, target);
        } catch (error) {
            say(`the language server failed: ${errorText(error)}`);
            void vscode.window.showErrorMessage(`RNN Lens: the export failed: ${errorText(error)}. See the "RNN Lens" output.`);
            return;
        }
        if ('error' in result) {
            for (const problem of result.problems) log.warn(commandLogLine(COMMANDS.exportKeras, `${source.model}: ${problem}`));
            say(`not exported: ${result.error}`);
            const more = result.problems.length > 0 ? ` (${result.problems[0]})` : '';
            void vscode.window.showErrorMessage(`RNN Lens: ${result.error}${more}`);
            return;
        }
        const document = await vscode.workspace.openTextDocument({ language: LANGUAGES[target], content: result.code });
        await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside });
        say(`exported ${result.model} (${target}) from ${source.document} into ${document.uri.toString()}`);
    });
}
