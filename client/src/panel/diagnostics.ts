/**
 * VS Code's diagnostics of the .rnn document (what the language server published, as
 * `vscode.languages.getDiagnostics` hands them), errors only, as the protocol's ModelError
 * (plain ranges, for the panel's links): shown when the model is gone, since a file that no
 * longer parses may have lost it. Pure (no vscode import: vscode.Diagnostic is read by shape),
 * for tests.
 */
import type { ModelError } from '../../../webview/src/index.js';

interface PositionLike { readonly line: number; readonly character: number }

/** The parts of a vscode.Diagnostic read here. Severity: Error 0, Warning 1, Information 2, Hint 3. */
export interface DiagnosticLike {
    readonly severity: number;
    readonly message: string;
    readonly code?: string | number | { readonly value: string | number };
    readonly range: { readonly start: PositionLike; readonly end: PositionLike };
}

function plainRange(range: DiagnosticLike['range']): ModelError['range'] {
    return { start: { line: range.start.line, character: range.start.character }, end: { line: range.end.line, character: range.end.character } };
}

function codeOf(diagnostic: DiagnosticLike): string | number | undefined {
    const code = diagnostic.code;
    return typeof code === 'object' && code !== null ? code.value : code;
}

export function documentErrors(diagnostics: readonly DiagnosticLike[]): ModelError[] {
    return diagnostics.filter(d => d.severity === 0).map(d => {
        const code = codeOf(d);
        return { message: d.message, range: plainRange(d.range), ...(code !== undefined ? { code } : {}) };
    });
}
