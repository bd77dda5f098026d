/**
 * Where the cursor is, read from the text rather than the AST: completion and signature help run
 * on half-typed calls (`LSTM(30, ret`, `padding="`) that the parser cannot finish.
 */

export interface CallContext {
    readonly callee: string;
    /** The index of the argument being typed, counting every comma at the call's level. */
    readonly argumentIndex: number;
    /** How many positional arguments come before the cursor. */
    readonly positionalBefore: number;
    /** Keywords already written in this call. */
    readonly keywordsGiven: readonly string[];
    /** The keyword whose value is being typed (`padding=` or `padding="sa`). */
    readonly valueOf?: string;
    /** Set when the cursor is inside a string literal: its quote and what is typed so far. */
    readonly inString?: { readonly quote: string; readonly prefix: string };
}

export interface CursorContext {
    /** Inside a `model { ... }` body. */
    readonly inModel: boolean;
    /** The innermost call whose parentheses hold the cursor. */
    readonly call?: CallContext;
    /** The identifier being typed, up to the cursor. */
    readonly word: string;
}

interface OpenCall {
    callee: string;
    commas: number;
    positional: number;
    keywords: string[];
    /** Tokens seen in the current argument; `name =` with one identifier token is a keyword. */
    tokens: number;
    currentKeyword?: string;
    argIsKeyword: boolean;
}

export function cursorContext(text: string, offset: number): CursorContext {
    const stack: Array<OpenCall | '[' | '{' | '(' > = [];
    let lastIdent = '';
    let lastIdentEnd = -1;
    let i = 0;
    let string: { quote: string; start: number } | undefined;
    while (i < offset) {
        const c = text[i];
        if (string) {
            if (c === '\\') { i += 2; continue; }
            if (c === string.quote || c === '\n') string = undefined;
            i++;
            continue;
        }
        if (c === '#') {
            while (i < offset && text[i] !== '\n') i++;
            continue;
        }
        if (c === '"' || c === "'") { string = { quote: c, start: i }; countToken(); i++; continue; }
        if (/[A-Za-z_]/.test(c)) {
            const start = i;
            while (i < text.length && /[A-Za-z0-9_]/.test(text[i])) i++;
            lastIdent = text.slice(start, i);
            lastIdentEnd = i;
            countToken();
            continue;
        }
        const top = stack[stack.length - 1];
        if (c === '(') {
            const adjacent = text.slice(lastIdentEnd, i).trim() === '' && lastIdentEnd >= 0;
            if (adjacent && lastIdent) {
                stack.push({ callee: lastIdent, commas: 0, positional: 0, keywords: [], tokens: 0, argIsKeyword: false });
            } else {
                countToken();
                stack.push('(');
            }
        } else if (c === '[' || c === '{') {
            if (c === '[') countToken();
            stack.push(c);
        } else if (c === ')' || c === ']' || c === '}') {
            stack.pop();
        } else if (c === ',' && isCall(top)) {
            if (top.tokens > 0 && !top.argIsKeyword) top.positional++;
            top.commas++;
            top.tokens = 0;
            top.argIsKeyword = false;
            top.currentKeyword = undefined;
        } else if (c === '=' && isCall(top) && text[i + 1] !== '=' && text.slice(lastIdentEnd, i).trim() === '' && top.tokens === 1) {
            top.keywords.push(lastIdent);
            top.currentKeyword = lastIdent;
            top.argIsKeyword = true;
        } else if (!/\s/.test(c)) {
            countToken();
        }
        i++;
    }
    const word = /[A-Za-z_][A-Za-z0-9_]*$/.exec(text.slice(Math.max(0, offset - 200), offset))?.[0] ?? '';
    const inModel = stack.includes('{');
    const call = [...stack].reverse().find(isCall);
    const innermost = stack[stack.length - 1];
    if (!call || innermost !== call) return { inModel, word: string ? '' : word };
    return {
        inModel,
        word: string ? '' : word,
        call: {
            callee: call.callee,
            argumentIndex: call.commas,
            positionalBefore: call.positional,
            keywordsGiven: call.keywords,
            valueOf: call.currentKeyword,
            inString: string ? { quote: string.quote, prefix: text.slice(string.start + 1, offset) } : undefined
        }
    };

    /** One more token in the current argument of the innermost call, if the cursor's innermost bracket is a call. */
    function countToken(): void {
        const top = stack[stack.length - 1];
        if (isCall(top)) top.tokens++;
    }
}

function isCall(entry: unknown): entry is OpenCall {
    return typeof entry === 'object' && entry !== null && 'callee' in entry;
}
