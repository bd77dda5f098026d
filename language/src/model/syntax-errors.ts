/** Lexer and parser errors as `syntax` diagnostics, with a readable message and the exact place. */
import type { ParseResult } from 'langium';
import { diagnostic, type RnnDiagnostic } from './diagnostic.js';
import type { Position } from './source.js';

export function syntaxDiagnostics(parse: Pick<ParseResult, 'lexerErrors' | 'parserErrors'>, text: string): RnnDiagnostic[] {
    const result: RnnDiagnostic[] = [];
    for (const error of parse.lexerErrors) {
        const start = error.line !== undefined && error.column !== undefined
            ? { line: error.line - 1, character: error.column - 1 }
            : positionAt(text, error.offset);
        const end = { line: start.line, character: start.character + Math.max(1, error.length) };
        const bad = text.substr(error.offset, Math.max(1, error.length));
        result.push(diagnostic('syntax', `Unexpected character ${JSON.stringify(bad)}: it is not part of the .rnn language.`, { start, end }));
    }
    for (const error of parse.parserErrors) {
        const token = error.token;
        let start: Position;
        let end: Position;
        if (Number.isFinite(token.startLine) && Number.isFinite(token.startColumn)) {
            start = { line: token.startLine! - 1, character: token.startColumn! - 1 };
            end = { line: (token.endLine ?? token.startLine!) - 1, character: token.endColumn ?? token.startColumn! };
        } else {
            // The end of input: chevrotain's EOF token has no position.
            start = end = positionAt(text, text.length);
        }
        result.push(diagnostic('syntax', readable(error.message, token.image), { start, end }));
    }
    return result;
}

function readable(message: string, image: string): string {
    const firstLine = message.split('\n')[0];
    const expecting = /^Expecting token of type '([^']*)' but found `(.*)`\.?$/s.exec(firstLine);
    if (expecting) {
        const found = expecting[2] === '' ? 'the end of the file' : `"${expecting[2]}"`;
        return `Syntax error: expected ${expecting[1]} but found ${found}.`;
    }
    if (firstLine.startsWith('Expecting: one of these possible Token sequences') || firstLine.startsWith('Expecting: expecting at least one')) {
        return `Syntax error: unexpected ${image ? `"${image}"` : 'end of file'} here.`;
    }
    return `Syntax error: ${firstLine.replace(/^Expecting/, 'expected')}`;
}

export function positionAt(text: string, offset: number): Position {
    let line = 0;
    let lineStart = 0;
    const end = Math.min(offset, text.length);
    for (let i = 0; i < end; i++) {
        if (text.charCodeAt(i) === 10) { line++; lineStart = i + 1; }
    }
    return { line, character: end - lineStart };
}
