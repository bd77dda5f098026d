/**
 * The walkthrough's first step: the course notebook's models (examples/advanced_rnn_theory.rnn),
 * and the same as a Jupyter notebook (examples/advanced_rnn_theory.ipynb).
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

const NOTEBOOK_EXAMPLE = 'advanced_rnn_theory.ipynb';
const NOTEBOOK_TYPE = 'jupyter-notebook';

/** The notebook: the workspace's copy, else the extension's as a new untitled notebook (its cells, not the file). */
async function exampleNotebook(extensionUri: vscode.Uri): Promise<vscode.NotebookDocument> {
    const [inWorkspace] = await vscode.workspace.findFiles(`**/${NOTEBOOK_EXAMPLE}`, '**/node_modules/**', 1);
    if (inWorkspace) return vscode.workspace.openNotebookDocument(inWorkspace);
    const bytes = await vscode.workspace.fs.readFile(vscode.Uri.joinPath(extensionUri, 'examples', NOTEBOOK_EXAMPLE));
    const json = JSON.parse(new TextDecoder().decode(bytes)) as { cells: Array<{ cell_type: string; source: string | string[] }> };
    const cells = json.cells.map(cell => {
        const code = cell.cell_type === 'code';
        const text = Array.isArray(cell.source) ? cell.source.join('') : cell.source;
        return new vscode.NotebookCellData(code ? vscode.NotebookCellKind.Code : vscode.NotebookCellKind.Markup, text, code ? 'python' : 'markdown');
    });
    return vscode.workspace.openNotebookDocument(NOTEBOOK_TYPE, new vscode.NotebookData(cells));
}

export function registerOpenExample(extensionUri: vscode.Uri): vscode.Disposable[] {
    return [
        vscode.commands.registerCommand(COMMANDS.openExample, async () => {
            await vscode.window.showTextDocument(await exampleDocument(extensionUri));
        }),
        vscode.commands.registerCommand(COMMANDS.openNotebookExample, async () => {
            try {
                await vscode.window.showNotebookDocument(await exampleNotebook(extensionUri));
            } catch (error) {
                // Without a Jupyter notebook editor (the Jupyter extension), there is no notebook to open.
                void vscode.window.showErrorMessage(`RNN Lens: the course notebook could not be opened (${error instanceof Error ? error.message : String(error)}); is the Jupyter extension installed?`);
            }
        })
    ];
}
