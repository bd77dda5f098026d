/**
 * The model a command acts on: the one its arguments name (CodeLens, status bar), else the one
 * under the cursor, else one the user picks from the document's models.
 */
import * as vscode from 'vscode';
import type { ModelOutline } from '../../../language/src/lsp.js';
import { commandTarget } from './command-args.js';
import { isModelDocument } from './model-languages.js';
import { modelAt } from './model-at-position.js';
import { modelPickItem } from './model-labels.js';
import type { ModelOutlines } from './model-outlines.js';
import type { SummarySource } from './summary-source.js';

/** The .rnn document the command is about: the one named, else the active editor's. */
async function targetDocument(uri: string | undefined): Promise<vscode.TextDocument | undefined> {
    if (uri !== undefined) return vscode.workspace.openTextDocument(vscode.Uri.parse(uri));
    const document = vscode.window.activeTextEditor?.document;
    return document && isModelDocument(document) ? document : undefined;
}

/** `purpose` completes "Choose the model to ...". Undefined when there is none or the user cancels. */
export async function chooseModel(args: readonly unknown[], outlines: ModelOutlines, purpose: string): Promise<SummarySource | undefined> {
    const target = commandTarget(args);
    if (target.uri !== undefined && target.model !== undefined) return { document: target.uri, model: target.model };
    const document = await targetDocument(target.uri);
    if (!document) {
        void vscode.window.showInformationMessage(`Open a .rnn file, or Python or a notebook with a Keras Sequential model, to ${purpose}.`);
        return undefined;
    }
    let models: readonly ModelOutline[];
    try {
        models = await outlines.get(document);
    } catch (error) {
        void vscode.window.showErrorMessage(`RNN Lens: the language server did not list the models (${error instanceof Error ? error.message : String(error)}). See the "RNN Lens" output.`);
        return undefined;
    }
    const editor = vscode.window.activeTextEditor;
    const atCursor = editor?.document === document ? modelAt(models, editor.selection.active) : undefined;
    if (atCursor) return { document: document.uri.toString(), model: atCursor.name };
    if (models.length === 0) {
        void vscode.window.showInformationMessage(`${vscode.workspace.asRelativePath(document.uri)} has no model to ${purpose}.`);
        return undefined;
    }
    const picked = await vscode.window.showQuickPick(models.map(modelPickItem), { title: `Choose the model to ${purpose}` });
    return picked ? { document: document.uri.toString(), model: picked.label } : undefined;
}
