/**
 * The diagnostics as this client can take them: `data` (the quick fixes) only to a client that
 * keeps it for code actions (the others get the fixes found again, code-actions.ts), tags only
 * those the client lists, related information only where declared. Wraps the validator, so that
 * every published diagnostic passes here whatever computed it.
 */
import type { DocumentValidator, LangiumDocument, ValidationOptions } from 'langium';
import type { CancellationToken, Diagnostic } from 'vscode-languageserver';
import type { ClientProfile } from './client-profile.js';

export class ClientDiagnosticsValidator implements DocumentValidator {
    constructor(private readonly inner: DocumentValidator, private readonly client: ClientProfile) {}

    async validateDocument(document: LangiumDocument, options?: ValidationOptions, token?: CancellationToken): Promise<Diagnostic[]> {
        const diagnostics = await this.inner.validateDocument(document, options, token);
        return diagnostics.map(d => this.forClient(d));
    }

    private forClient(diagnostic: Diagnostic): Diagnostic {
        return diagnosticForClient(diagnostic, this.client);
    }
}

/** One diagnostic as this client can take it (both doors publish through here). */
export function diagnosticForClient(diagnostic: Diagnostic, client: ClientProfile): Diagnostic {
    const { data, tags, relatedInformation, codeDescription, ...rest } = diagnostic;
    const result: Diagnostic = rest;
    if (data !== undefined && client.diagnosticData) result.data = data;
    const shownTags = tags?.filter(tag => client.diagnosticTagSupported(tag));
    if (shownTags && shownTags.length > 0) result.tags = shownTags;
    if (relatedInformation && client.diagnosticRelatedInformation) result.relatedInformation = relatedInformation;
    if (codeDescription && client.diagnosticCodeDescription) result.codeDescription = codeDescription;
    return result;
}
