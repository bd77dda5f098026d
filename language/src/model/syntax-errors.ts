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
        const bad = text.substr(error.offset, Math.max(1, error.length));
        if (bad[0] === '"' || bad[0] === "'") {
            // A quote that opens no complete string: the string runs to the end of the line unclosed.
            const lineEnd = /[\r\n]/.exec(text.slice(error.offset));
            const length = lineEnd ? lineEnd.index : text.length - error.offset;
            const end = { line: start.line, character: start.character + Math.max(1, length) };
            result.push(diagnostic('syntax', `This string is not closed: add the closing ${bad[0]} before the end of the line.`, { start, end }));
            continue;
        }
        const end = { line: start.line, character: start.character + Math.max(1, error.length) };
        result.push(diagnostic('syntax', `Unexpected character ${JSON.stringify(bad)}: it is not part of the .rnn language.`, { start, end }));
    }
    for (const error of parse.parserErrors) {
        const token = error.token;
        const previous = (error as { previousToken?: { endLine?: number; endColumn?: number } }).previousToken;
        let start: Position;
        let end: Position;
        if (error.name === 'MismatchedTokenException' && previous && Number.isFinite(previous.endLine) && Number.isFinite(previous.endColumn)
            && !(token.startLine! <= previous.endLine!)) {
            // A token is missing at the end of a line (`LSTM(8` then `Dense(1)` on the next line, or
            // a model without its `}`): the place to type it is right after the last good token,
            // not on the line where the parser noticed.
            start = end = { line: previous.endLine! - 1, character: previous.endColumn! };
        } else if (Number.isFinite(token.startLine) && Number.isFinite(token.startColumn)) {
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
    // Text where a statement should start: chevrotain says "EOF" (or "end of file") was expected.
    const redundant = /^Expecting end of file but found `(.*)`\.?$/s.exec(firstLine);
    if (redundant || expecting?.[1] === 'EOF') {
        return `Syntax error: unexpected "${redundant?.[1] ?? expecting![2]}": a statement starts with let or model.`;
    }
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
