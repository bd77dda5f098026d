/**
 * The imports that break the house rules (scripts/house/parts.mjs), each naming the file, the
 * line, the import and the rule: what test/house/imports.test.ts fails with, and what
 * `node scripts/house-imports.mjs --check` prints.
 */
import { ENTRIES, MAY_IMPORT, MOVED, allowedEntries, forbiddenPackage, isEntry, mayImport, partOf } from './parts.mjs';
import { intendedPath } from './module-syntax.mjs';
import { Repo } from './repo.mjs';

/** Every import of every source file that breaks a rule. */
export function violations(repo = new Repo(process.cwd())) {
    return repo.files.flatMap(file => fileViolations(repo, file));
}

export function fileViolations(repo, file) {
    const part = partOf(file);
    const found = [];
    for (const i of repo.imports(file)) {
        const where = `${file}:${i.line}: import '${i.specifier}'`;
        const pkg = forbiddenPackage(part, i.specifier, i.erased);
        if (pkg) {
            found.push(`${where}: ${part}/ must not import ${pkg[0]} (${pkg[1]})`);
            continue;
        }
        if (!i.specifier.startsWith('.')) continue;
        const target = i.target ?? movedFrom(intendedPath(file, i.specifier));
        if (!target) continue; // a missing file is the compiler's to report
        if (!i.target) {
            found.push(`${where}: ${target} has moved (run node scripts/house-imports.mjs)`);
            continue;
        }
        const targetPart = partOf(target);
        if (targetPart === part || mayImport(part, target)) continue;
        found.push(`${where}: ${why(repo, part, target, targetPart)}`);
    }
    return found;
}

function why(repo, part, target, targetPart) {
    const allowed = allowedEntries(part, targetPart);
    const behind = repo.entriesBehind(target).filter(e => allowed.includes(e));
    if (isEntry(target)) {
        return `${part || 'the root'}/ may not import ${targetPart}/'s entry ${target}${allowed.length > 0 ? ` (only ${allowed.join(', ')})` : ''}`;
    }
    if (allowed.length === 0) return `${part || 'the root'}/ may not import ${targetPart}/ (${target})`;
    if (behind.length === 0) return `${target} is inside ${targetPart}/ and behind none of the entries ${part}/ may import (${allowed.join(', ')}): export it from one, or move it (node scripts/house-imports.mjs adds new files to their entry)`;
    return `${target} is inside ${targetPart}/: import it through ${behind[0]} (node scripts/house-imports.mjs rewrites it)`;
}

function movedFrom(path) {
    return MOVED.some(m => m.from === path) ? path : undefined;
}

/** The rule set in words, for docs and messages. */
export function describeRules() {
    const lines = ENTRIES.map(e => `entry ${e.file}: ${e.says}`);
    for (const [part, allowed] of Object.entries(MAY_IMPORT)) lines.push(`${part || '(root)'} may import: ${allowed.length > 0 ? allowed.join(', ') : 'no other part'}`);
    return lines;
}
