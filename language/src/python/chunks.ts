/**
 * Python text cut into its top-level statements, each parsed on its own (python/parse-cache.ts):
 * an edit re-parses only the statement it touches, a syntax error spoils only its own statement
 * (the models around it are still read), and @lezer/python never sees a file long enough to
 * trip it. A statement starts at a line of column 0 that is outside brackets and strings, is
 * not a continuation (`else:`, `except`, a line after `\` or a decorator) and is not a comment.
 */

export interface Chunk {
    /** Offsets in the text: the chunk is `text.slice(from, to)`. */
    readonly from: number;
    readonly to: number;
}

/** Lines that continue the compound statement above them. */
const CONTINUATION = /^(else|elif|except|finally)\b/;
/** A line at column 0 that surely starts a statement even inside an unclosed bracket (half-typed code above it). */
const STATEMENT_START = /^(def|class|import|from|if|for|while|with|try|async|@|[A-Za-z_][\w.]*\s*(=[^=]|\+=|-=|\.\w+\s*\())/;

export function splitTopLevel(text: string): Chunk[] {
    const chunks: Chunk[] = [];
    let start = 0;
    let depth = 0;
    /** The quote that closes an open triple-quoted string, or undefined. */
    let triple: string | undefined;
    let continued = false;
    let decorated = false;
    let offset = 0;
    while (offset < text.length) {
        const end = lineEnd(text, offset);
        const line = text.slice(offset, end);
        const first = line[0];
        const code = first !== undefined && first !== ' ' && first !== '\t' && first !== '#' && first !== '\r' && first !== '\f';
        if (!triple && code) {
            const recover = depth > 0 && STATEMENT_START.test(line) && opensOrBalances(line);
            if ((depth === 0 || recover) && !continued && !decorated && !CONTINUATION.test(line) && offset > start) {
                chunks.push({ from: start, to: offset });
                start = offset;
            }
            if (recover) depth = 0;
        }
        const wasTriple = triple !== undefined;
        const scan = scanLine(line, depth, triple);
        depth = scan.depth;
        triple = scan.triple;
        continued = scan.continued;
        if (!wasTriple && code) decorated = first === '@';
        offset = end + (text[end] === '\r' && text[end + 1] === '\n' ? 2 : 1);
    }
    if (start < text.length || chunks.length === 0) chunks.push({ from: start, to: text.length });
    return chunks;
}

/** True when the line, read on its own, never closes a bracket it did not open (`units=4)` continues a call). */
function opensOrBalances(line: string): boolean {
    let depth = 0;
    for (const c of line.replace(/(["'])(?:\\.|(?!\1).)*\1/g, '').replace(/#.*/, '')) {
        if (c === '(' || c === '[' || c === '{') depth++;
        else if (c === ')' || c === ']' || c === '}') depth--;
        if (depth < 0) return false;
    }
    return true;
}

function lineEnd(text: string, from: number): number {
    for (let i = from; i < text.length; i++) {
        const c = text[i];
        if (c === '\n' || c === '\r') return i;
    }
    return text.length;
}

/** Brackets and strings across one line. */
function scanLine(line: string, depth: number, triple: string | undefined): { depth: number; triple: string | undefined; continued: boolean } {
    let i = 0;
    while (i < line.length) {
        if (triple) {
            const close = findClose(line, i, triple);
            if (close < 0) return { depth, triple, continued: false };
            i = close + 3;
            triple = undefined;
            continue;
        }
        const c = line[i];
        if (c === '#') break;
        if (c === '"' || c === "'") {
            if (line.startsWith(c.repeat(3), i)) {
                triple = c.repeat(3);
                i += 3;
                continue;
            }
            // A one-line string ends at its quote or at the end of the line (unterminated: Python's error, not ours).
            i++;
            while (i < line.length && line[i] !== c) i += line[i] === '\\' ? 2 : 1;
            i++;
            continue;
        }
        if (c === '(' || c === '[' || c === '{') depth++;
        else if ((c === ')' || c === ']' || c === '}') && depth > 0) depth--;
        i++;
    }
    const trimmed = line.replace(/\s+$/, '');
    return { depth, triple, continued: !triple && trimmed.endsWith('\\') && !/#/.test(trimmed) };
}

function findClose(line: string, from: number, quote: string): number {
    for (let i = from; i < line.length; i++) {
        if (line[i] === '\\') { i++; continue; }
        if (line.startsWith(quote, i)) return i;
    }
    return -1;
}
