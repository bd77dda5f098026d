/**
 * Langium's document factory with one ChunkedParser per document, so that a new version of a
 * document reuses the unchanged statements of the previous one. Parsing a single rule (Langium
 * does that for some features) goes to the plain parser.
 */
import {
    DefaultLangiumDocumentFactory, type AstNode, type Cancellation, type LangiumCoreServices, type LangiumSharedCoreServices,
    type ParseResult, type ParserOptions, URI
} from 'langium';
import type { Document } from '../generated/ast.js';
import { ChunkedParser } from './chunked-parser.js';

export class IncrementalDocumentFactory extends DefaultLangiumDocumentFactory {
    private readonly parsers = new Map<string, ChunkedParser>();
    private readonly documents: () => LangiumSharedCoreServices['workspace']['LangiumDocuments'];

    constructor(services: LangiumSharedCoreServices) {
        super(services);
        // Lazily: the documents service itself depends on this factory.
        this.documents = () => services.workspace.LangiumDocuments;
    }

    /** How much the last parse of `uri` reused. */
    statisticsOf(uri: URI): ChunkedParser['lastStatistics'] | undefined {
        return this.parsers.get(uri.toString())?.lastStatistics;
    }

    protected override parse<T extends AstNode>(uri: URI, text: string, options?: ParserOptions): ParseResult<T> {
        if (options?.rule) return super.parse<T>(uri, text, options);
        return this.parserFor(uri).parse(text) as unknown as ParseResult<T>;
    }

    protected override async parseAsync<T extends AstNode>(uri: URI, text: string, _cancelToken: Cancellation.CancellationToken): Promise<ParseResult<T>> {
        // Only the changed chunks are parsed: quick enough to do at once.
        return this.parse<T>(uri, text);
    }

    private parserFor(uri: URI): ChunkedParser {
        const key = uri.toString();
        let parser = this.parsers.get(key);
        if (!parser) {
            // Deleted documents' chunks are not needed again.
            for (const known of this.parsers.keys()) {
                if (!this.documents().hasDocument(URI.parse(known))) this.parsers.delete(known);
            }
            const services = this.serviceRegistry.getServices(uri) as LangiumCoreServices;
            parser = new ChunkedParser(text => services.parser.LangiumParser.parse<Document>(text));
            this.parsers.set(key, parser);
        }
        return parser;
    }
}
