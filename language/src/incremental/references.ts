/**
 * Langium's linking, scoping, local-symbol and reference-index passes, for a language whose only
 * names are top-level (`let`, `model`) and whose only references are constant uses. Langium's defaults
 * walk every AST node with an `await` per node, which on a 10,000-line file costs more than
 * parsing the edited model; these visit the top-level statements and the constant references
 * (found once per statement, model/constant-refs.ts) and give the same results.
 */
import {
    AstUtils, Cancellation, DefaultLinker, DefaultReferenceDescriptionProvider, DefaultScopeComputation, DefaultScopeProvider,
    interruptAndCheck, MapScope, MultiMap, type AstNode, type AstNodeDescription, type Scope, type LangiumDocument, type LocalSymbols,
    type ReferenceDescription, type ReferenceInfo
} from 'langium';
import type { ConstantRef, Document } from '../generated/ast.js';
import { constantRefsIn } from '../model/constant-refs.js';

function* constantRefs(document: LangiumDocument): Generator<ConstantRef> {
    const root = document.parseResult.value as Document;
    for (const statement of root.statements ?? []) yield* constantRefsIn(statement);
}

function referenceInfo(ref: ConstantRef): ReferenceInfo {
    return { reference: ref.constant, container: ref, property: 'constant' };
}

export class RnnLinker extends DefaultLinker {
    override async link(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<void> {
        await interruptAndCheck(cancelToken ?? Cancellation.CancellationToken.None);
        for (const ref of constantRefs(document)) {
            // A statement kept from the previous version may hold a reference resolved lazily,
            // outside document.references (which unlink resets): resolve every one afresh.
            const reference = ref.constant as { _ref?: unknown; _nodeDescription?: unknown };
            reference._ref = undefined;
            delete reference._nodeDescription;
            this.doLink(referenceInfo(ref), document);
        }
    }
}

export class RnnScopeComputation extends DefaultScopeComputation {
    /** Names live on the top level only: each is visible in the whole document. */
    override async collectLocalSymbols(document: LangiumDocument): Promise<LocalSymbols> {
        const root = document.parseResult.value as Document;
        const symbols = new MultiMap<AstNode, AstNodeDescription>();
        for (const statement of root.statements ?? []) this.addLocalSymbol(statement, document, symbols);
        return symbols;
    }
}

/**
 * Every constant reference sees the same scope: the document's top-level names, then the other
 * documents'. Langium's default builds a list scope per reference and searches it linearly (a
 * million comparisons for 1,000 references to 1,000 names); this builds one map per document
 * version. The first definition of a name wins, as in Langium's list scope.
 */
export class RnnScopeProvider extends DefaultScopeProvider {
    private readonly scopes = new WeakMap<LocalSymbols, { type: string; global: Scope; scope: Scope }>();

    override getScope(context: ReferenceInfo): Scope {
        const referenceType = this.reflection.getReferenceType(context);
        const global = this.getGlobalScope(referenceType, context);
        const document = AstUtils.getDocument(context.container);
        const symbols = document.localSymbols;
        if (!symbols) return global;
        const kept = this.scopes.get(symbols);
        if (kept && kept.type === referenceType && kept.global === global) return kept.scope;
        const first = new Map<string, AstNodeDescription>();
        for (const description of symbols.getStream(document.parseResult.value)) {
            if (!first.has(description.name) && this.reflection.isSubtype(description.type, referenceType)) first.set(description.name, description);
        }
        const scope = new MapScope(first.values(), global);
        this.scopes.set(symbols, { type: referenceType, global, scope });
        return scope;
    }
}

export class RnnReferenceDescriptionProvider extends DefaultReferenceDescriptionProvider {
    override async createDescriptions(document: LangiumDocument, cancelToken?: Cancellation.CancellationToken): Promise<ReferenceDescription[]> {
        await interruptAndCheck(cancelToken ?? Cancellation.CancellationToken.None);
        const descriptions: ReferenceDescription[] = [];
        for (const ref of constantRefs(document)) {
            if (!ref.constant.error) descriptions.push(...this.createInfoDescriptions(referenceInfo(ref)));
        }
        return descriptions;
    }
}
