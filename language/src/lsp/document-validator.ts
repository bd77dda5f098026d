/**
 * Publishes the core's diagnostics: syntax, lowering and analysis, each with its stable code.
 * Langium's own lexer/parser/linker diagnostics are replaced by the core's (undefined constants
 * are reported by lowering, with a did-you-mean), so that every diagnostic has one source.
 */
import type { DocumentValidator, LangiumDocument } from 'langium';
import { DiagnosticSeverity, type Diagnostic } from 'vscode-languageserver';
import type { RnnDiagnostic } from '../model/diagnostic.js';
import type { AnalysisCache } from './analysis-cache.js';

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
