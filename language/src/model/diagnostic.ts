/**
 * Diagnostics as the core reports them: a stable code (docs/diagnostics.md), a severity,
 * a range in LSP's 0-based coordinates, a message that teaches, and the quick fixes as plain edits.
 * Editors, the CLI and training all read this one form.
 */
import type { SourceRange } from './source.js';

export const DIAGNOSTIC_SEVERITIES = {
    'syntax': 'error',
    'unknown-layer': 'error',
    'unknown-argument': 'error',
    'missing-argument': 'error',
    'duplicate-argument': 'error',
    'positional-after-keyword': 'error',
    'invalid-argument': 'error',
    'undefined-constant': 'error',
    'duplicate-name': 'error',
    'missing-input-shape': 'error',
    'missing-return-sequences': 'error',
    'incompatible-rank': 'error',
    'non-positive-length': 'error',
    'input-shape-misplaced': 'warning',
    'pooling-drops-steps': 'warning',
    'dense-on-sequence': 'warning',
    'output-target-mismatch': 'error',
    'data-file-not-found': 'error',
    'data-column-not-found': 'error',
    'data-feature-mismatch': 'error',
    'data-too-short': 'error',
    'data-bad-cell': 'error',
    'statement-order': 'error',
    // Off by default (analysis/diagnostic-levels.ts): this is its severity once turned on.
    'slow-recurrent-kernel': 'information',
    'large-model': 'warning',
    'keras-version-difference': 'information',
    'invalid-directive': 'warning',
    // Lambda without output_shape: Keras builds it; RNN Lens cannot run the function to know the shape.
    'unknown-output-shape': 'information',
    // Python only: where RNN Lens stopped following a model (a loop, a custom layer, a value known only at run time).
    'not-followed': 'information'
} as const;

export type DiagnosticCode = keyof typeof DIAGNOSTIC_SEVERITIES;
/** `hint` only where a setting or a directive asks for it (analysis/diagnostic-levels.ts). */
export type Severity = 'error' | 'warning' | 'information' | 'hint';

export const DIAGNOSTIC_CODES = Object.keys(DIAGNOSTIC_SEVERITIES) as DiagnosticCode[];

export interface TextEdit {
    readonly range: SourceRange;
    readonly newText: string;
}

/** A quick fix, ready to apply: the editor only turns it into a code action. */
export interface QuickFix {
    readonly title: string;
    readonly edits: readonly TextEdit[];
    /** The fix to offer first (VS Code's "preferred" action). */
    readonly preferred?: boolean;
}

export interface RnnDiagnostic {
    readonly code: DiagnosticCode;
    readonly severity: Severity;
    readonly message: string;
    readonly range: SourceRange;
    readonly fixes?: readonly QuickFix[];
}

export function diagnostic(code: DiagnosticCode, message: string, range: SourceRange, fixes?: readonly QuickFix[]): RnnDiagnostic {
    return fixes && fixes.length > 0
        ? { code, severity: DIAGNOSTIC_SEVERITIES[code], message, range, fixes }
        : { code, severity: DIAGNOSTIC_SEVERITIES[code], message, range };
}
