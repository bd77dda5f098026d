/** Places in the source text, in LSP's 0-based line and UTF-16 character coordinates. */

export interface Position {
    readonly line: number;
    readonly character: number;
}

export interface SourceRange {
    readonly start: Position;
    readonly end: Position;
}

export function emptyRangeAt(position: Position): SourceRange {
    return { start: position, end: position };
}

export function compareRanges(a: SourceRange, b: SourceRange): number {
    return a.start.line - b.start.line || a.start.character - b.start.character;
}

/** True when `inner` lies within `outer` (both ends included). */
export function rangeContains(outer: SourceRange, inner: SourceRange): boolean {
    const before = (a: Position, b: Position) => a.line < b.line || (a.line === b.line && a.character <= b.character);
    return before(outer.start, inner.start) && before(inner.end, outer.end);
}
