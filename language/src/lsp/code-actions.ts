/** Quick fixes: the core computes them with each diagnostic; here they become code actions. */
import type { LangiumDocument } from 'langium';
import type { CodeActionProvider } from 'langium/lsp';
import { CodeActionKind, type CodeAction, type CodeActionParams } from 'vscode-languageserver';
import type { DiagnosticPayload } from './document-validator.js';
import { DIAGNOSTIC_SOURCE } from './document-validator.js';

export class RnnCodeActionProvider implements CodeActionProvider {
    getCodeActions(document: LangiumDocument, params: CodeActionParams): CodeAction[] {
        const actions: CodeAction[] = [];
        for (const diagnostic of params.context.diagnostics) {
            if (diagnostic.source !== DIAGNOSTIC_SOURCE) continue;
            const fixes = (diagnostic.data as DiagnosticPayload | undefined)?.fixes ?? [];
            for (const fix of fixes) {
                actions.push({
                    title: fix.title,
                    kind: CodeActionKind.QuickFix,
                    diagnostics: [diagnostic],
                    isPreferred: fix.preferred === true,
                    edit: { changes: { [document.textDocument.uri]: fix.edits.map(e => ({ range: e.range, newText: e.newText })) } }
                });
            }
        }
        return actions;
    }
}
