/**
 * `rnnLens/models`: every model of a document with its range and parameter totals, small enough
 * to send after each edit. The VS Code extension keeps the answer and finds the model under the
 * cursor itself, so that moving the cursor costs no request (the status bar's parameter count,
 * Show Summary's model, its quick pick of the document's models).
 */
import { DocumentState, URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { CancellationToken, Connection } from 'vscode-languageserver';
import type { ModelAnalysis } from '../analysis/types.js';
import type { SourceRange } from '../model/source.js';

export const MODELS_REQUEST = 'rnnLens/models';

export interface ModelsParams { readonly uri: string }

export interface ModelOutline {
    readonly name: string;
    /** From `model` to the closing `}`: the cursor is "in" the model anywhere inside it. */
    readonly range: SourceRange;
    readonly nameRange: SourceRange;
    readonly totalParams: number;
    readonly trainableParams: number;
    readonly nonTrainableParams: number;
    /** False when a layer's shape or parameters are unknown: the totals then leave them out. */
    readonly complete: boolean;
    /** False when a count exceeds 2^53 and is approximate. */
    readonly exact: boolean;
}

export interface ModelsResult { readonly models: readonly ModelOutline[] }

export function modelOutline(model: ModelAnalysis): ModelOutline {
    return {
        name: model.name,
        range: model.description.range,
        nameRange: model.description.nameRange,
        totalParams: model.totals.total,
        trainableParams: model.totals.trainable,
        nonTrainableParams: model.totals.nonTrainable,
        complete: model.complete,
        exact: model.exact
    };
}

/** Registered by registerCustomRequests, which gives the document's outlines after the latest edit (either door's). */
export function registerModelsRequest(
    connection: Connection, outlinesOf: (uri: string, token: CancellationToken) => Promise<readonly ModelOutline[]>
): void {
    connection.onRequest(MODELS_REQUEST, async (params: ModelsParams, token: CancellationToken): Promise<ModelsResult> => ({ models: await outlinesOf(params.uri, token) }));
}

/**
 * The client asks right after an edit (and after each one): wait, as Langium's own code-lens and
 * inlay-hint handlers do, until the edited text is parsed and linked, so that the answer is about
 * the new text and not a parse of the old one. A document the server does not hold (not open)
 * has nothing to wait for: it is read as it is.
 */
export async function untilBuilt(shared: LangiumSharedServices, uri: string, token: CancellationToken): Promise<void> {
    await shared.workspace.WorkspaceManager.ready;
    if (!shared.workspace.LangiumDocuments.hasDocument(URI.parse(uri))) return;
    await shared.workspace.DocumentBuilder.waitUntil(DocumentState.IndexedReferences, URI.parse(uri), token);
}
