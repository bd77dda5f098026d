/**
 * What the host posts about the panel's model, from the language server's answer to
 * `rnnLens/modelDescription` (language/src/lsp/custom-requests.ts): `model` with the analysis,
 * its errors and whether it can train, or `modelUnavailable` with the reason and the document's
 * errors (a file that no longer parses may have lost the model: the errors say where).
 * And the `train` options from the settings. Pure (no vscode import), for tests.
 */
import { BACKENDS, parseHostMessage, type BackendRequest, type HostMessage, type ModelError, type RunOptions } from '../../../webview/src/index.js';
import type { PanelTarget } from './panel-target.js';

/** The answer of `rnnLens/modelDescription`, as far as the host reads it (checked in modelMessage). */
export interface ModelDescriptionResult {
    readonly analysis?: unknown;
    readonly errors?: readonly unknown[];
    readonly trainable?: boolean;
    /** When there is no such model. */
    readonly error?: string;
    /** The document's models, with `error`. */
    readonly models?: readonly string[];
}

export type ModelUpdate = Extract<HostMessage, { type: 'model' | 'modelUnavailable' }>;

/**
 * `answer`: the server's answer, or the error the request failed with. `documentErrors`: the
 * error diagnostics VS Code shows for the document (documentErrors in diagnostics.ts).
 */
export function modelMessage(target: PanelTarget, answer: ModelDescriptionResult | Error, documentErrors: readonly ModelError[]): ModelUpdate {
    const unavailable = (message: string): ModelUpdate => ({
        type: 'modelUnavailable', uri: target.uri, model: target.model, message,
        ...(documentErrors.length > 0 ? { errors: [...documentErrors] } : {})
    });
    if (answer instanceof Error) return unavailable(`The language server did not describe ${target.model}: ${answer.message}`);
    if (answer.analysis === undefined) {
        const others = answer.models?.length ? ` The file's models: ${answer.models.join(', ')}.` : ' The file has no model now.';
        const why = documentErrors.length > 0 ? ' It has errors, which may hide it:' : '';
        return unavailable(`There is no model named "${target.model}" in the file (renamed or deleted?).${others}${why}`);
    }
    const candidate = { type: 'model', uri: target.uri, analysis: answer.analysis, errors: answer.errors ?? [], trainable: answer.trainable === true };
    const checked = parseHostMessage(candidate);
    if (!checked.ok) return unavailable(`The language server's description of ${target.model} did not pass the panel's check (${checked.reason}).`);
    return checked.message as ModelUpdate;
}

export interface TrainingSettings {
    /** `rnnLens.training.backend`. */
    readonly backend: unknown;
    /** `rnnLens.training.defaultEpochs`: for a model whose fit(...) gives no epochs. */
    readonly defaultEpochs: unknown;
}

/** The `train` message's options: the backend setting, and the default epochs where `fit(...)` names none. */
export function trainOptions(update: ModelUpdate, settings: TrainingSettings): RunOptions {
    const options: { backend?: BackendRequest; epochs?: number } = {};
    if (typeof settings.backend === 'string' && (BACKENDS as readonly string[]).includes(settings.backend)) options.backend = settings.backend as BackendRequest;
    // The description fills in Keras's defaults (epochs=1): what counts is whether the file writes epochs=.
    const written = update.type === 'model' && (update.analysis.description.fit?.given ?? []).includes('epochs');
    const fallback = settings.defaultEpochs;
    if (!written && typeof fallback === 'number' && Number.isInteger(fallback) && fallback >= 1 && fallback <= 100_000) options.epochs = fallback;
    return options;
}
