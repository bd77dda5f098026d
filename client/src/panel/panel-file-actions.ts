/**
 * What the panel's page asks of the workspace, done with vscode APIs only (vscode.workspace.fs,
 * the dialogs: the same in desktop VS Code and VS Code for the Web): read the data file, save the
 * trained model into a folder chosen in a save dialog (beside the .rnn file by default), save the
 * diagram as SVG, and show an error's place in the .rnn file.
 */
import * as vscode from 'vscode';
import type { HostMessage } from '../../../webview/src/index.js';
import { readDataFile, type DataFileMessage } from './data-file.js';
import { diagramFileName } from '../explain/diagram-html.js';
import { formatBytes, modelFolderName, tfjsModelFiles, type SaveModelMessage } from './model-files.js';

type SaveResult = Extract<HostMessage, { type: 'saveResult' }>;

const beside = (rnnUri: vscode.Uri, name: string) => vscode.Uri.joinPath(rnnUri, '..', name);

export function readWorkspaceDataFile(rnnUri: string, path: string): Promise<DataFileMessage> {
    const folders = (vscode.workspace.workspaceFolders ?? []).map(folder => folder.uri.toString());
    return readDataFile(rnnUri, path, folders, uri => Promise.resolve(vscode.workspace.fs.readFile(vscode.Uri.parse(uri))));
}

/** Undefined when the user cancels the dialog. */
export async function saveModelFiles(rnnUri: string, message: SaveModelMessage): Promise<SaveResult | undefined> {
    const checked = tfjsModelFiles(message);
    if (!checked.ok) return { type: 'saveResult', ok: false, message: `Not saved: ${checked.message}` };
    const folder = await vscode.window.showSaveDialog({
        defaultUri: beside(vscode.Uri.parse(rnnUri), modelFolderName(message.model)),
        title: `Save the trained ${message.model} (a folder for model.json and weights.bin)`,
        saveLabel: 'Save Model Here'
    });
    if (!folder) return undefined;
    try {
        const existing = await vscode.workspace.fs.stat(folder).then(stat => stat, () => undefined);
        if (existing && (existing.type & vscode.FileType.Directory) === 0) {
            return { type: 'saveResult', ok: false, message: `Not saved: ${vscode.workspace.asRelativePath(folder)} is a file; choose a folder name.` };
        }
        await vscode.workspace.fs.createDirectory(folder);
        for (const file of checked.files) await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(folder, file.name), file.bytes);
    } catch (error) {
        return { type: 'saveResult', ok: false, message: `Not saved: ${(error as Error).message}` };
    }
    const size = formatBytes(checked.files.reduce((sum, file) => sum + file.bytes.byteLength, 0));
    return { type: 'saveResult', ok: true, message: `Saved ${message.model} to ${vscode.workspace.asRelativePath(folder)} (model.json and weights.bin, ${size}).` };
}

/** The saved file's path, or undefined when the user cancels. Throws when writing fails. */
export async function saveDiagramSvg(rnnUri: string, model: string, svg: string): Promise<string | undefined> {
    const target = await vscode.window.showSaveDialog({
        defaultUri: beside(vscode.Uri.parse(rnnUri), diagramFileName(model)),
        filters: { 'SVG image': ['svg'] },
        title: `Save the diagram of ${model} as SVG`,
        saveLabel: 'Save SVG'
    });
    if (!target) return undefined;
    await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(svg));
    return vscode.workspace.asRelativePath(target);
}

/** Opens the .rnn document with `range` selected, in the editor group that shows it already if one does. */
export async function revealRange(rnnUri: string, range: { start: { line: number; character: number }; end: { line: number; character: number } }): Promise<void> {
    const uri = vscode.Uri.parse(rnnUri);
    const selection = new vscode.Range(range.start.line, range.start.character, range.end.line, range.end.character);
    const shown = vscode.window.visibleTextEditors.find(editor => editor.document.uri.toString() === uri.toString());
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document, { viewColumn: shown?.viewColumn ?? vscode.ViewColumn.One, selection, preserveFocus: false });
    editor.revealRange(selection, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}
