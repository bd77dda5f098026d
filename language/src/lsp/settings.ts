/** The `rnnLens.*` settings the server reads (the client declares them in package.json). */
import type { ConfigurationProvider } from 'langium';
import { parseKerasVersion, type KerasVersion } from '../model/keras-version.js';

export interface InlayHintSettings {
    /** Each layer's output shape. */
    readonly shapes: boolean;
    /** Each layer's parameter count. */
    readonly params: boolean;
    /** Each model's totals. */
    readonly totals: boolean;
    /** Show the batch dimension `None` in shapes. */
    readonly batchDimension: boolean;
}

export const DEFAULT_INLAY_HINT_SETTINGS: InlayHintSettings = { shapes: true, params: true, totals: true, batchDimension: true };

/** The configuration section Langium fetches for the language: `rnnLens`. */
export const SETTINGS_SECTION = 'rnnLens';

export async function inlayHintSettings(configuration: ConfigurationProvider): Promise<InlayHintSettings> {
    const given = (await configuration.getConfiguration('rnn', 'inlayHints')) as Partial<InlayHintSettings> | undefined;
    return { ...DEFAULT_INLAY_HINT_SETTINGS, ...(given ?? {}) };
}

/** The key of the Keras version under `rnnLens`: `rnnLens.keras`, "auto", "3" or "2". */
export const KERAS_SETTING = 'keras';

/**
 * `rnnLens.keras`'s default: follow what each file says (a `.rnn` file's `keras N` line; Python's
 * imports, `import tf_keras` or `TF_USE_LEGACY_KERAS` for Keras 2), else Keras 3. An editor
 * always sends a default, so "follow the file" is a value of its own, not the absence of one.
 */
export const KERAS_AUTO = 'auto';

/**
 * `rnnLens.keras` from the settings as last received: "3" or "2", the version chosen (over what
 * Python code implies; a `.rnn` file's own `keras N` line still wins); undefined for "auto", unset
 * or not a version: each file's own.
 */
export function kerasSetting(settings: Readonly<Record<string, unknown>> | undefined): KerasVersion | undefined {
    const value = settings?.[KERAS_SETTING];
    return value === KERAS_AUTO ? undefined : parseKerasVersion(value);
}

/** The setting `rnnLens.diagnostics`. */
export const DIAGNOSTICS_SETTING = 'diagnostics';
