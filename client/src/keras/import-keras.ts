/**
 * Import from Keras: the Keras models of the active Python file, of the selected Python lines, of
 * the active Jupyter notebook (its code cells), or of a .py/.ipynb file from the explorer, as a
 * new untitled .rnn document beside. The language server translates (rnnLens/importKeras, the
 * code `rnn-lens import` runs); what it could not translate is said in the output.
 */
import * as vscode from 'vscode';
import type { BaseLanguageClient } from 'vscode-languageclient';
import { baseName, sourceKindOf, type KerasSourceKind } from '../../../language/src/index.js';
import { COMMANDS, LANGUAGE_ID } from '../common/command-ids.js';
import { commandLogLine, errorText } from '../common/command-log.js';
import { requestImportKeras } from '../common/model-view-requests.js';
import { importReport, notebookJson, selectionSource } from './import-input.js';

interface KerasCode {
    readonly text: string;
    readonly kind: KerasSourceKind;
    /** How the result and the messages name the code: `m.py`, `m.py (lines 4–9)`, `course.ipynb`. */
    readonly fileName: string;
}

const NOTEBOOK_CELL_SCHEME = 'vscode-notebook-cell';

function fromEditor(editor: vscode.TextEditor): KerasCode {
    const document = editor.document;
    const name = baseName(document.uri.path);
    const selection = editor.selection;
    if (selection.isEmpty) return { text: document.getText(), kind: 'py', fileName: name };
    // Whole lines: a selection ending at the start of a line does not take that line.
    const last = selection.end.character === 0 && selection.end.line > selection.start.line ? selection.end.line - 1 : selection.end.line;
    const lines = Array.from({ length: last + 1 }, (_, line) => document.lineAt(line).text);
    return { text: selectionSource(lines, selection.start.line, last), kind: 'py', fileName: `${name} (lines ${selection.start.line + 1}–${last + 1})` };
}

function fromNotebook(notebook: vscode.NotebookDocument): KerasCode {
    const cells = notebook.getCells().map(cell => ({ code: cell.kind === vscode.NotebookCellKind.Code, text: cell.document.getText() }));
    return { text: notebookJson(cells), kind: 'ipynb', fileName: baseName(notebook.uri.path) };
}

async function fromFile(uri: vscode.Uri): Promise<KerasCode> {
    const name = baseName(uri.path);
    const open = vscode.workspace.textDocuments.find(d => d.uri.toString() === uri.toString());
    const text = open ? open.getText() : new TextDecoder().decode(await vscode.workspace.fs.readFile(uri));
    return { text, kind: sourceKindOf(name), fileName: name };
}

/**
 * The code the invocation is about: a file named by a menu (explorer, editor context), else the
 * active Python editor (its selection when there is one), else the active notebook.
 */
async function codeToImport(args: readonly unknown[]): Promise<KerasCode | undefined> {
    const editor = vscode.window.activeTextEditor;
    const pythonEditor = editor && editor.document.languageId === 'python' && editor.document.uri.scheme !== NOTEBOOK_CELL_SCHEME ? editor : undefined;
    // A menu gives a Uri; the server's Open as .rnn lens gives the document's URI as a string.
    const first = typeof args[0] === 'string' ? vscode.Uri.parse(args[0]) : args[0];
    if (first instanceof vscode.Uri && first.toString() !== pythonEditor?.document.uri.toString()) {
        // A notebook, or one of its cells (the editor context menu in a cell): the whole notebook.
        const notebook = vscode.workspace.notebookDocuments.find(n =>
            n.uri.toString() === first.toString() || n.getCells().some(c => c.document.uri.toString() === first.toString()));
        return notebook ? fromNotebook(notebook) : fromFile(first);
    }
    if (pythonEditor) return fromEditor(pythonEditor);
    const notebook = vscode.window.activeNotebookEditor?.notebook;
    return notebook ? fromNotebook(notebook) : undefined;
}

export function registerImportKeras(client: BaseLanguageClient, log: vscode.LogOutputChannel): vscode.Disposable {
    const say = (what: string) => log.info(commandLogLine(COMMANDS.importKeras, what));
    return vscode.commands.registerCommand(COMMANDS.importKeras, async (...args: unknown[]) => {
        let code: KerasCode | undefined;
        try {
            code = await codeToImport(args);
        } catch (error) {
            say(`cannot read the code: ${errorText(error)}`);
            void vscode.window.showErrorMessage(`RNN Lens: cannot read the code to import: ${errorText(error)}`);
            return;
        }
        if (!code) {
            say('no Python editor or notebook is active');
            void vscode.window.showInformationMessage('RNN Lens: open a Python file or a Jupyter notebook with Keras models (or select their lines) to import them.');
            return;
        }
        say(`importing ${code.fileName} (${code.kind})`);
        let result;
        try {
            result = await requestImportKeras(client, code.text, code.kind, code.fileName);
        } catch (error) {
            say(`the language server failed: ${errorText(error)}`);
            void vscode.window.showErrorMessage(`RNN Lens: the import failed: ${errorText(error)}. See the "RNN Lens" output.`);
            return;
        }
        if ('error' in result) {
            say(`not imported: ${result.error}`);
            void vscode.window.showErrorMessage(`RNN Lens: ${result.error}`);
            return;
        }
        const document = await vscode.workspace.openTextDocument({ language: LANGUAGE_ID, content: result.text });
        await vscode.window.showTextDocument(document, { viewColumn: vscode.ViewColumn.Beside });
        const report = importReport(code.fileName, result);
        for (const line of report.lines) log.warn(commandLogLine(COMMANDS.importKeras, line));
        say(`imported ${result.models.length} model(s) [${result.models.join(', ')}] from ${code.fileName} into ${document.uri.toString()}, ${result.warnings.length} warning(s)`);
        void vscode.window.showInformationMessage(report.message);
    });
}
