/**
 * Incremental parsing for one document: the text is cut into top-level chunks (chunks.ts), a
 * chunk whose text is unchanged since the last version keeps its AST and CST (moved to its new
 * place, cst-shift.ts), and only new chunks are parsed. The result is one ParseResult for the
 * whole text, as Langium's parser would give it: one Document, one CST root over the full text,
 * errors at their places in the text. Typing in a model of a 10,000-line file parses that model.
 *
 * The kept AST and CST nodes are the same objects as in the previous version (moved in place):
 * everything derived from a statement (its lowering, its references) can be reused while the
 * statement is, and a parse result is current only until the next parse of the document.
 */
import type { CstNode, LexingReport, ParseResult } from 'langium';
import type { Document, Statement } from '../generated/ast.js';
import { splitChunks, type TextChunk } from './chunks.js';
import { shiftCst, shiftErrors, type ChunkEnd } from './cst-shift.js';

interface ParsedChunk {
    readonly text: string;
    /** The chunk parsed on its own: errors at positions from 0 (never moved). */
    readonly parse: ParseResult<Document>;
    /** The chunk's top-level CST nodes, statements and hidden leaves. */
    readonly nodes: readonly CstNode[];
    readonly statements: readonly Statement[];
    /** Where its CST nodes stand now, and whether they hang from this document's root yet. */
    offset: number;
    line: number;
    rooted: boolean;
}

/** Langium's RootCstNodeImpl, as far as stitching writes to it (`_text`: its fullText). */
interface RootCst {
    content: CstNode[];
    root: unknown;
    astNode: unknown;
    grammarSource: unknown;
    _text: string;
    _rangeCache?: unknown;
}

export interface ChunkStatistics {
    readonly chunks: number;
    readonly parsed: number;
}

export class ChunkedParser {
    /** The last version's chunks by text; each is taken at most once per parse. */
    private previous = new Map<string, ParsedChunk[]>();
    /**
     * One CST root for every version of the document: a kept chunk's nodes point at it already
     * and need no walk unless the chunk moved. Its text and children are replaced by each parse.
     */
    private root?: RootCst;
    /** How much the last parse reused: for tests and benchmarks. */
    lastStatistics: ChunkStatistics = { chunks: 0, parsed: 0 };

    constructor(private readonly parseText: (text: string) => ParseResult<Document>) {}

    parse(text: string): ParseResult<Document> {
        const chunks = splitChunks(text);
        const next = new Map<string, ParsedChunk[]>();
        let parsedCount = 0;
        const parsed = chunks.map(chunk => {
            let found = this.previous.get(chunk.text)?.pop();
            if (!found) {
                found = this.parseChunk(chunk.text);
                parsedCount++;
            }
            const list = next.get(chunk.text) ?? [];
            list.push(found);
            next.set(chunk.text, list);
            return found;
        });
        this.previous = next;
        this.lastStatistics = { chunks: chunks.length, parsed: parsedCount };
        return this.stitch(text, chunks, parsed);
    }

    private parseChunk(text: string): ParsedChunk {
        const parse = this.parseText(text);
        const root = parse.value.$cstNode as unknown as RootCst;
        return { text, parse, nodes: [...root.content], statements: [...parse.value.statements], offset: 0, line: 0, rooted: false };
    }

    private stitch(text: string, chunks: readonly TextChunk[], parsed: readonly ParsedChunk[]): ParseResult<Document> {
        const root = this.rootFor(text, parsed[0]);
        const document = { $type: 'Document', statements: [] as Statement[], $cstNode: root } as unknown as Document;
        root.astNode = document;
        const lexerErrors: ParseResult['lexerErrors'] = [];
        const parserErrors: ParseResult['parserErrors'] = [];
        const lexingDiagnostics: LexingReport['diagnostics'] = [];
        parsed.forEach((chunk, i) => {
            const place = chunks[i];
            if (!chunk.rooted || place.offset !== chunk.offset || place.line !== chunk.line) {
                shiftCst(chunk.nodes, place.offset - chunk.offset, place.line - chunk.line, root);
                chunk.offset = place.offset;
                chunk.line = place.line;
                chunk.rooted = true;
            }
            root.content.push(...chunk.nodes);
            for (const statement of chunk.statements) {
                const node = statement as { -readonly [K in '$container' | '$containerProperty' | '$containerIndex']?: unknown };
                node.$container = document;
                node.$containerProperty = 'statements';
                node.$containerIndex = document.statements.length;
                (document.statements as Statement[]).push(statement);
            }
            const errors = shiftErrors(chunk.parse, place.offset, place.line, chunkEnd(chunks[i + 1]));
            lexerErrors.push(...errors.lexerErrors);
            parserErrors.push(...errors.parserErrors);
            lexingDiagnostics.push(...(chunk.parse.lexerReport?.diagnostics ?? []).map(d => ({ ...d, offset: d.offset + place.offset, line: d.line === undefined ? undefined : d.line + place.line })));
        });
        return { value: document, lexerErrors, parserErrors, lexerReport: { diagnostics: lexingDiagnostics } };
    }

    private rootFor(text: string, first: ParsedChunk): RootCst {
        if (!this.root) {
            const model = first.parse.value.$cstNode as unknown as RootCst;
            const RootClass = model.constructor as new (text: string) => RootCst;
            this.root = new RootClass(text);
            this.root.root = this.root;
            this.root.grammarSource = model.grammarSource;
        }
        const root = this.root;
        root._text = text;
        root._rangeCache = undefined;
        root.content.length = 0;
        return root;
    }
}

function chunkEnd(next: TextChunk | undefined): ChunkEnd | undefined {
    if (!next) return undefined;
    return { offset: next.offset, line: next.line + 1, image: /^\w+/.exec(next.text)?.[0] ?? '' };
}
