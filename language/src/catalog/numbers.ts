/** Numbers as the explanations and Keras's summary print them. */

/** `3,840`: thousands separators, as Keras prints totals. */
export function formatCount(n: number): string {
    if (!Number.isFinite(n)) return String(n);
    if (!Number.isSafeInteger(n)) return `≈${n.toExponential(3)}`;
    return n.toLocaleString('en-US');
}

/**
 * A model's total: `3,859 params`, or `≥ 3,859 params` when some layers could not be computed and
 * the sum counts only the known ones. The mark is in the label itself: most editors show no tooltips.
 */
export function paramTotalText(total: number, complete: boolean): string {
    return `${complete ? '' : '≥ '}${formatCount(total)} ${total === 1 ? 'param' : 'params'}`;
}

/** A size inside a formula: `None` for unknown. */
export function dimText(d: number | null): string {
    return d === null ? 'None' : String(d);
}

/** `1 step`, `2 steps`. */
export function plural(n: number, word: string, pluralWord = `${word}s`): string {
    return `${n} ${n === 1 ? word : pluralWord}`;
}
