/** "Did you mean": the closest names by edit distance, as compilers suggest them. */

/** Damerau–Levenshtein distance (optimal string alignment): `LTSM` → `LSTM` is one transposition. */
export function editDistance(a: string, b: string): number {
    const rows = a.length + 1;
    const cols = b.length + 1;
    const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
    for (let i = 1; i < rows; i++) {
        for (let j = 1; j < cols; j++) {
            const cost = a[i - 1] === b[j - 1] ? 0 : 1;
            d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
            if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
                d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
            }
        }
    }
    return d[rows - 1][cols - 1];
}

/**
 * The candidates close enough to `name` to be what the user meant, closest first.
 * Case differences cost nothing extra beyond one edit (`lstm` → `LSTM`).
 */
export function suggest(name: string, candidates: Iterable<string>, max = 3): string[] {
    const limit = Math.max(1, Math.floor(name.length / 3));
    const scored: Array<[string, number]> = [];
    for (const candidate of candidates) {
        if (candidate === name) continue;
        const distance = candidate.toLowerCase() === name.toLowerCase()
            ? 0.5
            : Math.min(editDistance(name, candidate), editDistance(name.toLowerCase(), candidate.toLowerCase()) + 0.5);
        if (distance <= limit) scored.push([candidate, distance]);
    }
    return scored.sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0])).slice(0, max).map(([c]) => c);
}

/** `Did you mean "LSTM"?` or `Did you mean "a", "b" or "c"?`, or nothing. */
export function didYouMean(suggestions: readonly string[]): string {
    if (suggestions.length === 0) return '';
    const quoted = suggestions.map(s => `"${s}"`);
    const list = quoted.length === 1 ? quoted[0] : `${quoted.slice(0, -1).join(', ')} or ${quoted[quoted.length - 1]}`;
    return ` Did you mean ${list}?`;
}
