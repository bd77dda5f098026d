/** Ranges of AST nodes, from Langium's concrete syntax tree, in LSP coordinates. */
import { GrammarUtils, type AstNode } from 'langium';
import type { Position, SourceRange } from './source.js';

const NOWHERE: SourceRange = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

export function rangeOf(node: AstNode | undefined): SourceRange {
    return node?.$cstNode?.range ?? NOWHERE;
}

/** The range of a node's property, e.g. a call's `callee` or a constant's `name`. */
export function propertyRange(node: AstNode, property: string): SourceRange {
    return GrammarUtils.findNodeForProperty(node.$cstNode, property)?.range ?? rangeOf(node);
}

/** Where a keyword of the node stands (`)` of a call), if the parser found it in the text. */
export function keywordPosition(node: AstNode, keyword: string): Position | undefined {
    const cst = GrammarUtils.findNodeForKeyword(node.$cstNode, keyword);
    return cst && cst.length > 0 ? cst.range.start : undefined;
}
