/**
 * How loud each diagnostic code is, as rust-analyzer and rustc let users choose: a setting
 * (`rnnLens.diagnostics`, `rnn-lens check --diagnostic CODE=LEVEL`) and, winning over it, a
 * file's own `# rnn-lens: allow(...)` comments (model/directives.ts). A few codes are off
 * unless turned on: they speak of something that is not a problem of the model (rustc's
 * allow-by-default lints).
 */
import { DIAGNOSTIC_CODES, type DiagnosticCode, type RnnDiagnostic, type Severity } from '../model/diagnostic.js';

export const DIAGNOSTIC_LEVELS = ['off', 'hint', 'info', 'warning', 'error', 'default'] as const;
export type DiagnosticLevel = typeof DIAGNOSTIC_LEVELS[number];
export type DiagnosticLevels = Readonly<Partial<Record<DiagnosticCode, DiagnosticLevel>>>;

/**
 * Off until a setting or a directive turns them on. `slow-recurrent-kernel` speaks of TensorFlow's
 * cuDNN kernel on a GPU: RNN Lens trains with tfjs, and relu or recurrent dropout is a choice, not a
 * mistake (the course notebook makes it on purpose).
 */
export const OFF_BY_DEFAULT: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>(['slow-recurrent-kernel']);

const SEVERITY_OF: Record<Exclude<DiagnosticLevel, 'off' | 'default'>, Severity> = {
    hint: 'hint', info: 'information', warning: 'warning', error: 'error'
};

export function isDiagnosticCode(name: string): name is DiagnosticCode {
    return (DIAGNOSTIC_CODES as readonly string[]).includes(name);
}

export function isDiagnosticLevel(name: string): name is DiagnosticLevel {
    return (DIAGNOSTIC_LEVELS as readonly string[]).includes(name);
}

/**
 * The severity a diagnostic is shown with, or undefined when its code is off. At the default
 * level it keeps its own severity: a code's severity is its usual one, but a check may report a
 * milder case of it (an `invalid-argument` that Keras accepts, as a warning).
 */
function shownSeverity(d: RnnDiagnostic, file: DiagnosticLevels, settings: DiagnosticLevels): Severity | undefined {
    const level = [file[d.code], settings[d.code]].find(l => l !== undefined && l !== 'default') ?? 'default';
    if (level === 'off') return undefined;
    if (level === 'default') return OFF_BY_DEFAULT.has(d.code) ? undefined : d.severity;
    return SEVERITY_OF[level];
}

/** The diagnostics as the user asked to see them: some left out, some louder or quieter. */
export function applyDiagnosticLevels(diagnostics: readonly RnnDiagnostic[], file: DiagnosticLevels, settings: DiagnosticLevels): RnnDiagnostic[] {
    const shown: RnnDiagnostic[] = [];
    for (const d of diagnostics) {
        const severity = shownSeverity(d, file, settings);
        if (severity) shown.push(severity === d.severity ? d : { ...d, severity });
    }
    return shown;
}

/**
 * A `{ "<code>": "<level>" }` object from a setting or the command line, checked: what is not a
 * known code or level is left out and named in `ignored`, so that the caller can say so.
 */
export function readDiagnosticLevels(value: unknown): { readonly levels: DiagnosticLevels; readonly ignored: readonly string[] } {
    const levels: Partial<Record<DiagnosticCode, DiagnosticLevel>> = {};
    const ignored: string[] = [];
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return { levels, ignored: value === undefined || value === null ? [] : [String(value)] };
    for (const [code, level] of Object.entries(value as Record<string, unknown>)) {
        if (isDiagnosticCode(code) && typeof level === 'string' && isDiagnosticLevel(level)) levels[code] = level;
        else ignored.push(`${code}: ${JSON.stringify(level)}`);
    }
    return { levels, ignored };
}
