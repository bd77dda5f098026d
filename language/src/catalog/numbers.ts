/** Numbers as the explanations and Keras's summary print them. */

/** `3,840`: thousands separators, as Keras prints totals. */
export function formatCount(n: number): string {
    if (!Number.isFinite(n)) return String(n);
    if (!Number.isSafeInteger(n)) return `≈${n.toExponential(3)}`;
    return n.toLocaleString('en-US');
}

/** A size inside a formula: `None` for unknown. */
export function dimText(d: number | null): string {
    return d === null ? 'None' : String(d);
}

/** `1 step`, `2 steps`. */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
    return `${n} ${n === 1 ? word : pluralWord}`;
}
