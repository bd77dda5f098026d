/**
 * Publishes the core's diagnostics: syntax, lowering and analysis, each with its stable code.
 * Langium's own lexer/parser/linker diagnostics are replaced by the core's (undefined constants
 * are reported by lowering, with a did-you-mean), so that every diagnostic has one source.
 */
import { DocumentState, type DocumentValidator, type LangiumDocument } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { RnnDiagnostic } from '../model/diagnostic.js';
import type { AnalysisCache } from './analysis-cache.js';
import { readDiagnosticLevels, type DiagnosticLevels } from '../analysis/diagnostic-levels.js';
import { diagnosticLevelSettings, DIAGNOSTICS_SETTING, SETTINGS_SECTION } from './settings.js';

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
    constructor(private readonly analyses: AnalysisCache) {}

    async validateDocument(document: LangiumDocument): Promise<Diagnostic[]> {
        return this.analyses.get(document).diagnostics.map(toLspDiagnostic);
    }
}

/**
 * Keeps the analyses at the levels of `rnnLens.diagnostics`: read once the client's settings are in,
 * then on each change, when every validated document's diagnostics are published again (Langium
 * validates only on edits, and a user who turns a code off expects it gone now). Nothing waits for
 * the settings: until they come, the defaults apply.
 */
export function followDiagnosticSettings(shared: LangiumSharedServices, analyses: AnalysisCache): void {
    const configuration = shared.workspace.ConfigurationProvider;
    const apply = (levels: DiagnosticLevels) => {
        if (!analyses.useLevels(levels)) return;
        // Validation again, not a new parse: a document closed since may no longer be readable.
        const documents = shared.workspace.LangiumDocuments.all.filter(d => d.state >= DocumentState.Validated).toArray();
        if (documents.length > 0) void shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.build(documents, { validation: true }, token));
    };
    void configuration.ready.then(async () => apply(await diagnosticLevelSettings(configuration)));
    configuration.onConfigurationSectionUpdate(update => {
        if (update.section === SETTINGS_SECTION) apply(readDiagnosticLevels(update.configuration?.[DIAGNOSTICS_SETTING]).levels);
    });
}
