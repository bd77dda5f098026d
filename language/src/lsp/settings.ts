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

/** The key of the default Keras version under `rnnLens`: `rnnLens.keras`, "3" or "2". */
export const KERAS_SETTING = 'keras';

/** `rnnLens.keras` ("3" or "2") from the settings as last received; undefined when unset or not a version. */
export function kerasSetting(settings: Readonly<Record<string, unknown>> | undefined): KerasVersion | undefined {
    return parseKerasVersion(settings?.[KERAS_SETTING]);
}

/** The setting `rnnLens.diagnostics`. */
export const DIAGNOSTICS_SETTING = 'diagnostics';
