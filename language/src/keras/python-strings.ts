/** Python string literals → their value: prefixes, the four quotings, and the escape sequences. */

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
    '\\': '\\', '\'': '\'', '"': '"', a: '\x07', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\n': ''
};

/** The value of a string literal as written (`'relu'`, `r"a\b"`, `"""doc"""`); undefined for bytes and f-strings. */
export function decodePythonString(written: string): string | undefined {
    // Python reads every line end in the source as \n, also inside strings.
    const literal = written.replace(/\r\n?/g, '\n');
    const prefix = /^[a-zA-Z]*/.exec(literal)![0].toLowerCase();
    if (prefix.includes('b') || prefix.includes('f')) return undefined;
    const body = literal.slice(prefix.length);
    const quote = body.startsWith('"""') || body.startsWith('\'\'\'') ? body.slice(0, 3) : body[0];
    const inner = body.slice(quote.length, body.length - quote.length);
    return prefix.includes('r') ? inner : unescape(inner);
}

function unescape(text: string): string {
    return text.replace(/\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[0-7]{1,3}|[\s\S])/g, (whole, code: string) => {
        if (code in SIMPLE_ESCAPES) return SIMPLE_ESCAPES[code];
        if (/^[xuU]/.test(code) && code.length > 1) return String.fromCodePoint(parseInt(code.slice(1), 16));
        if (/^[0-7]+$/.test(code)) return String.fromCodePoint(parseInt(code, 8));
        // Python keeps an unknown escape as written: "\d" is backslash, d.
        return whole;
    });
}
