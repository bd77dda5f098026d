/**
 * Seeded random edits of a text, as a user's typing and pasting would make them: cuts, repeats,
 * stray tokens (brackets, quotes, keywords, unicode, NUL) and absurd numbers.
 */
const STRAY = ['(', ')', ',', '=', '"', "'", '{', '}', '[', ']', '#', '\n', '1e12', '-3', '0', 'None', 'LSTM(', 'Bidirectional(', 'é', '😀', '\u0000', '//', '**', 'let ', 'model '];

export function mutate(text: string, next: () => number): string {
    const pick = (n: number) => Math.floor(next() * n);
    const at = pick(text.length + 1);
    switch (pick(4)) {
        case 0: { // cut a span
            const length = pick(60);
            return text.slice(0, at) + text.slice(at + length);
        }
        case 1: { // repeat a span
            const length = pick(80);
            return text.slice(0, at) + text.slice(at, at + length) + text.slice(at);
        }
        case 2: // a stray token
            return text.slice(0, at) + STRAY[pick(STRAY.length)] + text.slice(at);
        default: { // replace a number with an absurd one
            return text.replace(/\b\d+\b/, () => ['1e12', '-3', '0', '99999999999999999999', '0.5'][pick(5)]);
        }
    }
}
