/**
 * Top-level statements parsed once: an edit changes one chunk (chunks.ts), and every other
 * chunk's statements are taken from here by their text. Offsets in the statements are relative
 * to the chunk, so that a chunk that only moved is still found.
 */
import type { PyStatement } from '../keras/python-ast.js';
import { readPython } from '../keras/python-parse.js';

export interface ParsedChunk {
    readonly statements: readonly PyStatement[];
    /** True when the chunk does not parse: its statements are not read (Python stops there too). */
    readonly broken: boolean;
}

/** Enough for the chunks of a few large open files and notebooks; the oldest go first. */
const LIMIT = 20_000;

export class ChunkParseCache {
    private readonly parsed = new Map<string, ParsedChunk>();

    parse(text: string): ParsedChunk {
        const kept = this.parsed.get(text);
        if (kept) {
            // Kept fresh: a Map iterates in insertion order, so the oldest entries are the first.
            this.parsed.delete(text);
            this.parsed.set(text, kept);
            return kept;
        }
        const read = readPython(text);
        const chunk: ParsedChunk = { statements: read.error ? [] : read.statements, broken: read.error !== undefined };
        this.parsed.set(text, chunk);
        if (this.parsed.size > LIMIT) {
            for (const key of this.parsed.keys()) {
                this.parsed.delete(key);
                if (this.parsed.size <= LIMIT * 0.8) break;
            }
        }
        return chunk;
    }
}

/** The cache for callers that keep none of their own (the CLI, tests). */
export const sharedChunkCache = new ChunkParseCache();
