/**
 * The outline as the client can show it: a tree of DocumentSymbols where the client declared
 * hierarchicalDocumentSymbolSupport, else the flat SymbolInformation list of LSP 3.0 (each with
 * its container's name); kinds the client does not list become one it does.
 */
import type { LangiumDocument } from 'langium';
import type { DocumentSymbolProvider } from 'langium/lsp';
import type { CancellationToken, DocumentSymbol, DocumentSymbolParams, SymbolInformation } from 'vscode-languageserver';
import type { ClientProfile } from './client-profile.js';

export class ClientDocumentSymbolProvider implements DocumentSymbolProvider {
    constructor(private readonly inner: DocumentSymbolProvider, private readonly client: ClientProfile) {}

    async getSymbols(document: LangiumDocument, params: DocumentSymbolParams, token?: CancellationToken): Promise<DocumentSymbol[]> {
        const symbols = await this.inner.getSymbols(document, params, token);
        if (this.client.hierarchicalSymbols) return symbols.map(s => this.withKinds(s));
        // Langium's handler passes the result through: the flat form is what this client reads.
        return flatten(symbols, document.textDocument.uri, undefined).map(s => ({ ...s, kind: this.client.symbolKind(s.kind) })) as unknown as DocumentSymbol[];
    }

    private withKinds(symbol: DocumentSymbol): DocumentSymbol {
        const result: DocumentSymbol = { ...symbol, kind: this.client.symbolKind(symbol.kind) };
        if (symbol.children) result.children = symbol.children.map(c => this.withKinds(c));
        return result;
    }
}

function flatten(symbols: readonly DocumentSymbol[], uri: string, container: string | undefined): SymbolInformation[] {
    return symbols.flatMap(symbol => {
        const information: SymbolInformation = { name: symbol.name, kind: symbol.kind, location: { uri, range: symbol.range } };
        if (container !== undefined) information.containerName = container;
        return [information, ...flatten(symbol.children ?? [], uri, symbol.name)];
    });
}
