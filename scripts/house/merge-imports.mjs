/**
 * After the codemod, a file may import one entry in several declarations (one for each internal
 * file it used to import, or both sides of a merge conflict): they become one, at the place of the
 * first, `type` kept on the names that were imported as types.
 */
import ts from 'typescript';

const WIDTH = 140;

/** The source's text with the named imports of each specifier merged; `merges` tells which specifiers to merge. */
export function mergeEntryImports(source, merges) {
    const bySpecifier = new Map();
    for (const statement of source.statements) {
        if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
        const clause = statement.importClause;
        if (!clause || clause.name || !clause.namedBindings || !ts.isNamedImports(clause.namedBindings)) continue;
        const spec = statement.moduleSpecifier.text;
        if (!merges(spec)) continue;
        bySpecifier.set(spec, [...(bySpecifier.get(spec) ?? []), statement]);
    }
    const edits = [];
    for (const [spec, statements] of bySpecifier) {
        if (statements.length < 2) continue;
        const allTypes = statements.every(s => s.importClause.isTypeOnly);
        // One element per local name (both sides of a merge conflict may import it); a value import wins over a type import.
        const byName = new Map();
        for (const s of statements) {
            for (const e of s.importClause.namedBindings.elements) {
                const text = e.getText(source);
                const typeOnly = s.importClause.isTypeOnly || e.isTypeOnly;
                const written = !allTypes && s.importClause.isTypeOnly && !e.isTypeOnly ? `type ${text}` : text;
                const before = byName.get(e.name.text);
                if (!before || (before.typeOnly && !typeOnly)) byName.set(e.name.text, { written, typeOnly });
            }
        }
        const names = [...byName.values()].map(n => n.written);
        const quote = statements[0].moduleSpecifier.getText(source)[0];
        edits.push({ start: statements[0].getStart(source), end: statements[0].getEnd(), text: declaration(allTypes, names, `${quote}${spec}${quote}`) });
        for (const s of statements.slice(1)) edits.push({ start: lineStart(source.text, s.getStart(source)), end: lineEnd(source.text, s.getEnd()), text: '' });
    }
    let text = source.text;
    for (const edit of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
    return text;
}

function declaration(typeOnly, names, from) {
    const head = `import ${typeOnly ? 'type ' : ''}`;
    const oneLine = `${head}{ ${names.join(', ')} } from ${from};`;
    if (oneLine.length <= WIDTH) return oneLine;
    // Wrapped as the house writes long imports: the names indented on their own lines.
    const rows = [];
    let row = [];
    for (const name of names) {
        if (row.length > 0 && [...row, name].join(', ').length > WIDTH - 24) {
            rows.push(`${row.join(', ')},`);
            row = [];
        }
        row.push(name);
    }
    rows.push(row.join(', '));
    return `${head}{\n${rows.map(r => `    ${r}`).join('\n')}\n} from ${from};`;
}

/** The start of the statement's line when only whitespace is before it there. */
function lineStart(text, at) {
    let start = at;
    while (start > 0 && (text[start - 1] === ' ' || text[start - 1] === '\t')) start--;
    return start === 0 || text[start - 1] === '\n' ? start : at;
}

/** Past the statement's line break when nothing but whitespace follows it. */
function lineEnd(text, at) {
    let end = at;
    while (end < text.length && (text[end] === ' ' || text[end] === '\t')) end++;
    return text[end] === '\n' ? end + 1 : at;
}
