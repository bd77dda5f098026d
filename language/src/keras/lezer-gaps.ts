/**
 * Valid Python that @lezer/python 1.1.19 (the newest) refuses or misreads, rewritten into Python
 * it reads the same way, with every offset kept: the parse tree's positions are the source's, and
 * python-parse.ts takes every text it reports (a number as written, a string's value) from the
 * source itself, never from this rewrite. Only what no model is made of is changed:
 *  - line ends: `\r\n` becomes ` \n` and a lone `\r` becomes `\n` (its tokenizer loses track of
 *    bracketed lines after some 400 multi-line statements with CRLF), a form feed a space;
 *  - a float ending in its point (`24.`, `24.e3`, `1.j`): the point becomes `_` (`24.e3` was
 *    read as an attribute `e3` of 24, `24.` as a syntax error);
 *  - a bare `yield` (`yield` ending its line, `(yield)`): `None `;
 *  - `with` targets lezer has no rule for (`as (a, b)`, `as self.f`, parenthesized context
 *    managers): each `as` becomes `, ` (the header then reads as expressions);
 *  - empty patterns of a `case` (`case X():`, `case []:`, `case {}:`): `X  `, `_ `;
 *  - a star in a subscript (`a[*b]`, Python 3.11) or in a comprehension's target
 *    (`[c for c, *rest in rows]`): the star becomes a space.
 * Strings and comments are never rewritten.
 */

/**
 * Each rewrite: a cheap test on the raw text (true wherever the rule could match: masking strings
 * and comments only removes matches), then the rule itself on the masked text. Most Keras code
 * passes no test, and then is neither masked nor scanned again.
 */
const REWRITES: readonly { readonly may: RegExp; readonly apply: (mask: string, put: Put) => void }[] = [
    {
        may: /\d\.(?!\d)/,
        apply: (mask, put) => { for (const m of mask.matchAll(/(?<![\w.])\d[\d_]*\.(?!\d)/g)) put(m.index + m[0].length - 1, '_'); }
    },
    {
        may: /\byield\b/,
        apply: (mask, put) => { for (const m of mask.matchAll(/(?<![\w.])yield(?=[ \t]*(?:[)\]};#\n]|$))/g)) put(m.index, 'None '); }
    },
    {
        may: /\[[ \t]*\*/,
        apply: (mask, put) => { for (const m of mask.matchAll(/(?<=[\w)\]][ \t]*)\[[ \t]*\*(?!\*)/g)) put(m.index + m[0].length - 1, ' '); }
    },
    {
        may: /\bfor\b[^\n]*\*[^\n]*\bin\b/,
        apply: (mask, put) => {
            for (const m of mask.matchAll(/(?<=[^\n]\bfor\b[^\n]*?)(?<=[ \t,(]|for)\*(?=[ \t]*[A-Za-z_(])(?=[^\n]*?\bin\b)/g)) put(m.index, ' ');
        }
    },
    {
        may: /^[ \t]*case[ \t]/m,
        apply: (mask, put) => { for (const m of mask.matchAll(/^[ \t]*case[ \t]+(?![=.:])[^\n]*/gm)) casePatterns(m[0], m.index, put); }
    },
    {
        may: /^[ \t]*(?:async[ \t]+)?with\b/m,
        apply: (mask, put) => { for (const m of mask.matchAll(/^[ \t]*(?:async[ \t]+)?with\b/gm)) withHeader(mask, m.index + m[0].length, put); }
    }
];

type Put = (at: number, replacement: string) => void;

export function forLezer(source: string): string {
    const text = /[\r\f]/.test(source) ? source.replace(/\r\n|\r|\f/g, m => (m === '\r\n' ? ' \n' : m === '\r' ? '\n' : ' ')) : source;
    const due = REWRITES.filter(rewrite => rewrite.may.test(text));
    if (due.length === 0) return text;
    const mask = codeMask(text);
    const out = text.split('');
    const put: Put = (at, replacement) => {
        for (let i = 0; i < replacement.length; i++) out[at + i] = replacement[i];
    };
    for (const rewrite of due) rewrite.apply(mask, put);
    return out.join('');
}

/** The text with the insides of strings and comments blanked to `"` and `#` (offsets kept), so that no rule matches there. */
function codeMask(text: string): string {
    const parts: string[] = [];
    let copied = 0;
    // Jump from one `#` or quote to the next: everything between them is code, copied as it is.
    const starts = /[#"']/g;
    for (let m = starts.exec(text); m; m = starts.exec(text)) {
        const at = m.index;
        if (text[at] === '#') {
            const end = lineEnd(text, at);
            parts.push(text.slice(copied, at), '#'.repeat(end - at));
            copied = starts.lastIndex = end;
            continue;
        }
        const start = Math.max(copied, at - stringPrefixLength(text, at));
        const quote = text.startsWith(text[at].repeat(3), at) ? text[at].repeat(3) : text[at];
        let j = at + quote.length;
        while (j < text.length && !text.startsWith(quote, j)) {
            if (quote.length === 1 && text[j] === '\n') break;
            // A backslash keeps the next character in the string, raw strings too (r"\"" is one string).
            j += text[j] === '\\' ? 2 : 1;
        }
        const end = Math.min(text.length, text.startsWith(quote, j) ? j + quote.length : j);
        parts.push(text.slice(copied, start), text.slice(start, end).replace(/[^\n]/g, '"'));
        copied = starts.lastIndex = end;
    }
    parts.push(text.slice(copied));
    return parts.join('');
}

function lineEnd(text: string, from: number): number {
    const end = text.indexOf('\n', from);
    return end < 0 ? text.length : end;
}

/** The string prefix (`r`, `rb`, `f`, …: up to two letters) before the quote at `quote`, unless it ends a longer name. */
function stringPrefixLength(text: string, quote: number): number {
    const isPrefix = (i: number) => i >= 0 && 'rRbBuUfF'.includes(text[i]);
    const startsWord = (i: number) => i === 0 || !/\w/.test(text[i - 1]);
    if (isPrefix(quote - 1) && isPrefix(quote - 2) && startsWord(quote - 2)) return 2;
    if (isPrefix(quote - 1) && startsWord(quote - 1)) return 1;
    return 0;
}

/** `case X():` → `case X  :`, `case []:` → `case _ :` (lezer has no rule for empty patterns). */
function casePatterns(line: string, at: number, put: Put): void {
    if (!/:[ \t#]*$/.test(line)) return;
    const keyword = /^[ \t]*case/.exec(line)![0].length;
    for (const m of line.slice(keyword).matchAll(/(\w[ \t]*)?(\([ \t]*\)|\[[ \t]*\]|\{[ \t]*\})/g)) {
        const empty = m[2];
        const start = at + keyword + m.index + (m[1]?.length ?? 0);
        put(start, m[1] ? ' '.repeat(empty.length) : `_${' '.repeat(empty.length - 1)}`);
    }
}

/** A `with` header (to its `:` outside brackets) whose targets lezer cannot read: every `as` becomes `, `. */
function withHeader(mask: string, from: number, put: Put): void {
    let depth = 0;
    let end = from;
    for (; end < mask.length; end++) {
        const c = mask[end];
        if (c === '(' || c === '[' || c === '{') depth++;
        else if (c === ')' || c === ']' || c === '}') depth--;
        else if ((c === ':' && depth === 0) || (c === '\n' && depth <= 0 && mask[end - 1] !== '\\')) break;
    }
    const header = mask.slice(from, end);
    const parenthesized = /^[ \t]*\(/.test(header) && /\bas\b/.test(header);
    const target = /\bas[ \t]*[([]|\bas[ \t]+[A-Za-z_]\w*[ \t]*[.[]/.test(header);
    if (!parenthesized && !target) return;
    for (const m of header.matchAll(/\bas\b/g)) put(from + m.index, ', ');
}
