/**
 * Whether this server's Langium services (the `.rnn` language) serve a document, asked with the
 * URI as the client sent it. A string that is not a URI is served by nobody. The protocol guard,
 * the workspace and the custom requests all ask it: one answer for one question.
 */
import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';

/** The client's string as a URI, or undefined where it is not one. */
export function parsedUri(uri: string): URI | undefined {
    try {
        return URI.parse(uri);
    } catch {
        return undefined;
    }
}

export function servedByLangium(shared: LangiumSharedServices, uri: string | URI): boolean {
    const parsed = typeof uri === 'string' ? parsedUri(uri) : uri;
    return parsed !== undefined && shared.ServiceRegistry.hasServices(parsed);
}
