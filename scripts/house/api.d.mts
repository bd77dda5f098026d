/** The types of api.mjs, for test/house/ (the scripts are plain JavaScript, run by Node). */
export declare class Repo {
    constructor(root: string, files?: readonly string[]);
    readonly root: string;
    readonly files: readonly string[];
    /** Texts the codemod changed and has not written. */
    readonly texts: Map<string, string>;
    text(file: string): string;
    /** The packages (and `node:` modules) a file reaches at run time. */
    runtimePackages(file: string): Set<string>;
    /** The names a file exports, each with the file that declares it. */
    exports(file: string): Map<string, string>;
}

/** Every import that breaks a rule: `file:line: import 'specifier': why`. */
export declare function violations(repo?: Repo): string[];

/** Rewrites the repo's imports (kept in repo.texts): what changed, and what could not be mended. */
export declare function rewriteImports(repo: Repo): { changes: string[]; problems: string[] };

export declare const ENTRIES: readonly { readonly file: string; readonly says: string; readonly sideEffectOnly?: boolean }[];
export declare const MAY_IMPORT: Readonly<Record<string, readonly string[]>>;
