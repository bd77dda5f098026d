/**
 * Semantic tokens. Layer names (the catalog's) are classes; `compile`, `fit`, `data` and the
 * calls used as values (`Adam(...)`, `EarlyStopping(...)`) are functions; an unknown callee
 * directly in a model body gets no token (its diagnostic says what it is). Argument keywords
 * are parameters, constants read-only variables, model names class declarations.
 */
import type { AstNode } from 'langium';
import { AbstractSemanticTokenProvider, type SemanticTokenAcceptor } from 'langium/lsp';
import { SemanticTokenModifiers, SemanticTokenTypes } from 'vscode-languageserver';
import { findLayerKind } from '../catalog/index.js';
import { findStatementKind } from '../catalog/statements.js';
import {
    isArgument, isCall, isConstant, isConstantRef, isKerasTarget, isKeywordLiteral, isModel, isNumberLiteral, isStringLiteral
} from '../generated/ast.js';

export class RnnSemanticTokenProvider extends AbstractSemanticTokenProvider {
    protected override highlightElement(node: AstNode, acceptor: SemanticTokenAcceptor): void {
        if (isConstant(node)) {
            acceptor({ node, keyword: 'let', type: SemanticTokenTypes.keyword });
            if (node.name) {
                acceptor({
                    node, property: 'name', type: SemanticTokenTypes.variable,
                    modifier: [SemanticTokenModifiers.declaration, SemanticTokenModifiers.readonly]
                });
            }
        } else if (isKerasTarget(node)) {
            acceptor({ node, keyword: 'keras', type: SemanticTokenTypes.keyword });
            acceptor({ node, property: 'version', type: SemanticTokenTypes.number });
        } else if (isModel(node)) {
            acceptor({ node, keyword: 'model', type: SemanticTokenTypes.keyword });
            if (node.name) acceptor({ node, property: 'name', type: SemanticTokenTypes.class, modifier: SemanticTokenModifiers.declaration });
        } else if (isCall(node)) {
            const type = calleeType(node.callee, isModel(node.$container));
            if (type && node.callee) acceptor({ node, property: 'callee', type });
        } else if (isArgument(node)) {
            if (node.keyword) acceptor({ node, property: 'keyword', type: SemanticTokenTypes.parameter });
        } else if (isConstantRef(node)) {
            acceptor({ node, property: 'constant', type: SemanticTokenTypes.variable, modifier: SemanticTokenModifiers.readonly });
        } else if (isNumberLiteral(node)) {
            acceptor({ node, property: 'text', type: SemanticTokenTypes.number });
        } else if (isStringLiteral(node)) {
            acceptor({ node, property: 'value', type: SemanticTokenTypes.string });
        } else if (isKeywordLiteral(node)) {
            acceptor({ node, property: 'value', type: SemanticTokenTypes.keyword });
        }
    }
}

/** Layers are classes; statements and callables are functions; an unknown statement of a model body is left alone. */
function calleeType(callee: string, inModelBody: boolean): SemanticTokenTypes | undefined {
    if (findLayerKind(callee)) return SemanticTokenTypes.class;
    if (inModelBody) return findStatementKind(callee) ? SemanticTokenTypes.function : undefined;
    return SemanticTokenTypes.function;
}
