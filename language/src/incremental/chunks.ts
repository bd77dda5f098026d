/**
 * A `.rnn` text cut into top-level chunks that parse on their own: a new chunk starts at every
 * line that begins, in column 0, with `let`, `model` or `keras` and a space. Those keywords cannot occur
 * inside a statement, and strings and comments end with their line, so each such line starts a
 * statement in any parse of the whole text (or, in broken text, is where the parser would
 * resynchronise). Parsing the chunks one by one gives the statements of the whole text; only
 * the changed chunks need parsing again after an edit.
 */

export interface TextChunk {
    readonly text: string;
    /** Where the chunk starts in the whole text. */
    readonly offset: number;
    /** Its first line (0-based); chunks start in column 0. */
    readonly line: number;
}

const STARTS = /^(?:let|model|keras)[ \t]/;

export function splitChunks(text: string): TextChunk[] {
    const chunks: TextChunk[] = [];
    let start = 0;
    let startLine = 0;
    let line = 0;
    let at = 0;
    while (at <= text.length) {
        if (at > start && STARTS.test(text.slice(at, at + 6))) {
            chunks.push({ text: text.slice(start, at), offset: start, line: startLine });
            start = at;
            startLine = line;
        }
        const newline = text.indexOf('\n', at);
        if (newline < 0) break;
        at = newline + 1;
        line++;
    }
    chunks.push({ text: text.slice(start), offset: start, line: startLine });
    return chunks;
}
