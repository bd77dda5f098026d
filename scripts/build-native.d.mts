/** scripts/build-native.mjs's exports, for the tests. */
export declare const NATIVE_TARGET: string;
export declare function buildNative(options?: { force?: boolean }): string;
