/**
 * Merge conflicts that lie only in import blocks (a branch added an import where the house branch
 * rewrote the block into entry imports) are resolved by keeping both sides: the codemod then
 * rewrites both to the entries and merges them into one import per entry, without duplicates.
 * A hunk with anything but imports in it is left for a person.
 */
import ts from 'typescript';

const HUNK = /^<<<<<<< [^\n]*\n([\s\S]*?)(?:^\|\|\|\|\|\|\| [^\n]*\n[\s\S]*?)?^=======\n([\s\S]*?)^>>>>>>> [^\n]*\n/gm;

/** The text with its import-only conflict hunks resolved, and how many hunks are left. */
export function resolveImportConflicts(text) {
    let resolved = 0;
    const out = text.replace(HUNK, (hunk, ours, theirs) => {
        if (!onlyImports(ours) || !onlyImports(theirs)) return hunk;
        resolved++;
        return ours + theirs;
    });
    return { text: out, resolved, left: (out.match(/^<<<<<<< /gm) ?? []).length };
}

function onlyImports(text) {
    const source = ts.createSourceFile('hunk.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TS);
    if (source.parseDiagnostics?.length > 0) return false;
    return source.statements.every(s => ts.isImportDeclaration(s) || (ts.isExportDeclaration(s) && !!s.moduleSpecifier));
}
