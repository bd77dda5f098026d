/**
 * The status-bar item: the total parameters of the model under the cursor in a .rnn editor,
 * hidden elsewhere; clicking it shows that model's summary.
 */
import * as vscode from 'vscode';
import type { ModelOutline } from '../../../language/src/lsp.js';
import { COMMANDS } from './command-ids.js';
import { isModelDocument } from './model-languages.js';
import { modelAt } from './model-at-position.js';
import type { ModelOutlines } from './model-outlines.js';
import { modelStatusText } from './model-labels.js';

export class ModelStatusBar implements vscode.Disposable {
    private readonly item = vscode.window.createStatusBarItem('rnnLens.modelParams', vscode.StatusBarAlignment.Right, 100);
    private readonly subscriptions: vscode.Disposable[];

    constructor(private readonly outlines: ModelOutlines) {
        this.item.name = 'RNN Lens: model parameters';
        this.subscriptions = [
            this.item,
            vscode.window.onDidChangeActiveTextEditor(() => this.update()),
            vscode.window.onDidChangeTextEditorSelection(e => {
                if (e.textEditor === vscode.window.activeTextEditor) this.update();
            }),
            outlines.onDidChange(uri => {
                if (vscode.window.activeTextEditor?.document.uri.toString() === uri.toString()) this.update();
            })
        ];
        this.update();
    }

    /** Shows the model under the active editor's cursor; asks the server only when nothing is known yet. */
    update(): void {
        const editor = vscode.window.activeTextEditor;
        if (!editor || !isModelDocument(editor.document)) {
            this.item.hide();
            return;
        }
        const known = this.outlines.latest(editor.document);
        if (known) {
            this.show(editor, known);
        } else {
            this.outlines.get(editor.document).then(
                models => {
                    if (vscode.window.activeTextEditor === editor) this.show(editor, models);
                },
                () => this.item.hide()
            );
        }
    }

    private show(editor: vscode.TextEditor, models: readonly ModelOutline[]): void {
        const model = modelAt(models, editor.selection.active);
        if (!model) {
            this.item.hide();
            return;
        }
        const { text, tooltip } = modelStatusText(model);
        this.item.text = text;
        this.item.tooltip = tooltip;
        this.item.command = { title: 'Show Summary', command: COMMANDS.showSummary, arguments: [editor.document.uri.toString(), model.name] };
        this.item.show();
    }

    dispose(): void {
        for (const s of this.subscriptions) s.dispose();
    }
}
