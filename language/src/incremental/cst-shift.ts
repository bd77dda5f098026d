/**
 * Moving a parsed chunk to where it now stands in the document: every CST leaf's offset and
 * line move by the same amount (chunks start in column 0, so columns never change), composite
 * nodes forget their cached range, and every node points at the new root. Positions are
 * replaced, never mutated, so that ranges handed out earlier keep their values.
 *
 * This reaches into Langium's CST classes (LeafCstNodeImpl's `_offset` and `_range`,
 * CompositeCstNodeImpl's `_rangeCache`, AbstractCstNode's `root`): the fields Langium 4.3's
 * cst-node-builder.ts defines. test/lsp/incremental-parse.test.ts compares every node's offset,
 * range and text with a fresh parse of the whole document, so a change there shows at once.
 */
import type { CstNode, ParseResult } from 'langium';

interface MutableLeaf {
    _offset: number;
    _range: { start: { line: number; character: number }; end: { line: number; character: number } };
    root: unknown;
}

interface MutableComposite {
    content: CstNode[];
    _rangeCache?: unknown;
    root: unknown;
}

function isComposite(node: CstNode): boolean {
    return Array.isArray((node as unknown as MutableComposite).content);
}

/** Moves the nodes by `offsetDelta` characters and `lineDelta` lines and re-roots them. */
export function shiftCst(nodes: readonly CstNode[], offsetDelta: number, lineDelta: number, root: unknown): void {
    const stack: CstNode[] = [...nodes];
    while (stack.length > 0) {
        const node = stack.pop()!;
        if (isComposite(node)) {
            const composite = node as unknown as MutableComposite;
            composite.root = root;
            if (lineDelta !== 0) composite._rangeCache = undefined;
            for (const child of composite.content) stack.push(child);
        } else {
            const leaf = node as unknown as MutableLeaf;
            leaf.root = root;
            leaf._offset += offsetDelta;
            if (lineDelta !== 0) {
                const { start, end } = leaf._range;
                leaf._range = {
                    start: { line: start.line + lineDelta, character: start.character },
                    end: { line: end.line + lineDelta, character: end.character }
                };
            }
        }
    }
}

interface TokenPosition {
    startOffset: number;
    endOffset?: number;
    startLine?: number;
    endLine?: number;
    startColumn?: number;
    endColumn?: number;
    image: string;
}

/** Where the next chunk begins: what a parse of the whole text would have found instead of the end. */
export interface ChunkEnd {
    readonly offset: number;
    /** 1-based, as chevrotain counts. */
    readonly line: number;
    /** The next chunk's first word (`model`, `let`). */
    readonly image: string;
}

function shiftToken<T extends TokenPosition>(token: T, offsetDelta: number, lineDelta: number, end: ChunkEnd | undefined): T {
    if (!Number.isFinite(token.startOffset)) {
        // chevrotain's EOF token: in the whole text, the parser would have met the next chunk's keyword.
        return end
            ? { ...token, image: end.image, startOffset: end.offset, endOffset: end.offset + end.image.length - 1, startLine: end.line, endLine: end.line, startColumn: 1, endColumn: end.image.length }
            : token;
    }
    return {
        ...token,
        startOffset: token.startOffset + offsetDelta,
        endOffset: token.endOffset === undefined ? undefined : token.endOffset + offsetDelta,
        startLine: token.startLine === undefined ? undefined : token.startLine + lineDelta,
        endLine: token.endLine === undefined ? undefined : token.endLine + lineDelta
    };
}

/**
 * The chunk's lexer and parser errors as they read in the whole text: positions moved, and the
 * end of the chunk turned into the next chunk's first token (`expected '}' but found "model"`).
 */
export function shiftErrors(parse: Pick<ParseResult, 'lexerErrors' | 'parserErrors'>, offset: number, line: number, end: ChunkEnd | undefined): Pick<ParseResult, 'lexerErrors' | 'parserErrors'> {
    const lexerErrors = parse.lexerErrors.map(e => ({
        ...e,
        offset: e.offset + offset,
        line: e.line === undefined ? undefined : e.line + line
    }));
    const parserErrors = parse.parserErrors.map(e => {
        const withPrevious = e as typeof e & { previousToken?: TokenPosition };
        // chevrotain's errors are Error objects: `message` is not enumerable, so it is copied by name.
        const atEnd = end !== undefined && !Number.isFinite(e.token.startOffset);
        const message = atEnd ? foundInstead(e.message, end.image) : e.message;
        const shifted = { ...e, name: e.name, message, token: shiftToken(e.token as unknown as TokenPosition, offset, line, end) as unknown as typeof e.token };
        if (withPrevious.previousToken) {
            (shifted as typeof withPrevious).previousToken = shiftToken(withPrevious.previousToken, offset, line, end);
        }
        return shifted;
    });
    return { lexerErrors, parserErrors };
}

/** chevrotain's message about the end of the input, as it reads where the next chunk's word follows. */
function foundInstead(message: string, image: string): string {
    return message.replace('but found ``', `but found \`${image}\``).replace("but found: ''", `but found: '${image}'`);
}
