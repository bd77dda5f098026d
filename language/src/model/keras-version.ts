/**
 * The Keras version a document follows: 3 by default (what `pip install keras`, TensorFlow ≥ 2.16
 * and Colab give) or 2 (tf-keras, TensorFlow ≤ 2.15). A file says which with `keras 2` / `keras 3`;
 * the editor setting `rnnLens.keras` and the CLI's `--keras` give the default for files that do not.
 */
export type KerasVersion = 2 | 3;

export const DEFAULT_KERAS_VERSION: KerasVersion = 3;

export const KERAS_VERSIONS: readonly KerasVersion[] = [3, 2];

/** How hovers, summaries and explanations name the version they follow. */
export function kerasVersionName(version: KerasVersion): string {
    return version === 2 ? 'Keras 2 (tf-keras)' : 'Keras 3';
}

/** `"2"`, `2`, `"3"`, `3` → the version; anything else → undefined. */
export function parseKerasVersion(value: unknown): KerasVersion | undefined {
    const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
    return text === '2' ? 2 : text === '3' ? 3 : undefined;
}

/** The version that applies: the file's own statement, else the caller's default, else Keras 3. */
export function effectiveKerasVersion(fromFile: KerasVersion | undefined, fallback: KerasVersion | undefined): KerasVersion {
    return fromFile ?? fallback ?? DEFAULT_KERAS_VERSION;
}
