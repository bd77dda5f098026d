/**
 * Explain Model: the walk-through of `rnn-lens explain` (rnnLens/explain) in the Markdown
 * preview beside the .rnn file. It previews a read-only document (scheme `rnn-lens-explain`)
 * that is made again after each edit of the .rnn file, so that the preview follows the edits.
 */
import * as vscode from 'vscode';
import { baseName } from '../../../language/src/index.js';
import type { ExplainResult, NoSuchModel } from '../../../language/src/lsp.js';
import { chooseModel } from '../common/choose-model.js';
import { COMMANDS, EXPLAIN_SCHEME, SUMMARY_SCHEME } from '../common/command-ids.js';
import { commandLogLine, errorText } from '../common/command-log.js';
import { ModelDocuments, modelDocumentUri } from '../common/model-documents.js';
import type { ModelOutlines } from '../common/model-outlines.js';
import type { SummarySource } from '../common/summary-source.js';
import { explainDocumentText } from './explain-text.js';
import { explainUriParts, viewDocumentSource } from './view-sources.js';

export function explainUri(source: SummarySource): vscode.Uri {
    return modelDocumentUri(EXPLAIN_SCHEME, explainUriParts(source));
}

/**
 * The walk-through documents. The Markdown preview reads its document without keeping it open,
 * and VS Code lets go of such a document a few minutes later: it is kept open while a Markdown
 * preview of it is among the tabs, so that the preview still follows edits after that.
 */
export function explainDocuments(explainOf: (source: SummarySource) => Promise<ExplainResult | NoSuchModel>, outlines: ModelOutlines): ModelDocuments {
    return new ModelDocuments(EXPLAIN_SCHEME, async source => explainDocumentText(source, await explainOf(source)), 'explanation', outlines, { keepOpen: isPreviewed });
}

/** Whether a Markdown preview tab shows the document: its label ends with the document's file name ("Preview M explained.md"). */
function isPreviewed(uri: vscode.Uri): boolean {
    const fileName = baseName(uri.path);
    return vscode.window.tabGroups.all.some(group => group.tabs.some(tab =>
        tab.input instanceof vscode.TabInputWebview && tab.input.viewType.includes('markdown.preview') && tab.label.endsWith(fileName)));
}

export function registerExplain(outlines: ModelOutlines, log: vscode.LogOutputChannel): vscode.Disposable {
    const say = (what: string) => log.info(commandLogLine(COMMANDS.explain, what));
    return vscode.commands.registerCommand(COMMANDS.explain, async (...args: unknown[]) => {
        const fromView = viewDocumentSource(args, vscode.window.activeTextEditor?.document.uri, [SUMMARY_SCHEME, EXPLAIN_SCHEME]);
        const source = fromView ?? await chooseModel(args, outlines, 'explain');
        if (!source) return;
        const uri = explainUri(source);
        try {
            // From a summary or a walk-through: in its place, beside the .rnn file already.
            await vscode.commands.executeCommand(fromView ? 'markdown.showPreview' : 'markdown.showPreviewToSide', uri);
            say(`showing the walk-through of ${source.model} (${source.document}) as ${uri.toString()}`);
        } catch (error) {
            say(`the Markdown preview did not open: ${errorText(error)}; opening the Markdown instead`);
            await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(uri), { viewColumn: vscode.ViewColumn.Beside, preview: true });
        }
    });
}
