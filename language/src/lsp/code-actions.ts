/** Quick fixes: the core computes them with each diagnostic; here they become code actions. */
import type { LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic, type WorkspaceEdit } from 'vscode-languageserver';
import type { DocumentAnalysis } from '../analysis/types.js';
import type { RnnDiagnostic, TextEdit } from '../model/diagnostic.js';
import type { AnalysisCache } from './analysis-cache.js';
import type { ClientProfile } from './client-profile.js';
import type { DiagnosticPayload } from './document-validator.js';
import { DIAGNOSTIC_SOURCE } from './document-validator.js';

export class RnnCodeActionProvider implements CodeActionProvider {
    constructor(private readonly analyses: AnalysisCache, private readonly client: ClientProfile) {}

    getCodeActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        const uri = document.textDocument.uri;
        return quickFixActions(params.context.diagnostics, () => this.analyses.get(document), this.client,
            edits => ({ changes: { [uri]: edits.map(e => ({ range: e.range, newText: e.newText })) } }));
    }
}

/**
 * The quick fixes of the client's diagnostics as code actions, for either door: `analysis` gives
 * the current diagnostics (in the coordinates of the request's diagnostics), `workspaceEdit` turns
 * a fix's edits into the edit of the client's document(s).
 */
export function quickFixActions(
    diagnostics: readonly Diagnostic[], analysis: () => DocumentAnalysis, client: ClientProfile,
    workspaceEdit: (edits: readonly TextEdit[]) => WorkspaceEdit
): CodeAction[] {
    // A client without code action literals takes only commands: it gets no quick fixes.
    if (!client.codeActionLiterals) return [];
    const actions: CodeAction[] = [];
    for (const diagnostic of diagnostics) {
        if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
        for (const fix of fixesOf(analysis, diagnostic)) {
            const action: CodeAction = { title: fix.title, kind: CodeActionKind.QuickFix, diagnostics: [diagnostic], edit: workspaceEdit(fix.edits) };
            if (client.preferredCodeActions) action.isPreferred = fix.preferred === true;
            actions.push(action);
        }
    }
    return actions;
}

/**
 * The fixes travel in the diagnostic's `data`; a client that does not keep `data` sends the
 * diagnostic back without it, and the fixes are found again in the analysis (same code, same place).
 */
function fixesOf(analysis: () => DocumentAnalysis, diagnostic: Diagnostic): NonNullable<RnnDiagnostic['fixes']> {
    const carried = (diagnostic.data as DiagnosticPayload | undefined)?.fixes;
    if (carried) return carried;
    const same = analysis().diagnostics.find(d => d.code === diagnostic.code
        && d.range.start.line === diagnostic.range.start.line && d.range.start.character === diagnostic.range.start.character
        && d.range.end.line === diagnostic.range.end.line && d.range.end.character === diagnostic.range.end.character);
    return same?.fixes ?? [];
}
