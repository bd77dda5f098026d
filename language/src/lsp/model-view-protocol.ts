/**
 * The requests behind the editor's Explain Model, Show Diagram, Export to Keras and Import from
 * Keras: their names, parameters and answers. Types and strings only, so that the extension
 * imports them without bringing the server library into its bundles. The server answers them in
 * custom-requests-views.ts (explain, diagram) and custom-requests-keras.ts (export, import),
 * with the functions the command line calls.
 */
import type { ThemeName } from '../diagram/theme.js';
import type { ExportTarget } from '../keras/export-target.js';
import type { KerasSourceKind } from '../keras/file-names.js';

export const EXPLAIN_REQUEST = 'rnnLens/explain';
export const DIAGRAM_REQUEST = 'rnnLens/diagram';
export const EXPORT_KERAS_REQUEST = 'rnnLens/exportKeras';
export const IMPORT_KERAS_REQUEST = 'rnnLens/importKeras';

/** One model of an open (or readable) .rnn document. */
export interface ModelParams {
    readonly uri: string;
    readonly model: string;
}

/** The answer when the document has no model of that name (renamed or deleted since). */
export interface NoSuchModel {
    readonly error: string;
    /** The document's models, to choose from. */
    readonly models: readonly string[];
}

export interface ModelViewResult {
    /** The errors inside the model, `line:col code message` (1-based): what is shown is then partial. */
    readonly errors: readonly string[];
}

/** `rnn-lens explain`'s walk-through of the model, in Markdown. */
export interface ExplainResult extends ModelViewResult { readonly markdown: string }

export interface DiagramParams extends ModelParams { readonly theme?: ThemeName }

/** `rnn-lens diagram`'s SVG of the model, in the theme asked for (light when none). */
export interface DiagramResult extends ModelViewResult { readonly svg: string }

export interface ExportKerasParams extends ModelParams { readonly target?: ExportTarget }

export type ExportKerasResult =
    | { readonly code: string; readonly model: string; readonly target: ExportTarget }
    /** Why there is no code: no such model, errors in it (`problems`), or what the target lacks. */
    | { readonly error: string; readonly problems: readonly string[] };

export interface ImportKerasParams {
    /** A Python file's text, or a notebook's nbformat JSON. */
    readonly text: string;
    readonly kind: KerasSourceKind;
    /** How the result's header and messages name the code; `code.py` when none. */
    readonly fileName?: string;
}

export interface ImportKerasWarning {
    /** "line 12", "cell 3, line 2", "the .rnn result, line 4". */
    readonly where: string;
    readonly message: string;
}

export type ImportKerasResult =
    | { readonly text: string; readonly models: readonly string[]; readonly warnings: readonly ImportKerasWarning[] }
    /** Not Python (the message names the line), or not a notebook. */
    | { readonly error: string };
