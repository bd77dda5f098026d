/** Names for `.rnn` constants and models made from Python variables. */
import type { RnnLensKeywordNames } from '../generated/ast.js';

/** The grammar's word keywords: an identifier cannot be one of them (`model model {` does not parse). */
const RESERVED: ReadonlySet<string> = new Set(
    ['let', 'model', 'True', 'False', 'None', 'true', 'false', 'none'] satisfies readonly RnnLensKeywordNames[]
);

export function isReservedRnnWord(name: string): boolean {
    return RESERVED.has(name);
}

/** `base` when free; otherwise `base_N` with the first free N from `first` on. */
export function uniqueName(base: string, used: ReadonlySet<string>, first: number): string {
    if (!used.has(base) && !RESERVED.has(base)) return base;
    for (let n = first; ; n++) {
        const name = `${base}_${n}`;
        if (!used.has(name)) return name;
    }
}
