/**
 * What the Python door keeps of a document between two versions of it. Top-level statements
 * are parsed once: an edit changes one chunk (chunks.ts), and every other chunk's statements are
 * taken from here by their text (offsets in them are relative to the chunk, so that a chunk that
 * only moved is still found). A model whose syntax did not change keeps its lowered description,
 * the same object, so that the analysis kept for it (`analysis`) is used again.
 */
import type { ModelAnalysisCache } from '../analysis/analyze.js';
import type { PyStatement } from '../keras/python-ast.js';
import { readPython } from '../keras/python-parse.js';
import type { ModelDescription } from '../model/description.js';
import type { RnnDiagnostic } from '../model/diagnostic.js';

export interface ParsedChunk {
    readonly statements: readonly PyStatement[];
    /** True when the chunk does not parse: its statements are not read (Python stops there too). */
    readonly broken: boolean;
}

/** Enough for the chunks of a few large open files and notebooks; past it, the first parsed go first. */
const LIMIT = 20_000;

export interface LoweredModel {
    readonly description: ModelDescription;
    readonly diagnostics: readonly RnnDiagnostic[];
}

export class ChunkParseCache {
    private readonly parsed = new Map<string, ParsedChunk>();
    /** Lowered models by their syntax (as JSON), of the last two descriptions. */
    private lowered = new Map<string, LoweredModel>();
    private previous = new Map<string, LoweredModel>();
    /** The analysis of each lowered model, for analyzeDescription. */
    readonly analysis: ModelAnalysisCache = new WeakMap();

    lowerModel(key: string, lower: () => LoweredModel): LoweredModel {
        const kept = this.lowered.get(key) ?? this.previous.get(key);
        const model = kept ?? lower();
        this.lowered.set(key, model);
        return model;
    }

    /** Called once per description: the models not used in two descriptions are let go. */
    nextGeneration(): void {
        this.previous = this.lowered;
        this.lowered = new Map();
    }

    parse(text: string): ParsedChunk {
        const kept = this.parsed.get(text);
        if (kept) return kept;
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
