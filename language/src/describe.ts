/** Text → AST → plain description: the front half of the pipeline, for callers without an editor. */
import type { ParseResult } from 'langium';
import type { Document } from './generated/ast.js';
import { createRnnLensCoreServices } from './rnn-lens-core-module.js';
import type { DocumentDescription } from './model/description.js';
import { readDirectives } from './model/directives.js';
import { lowerDocument } from './model/lower.js';
import type { LoweringCache } from './model/lowering-cache.js';
import { syntaxDiagnostics } from './model/syntax-errors.js';

let services: ReturnType<typeof createRnnLensCoreServices> | undefined;

export function parseRnn(text: string): ParseResult<Document> {
    services ??= createRnnLensCoreServices();
    return services.RnnLens.parser.LangiumParser.parse<Document>(text);
}

/** Parses and lowers a `.rnn` text. Never throws on bad input: problems are diagnostics. */
export function describeText(text: string): DocumentDescription {
    const parse = parseRnn(text);
    return describeParsed(parse, text);
}

/** `cache`: models lowered in an earlier version of the same document (the language server's). */
export function describeParsed(parse: ParseResult<Document>, text: string, cache?: LoweringCache): DocumentDescription {
    const lowered = lowerDocument(parse.value, syntaxDiagnostics(parse, text), cache);
    const directives = readDirectives(text);
    return { ...lowered, diagnostics: [...lowered.diagnostics, ...directives.problems], directives: directives.levels };
}
