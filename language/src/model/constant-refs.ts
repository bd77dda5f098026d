/**
 * The constant references inside a statement, found once per statement node: the linker, the
 * reference index and the lowering cache all need them, and an unchanged statement keeps its
 * node from one version of the document to the next (incremental/chunked-parser.ts).
 */
import { AstUtils } from 'langium';
import { isConstantRef, type ConstantRef, type Statement } from '../generated/ast.js';

const found = new WeakMap<Statement, readonly ConstantRef[]>();

export function constantRefsIn(statement: Statement): readonly ConstantRef[] {
    const known = found.get(statement);
    if (known) return known;
    const refs = AstUtils.streamAllContents(statement).filter(isConstantRef).toArray();
    found.set(statement, refs);
    return refs;
}
