/**
 * Publishes the core's diagnostics: syntax, lowering and analysis, each with its stable code.
 * Langium's own lexer/parser/linker diagnostics are replaced by the core's (undefined constants
 * are reported by lowering, with a did-you-mean), so that every diagnostic has one source.
 */
import { DocumentState, type ConfigurationProvider, type DocumentValidator, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { RnnDiagnostic } from '../model/diagnostic.js';
import type { AnalysisCache } from './analysis-cache.js';
import { diagnosticLevelSettings, SETTINGS_SECTION } from './settings.js';

export const DIAGNOSTIC_SOURCE = 'rnn-lens';

const SEVERITY: Record<RnnDiagnostic['severity'], DiagnosticSeverity> = {
    error: DiagnosticSeverity.Error,
    warning: DiagnosticSeverity.Warning,
    information: DiagnosticSeverity.Information,
    hint: DiagnosticSeverity.Hint
};

/** The quick fixes travel with the diagnostic, so that code actions need no second analysis. */
export interface DiagnosticPayload {
    readonly fixes: RnnDiagnostic['fixes'];
}

export function toLspDiagnostic(d: RnnDiagnostic): Diagnostic {
    const diagnostic: Diagnostic = {
        range: d.range,
        severity: SEVERITY[d.severity],
        code: d.code,
        source: DIAGNOSTIC_SOURCE,
        message: d.message
    };
    if (d.fixes && d.fixes.length > 0) diagnostic.data = { fixes: d.fixes } satisfies DiagnosticPayload;
    return diagnostic;
}

export class RnnDocumentValidator implements DocumentValidator {
    constructor(private readonly analyses: AnalysisCache, private readonly configuration: ConfigurationProvider) {}

    async validateDocument(document: LangiumDocument): Promise<Diagnostic[]> {
        this.analyses.useLevels(await diagnosticLevelSettings(this.configuration));
        return this.analyses.get(document).diagnostics.map(toLspDiagnostic);
    }
}

/**
 * A change of `rnnLens.diagnostics` publishes every document's diagnostics again: Langium
 * validates only on edits, and a user who turns a code off expects it gone now.
 */
export function revalidateOnDiagnosticSettings(shared: LangiumSharedServices): void {
    let last: string | undefined;
    shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(update => {
        if (update.section !== SETTINGS_SECTION) return;
        const key = JSON.stringify(update.configuration?.diagnostics ?? null);
        if (key === last) return;
        last = key;
        // Validation again, not a new parse: a document closed since may no longer be readable.
        const documents = shared.workspace.LangiumDocuments.all.filter(d => d.state >= DocumentState.Validated).toArray();
        void shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.build(documents, { validation: true }, token));
    });
}
