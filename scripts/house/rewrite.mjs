/**
 * The codemod's work (scripts/house-imports.mjs runs it): every import of another part's
 * internals becomes an import of that part's public entry, imports of moved files follow them,
 * and names an entry lacks are exported from it. Edits are kept in the Repo until written, so
 * that `--check` and the tests can see them without writing.
 */
import { AMBIGUOUS, intendedPath, parseSource, resolveSpecifier, specifierFor } from './module-syntax.mjs';
import { ENTRIES, MOVED, SOURCE, allowedEntries, homeEntryOf, isEntry, mayImport, partOf } from './parts.mjs';
import { resolveImportConflicts } from './conflicts.mjs';
import { mergeEntryImports } from './merge-imports.mjs';

/**
 * Rewrites the imports of every file of the repo; returns what it did (`changes`, one line each)
 * and what it could not do (`problems`, each naming the file, line and import).
 */
export function rewriteImports(repo) {
    const changes = [];
    const problems = [];
    pruneEntries(repo, changes);
    for (const file of repo.files) {
        const conflicted = repo.text(file);
        let resolved = 0;
        if (/^<<<<<<< /m.test(conflicted)) {
            const result = resolveImportConflicts(conflicted);
            const { text, left } = result;
            resolved = result.resolved;
            if (resolved > 0) {
                repo.setText(file, text);
                changes.push(`${file}: ${resolved} merge conflict${resolved === 1 ? '' : 's'} in imports resolved by keeping both sides`);
            }
            if (left > 0) problems.push(`${file}: ${left} merge conflict${left === 1 ? '' : 's'} beyond imports, for a person to resolve`);
        }
        const edits = [];
        for (const i of repo.imports(file)) {
            if (!i.specifier.startsWith('.')) continue;
            const planned = plan(repo, file, i, problems, changes);
            if (planned) edits.push(planned);
        }
        if (edits.length === 0 && resolved === 0) continue;
        let text = repo.text(file);
        for (const edit of edits.sort((a, b) => b.start - a.start)) text = text.slice(0, edit.start) + edit.text + text.slice(edit.end);
        // Several imports of one entry become one; after a conflict, every import taken twice.
        const merges = spec => resolved > 0 || isEntry(resolveSpecifier(file, spec, p => repo.exists(p)) ?? '');
        text = mergeEntryImports(parseSource(repo.root, file, text), merges);
        repo.setText(file, text);
        if (edits.length > 0) changes.push(`${file}: ${edits.length} import${edits.length === 1 ? '' : 's'} rewritten`);
    }
    return { changes, problems };
}

/** Re-exports of files that are gone (deleted or renamed on a branch) leave the entries. */
function pruneEntries(repo, changes) {
    for (const entry of ENTRIES.map(e => e.file).filter(e => repo.exists(e) && SOURCE.test(e))) {
        const gone = repo.imports(entry).filter(i => i.kind === 'export' && i.specifier.startsWith('.') && !i.target);
        if (gone.length === 0) continue;
        let text = repo.text(entry);
        for (const i of [...gone].sort((a, b) => b.node.getStart() - a.node.getStart())) {
            const start = i.node.getStart();
            const end = text[i.node.getEnd()] === '\n' ? i.node.getEnd() + 1 : i.node.getEnd();
            text = text.slice(0, start) + text.slice(end);
            changes.push(`${entry}: - ${i.specifier} (no such file any more)`);
        }
        repo.setText(entry, text);
    }
}

/** The edit for one import, or undefined where it stays as it is. */
function plan(repo, file, i, problems, changes) {
    const part = partOf(file);
    const where = `${file}:${i.line}: import '${i.specifier}'`;
    const groups = destinations(repo, file, i);
    if (!groups) return undefined;
    const specs = new Map();
    for (const [target, names] of groups) {
        const spec = specifierTo(repo, file, part, target, names, i, where, problems, changes);
        if (!spec) return undefined;
        specs.set(spec, [...(specs.get(spec) ?? []), ...(names ?? [])]);
    }
    const quote = i.literal.getText()[0];
    if (specs.size === 1) {
        const [spec] = specs.keys();
        if (spec === i.specifier) return undefined;
        return { start: i.literal.getStart(), end: i.literal.getEnd(), text: `${quote}${spec}${quote}` };
    }
    // Names of one import that now live in several places: one declaration for each.
    if (!i.elements || i.hasDefault || i.namespace) {
        problems.push(`${where}: its names now come from ${[...specs.keys()].join(' and ')}; split it by hand`);
        return undefined;
    }
    const keyword = i.kind === 'export' ? 'export' : 'import';
    const declarations = [...specs].map(([spec, names]) => {
        const elements = i.elements.filter(e => names.includes(e.name)).map(e => e.text);
        return `${keyword} ${i.typeOnly ? 'type ' : ''}{ ${elements.join(', ')} } from ${quote}${spec}${quote};`;
    });
    return { start: i.node.getStart(), end: i.node.getEnd(), text: declarations.join('\n') };
}

/** Target file -> the names taken from it (undefined: the whole module), after following moved files. */
function destinations(repo, file, i) {
    const intended = i.target ?? intendedPath(file, i.specifier);
    const moved = MOVED.find(m => m.from === intended && (!i.target || Object.keys(m.names ?? {}).length > 0));
    if (!i.target && !moved) return undefined; // a file that is not there: the compiler reports it
    if (!moved) return new Map([[i.target, i.names]]);
    const groups = new Map();
    const movedNames = Object.entries(moved.names ?? {});
    if (!i.names) return new Map([[moved.to, undefined]]);
    for (const name of i.names) {
        const to = movedNames.find(([, names]) => names.includes(name))?.[0] ?? moved.to;
        groups.set(to, [...(groups.get(to) ?? []), name]);
    }
    return groups;
}

/** The specifier `file` should use for `names` of `target`: the target itself, or the public entry it is behind. */
function specifierTo(repo, file, part, target, names, i, where, problems, changes) {
    const targetPart = partOf(target);
    if (targetPart === part || mayImport(part, target)) return specifierFor(file, target, i.specifier);
    const allowed = allowedEntries(part, targetPart);
    if (allowed.length === 0) {
        problems.push(`${where}: ${part || 'the root'}/ may not import ${targetPart}/ at all (${target})`);
        return undefined;
    }
    if (i.kind === 'export' && !names) {
        problems.push(`${where}: \`export *\` of another part's internals; export what is meant from ${allowed.join(' or ')} by hand`);
        return undefined;
    }
    if (i.kind === 'import' && !names && !i.namespace) {
        problems.push(`${where}: imported for its side effect: make it part of an entry's work, or import it from its own part`);
        return undefined;
    }
    if (i.hasDefault) {
        problems.push(`${where}: a default import of another part's internals: export it by name from ${allowed[0]}`);
        return undefined;
    }
    const entry = chooseEntry(repo, part, target, names ?? [], allowed, where, problems, changes);
    return entry ? specifierFor(file, entry, i.specifier) : undefined;
}

/** The allowed entry that exports `names` as `target` declares them, after adding what is missing. */
function chooseEntry(repo, part, target, names, allowed, where, problems, changes) {
    const own = repo.exports(target);
    const origin = name => (own.get(name) && own.get(name) !== AMBIGUOUS ? own.get(name) : target);
    const missing = entry => names.filter(n => repo.exports(entry).get(n) !== origin(n));
    const behind = allowed.filter(e => repo.reexported(e).has(target));
    const complete = behind.find(e => missing(e).length === 0) ?? allowed.find(e => names.length > 0 && missing(e).length === 0);
    if (complete) return complete;
    const anywhere = repo.entriesBehind(target);
    if (behind.length === 0 && anywhere.length > 0) {
        problems.push(`${where}: ${target} is behind ${anywhere.join(', ')}, which ${part}/ may not import (only ${allowed.join(', ')})`);
        return undefined;
    }
    const entry = behind[0] ?? homeEntryOf(target, repo.runtimePackages(target));
    if (!entry || !allowed.includes(entry)) {
        problems.push(`${where}: ${target} belongs behind ${entry ?? 'no entry'}, which ${part}/ may not import (only ${allowed.join(', ')})`);
        return undefined;
    }
    return addExport(repo, entry, target, behind.length > 0 ? names : undefined, names, where, problems, changes) ? entry : undefined;
}

/**
 * Adds `export * from` the target to the entry (`some` undefined), or `export { some } from` it;
 * names the entry already exports from elsewhere are left out, and reported if they are wanted.
 */
function addExport(repo, entry, target, some, wanted, where, problems, changes) {
    const exported = repo.exports(entry);
    const own = repo.exports(target);
    const clash = [...own].filter(([name, origin]) => name !== 'default' && exported.has(name) && exported.get(name) !== origin).map(([name]) => name);
    const blocked = wanted.filter(n => clash.includes(n));
    if (blocked.length > 0) {
        problems.push(`${where}: ${entry} already exports ${blocked.join(', ')} from elsewhere; rename one of them`);
        return false;
    }
    const spec = specifierFor(entry, target, './x.js');
    const names = some ?? (clash.length > 0 ? [...own.keys()].filter(n => n !== 'default' && !clash.includes(n)) : undefined);
    const line = names ? `export { ${names.join(', ')} } from '${spec}';` : `export * from '${spec}';`;
    repo.setText(entry, insertExport(repo.text(entry), line, spec));
    changes.push(`${entry}: + ${line}`);
    return true;
}

/** The line after the last export of the same folder, or at the end. */
function insertExport(text, line, spec) {
    const lines = text.replace(/\n$/, '').split('\n');
    const folder = spec.slice(0, spec.lastIndexOf('/') + 1);
    let at = -1;
    lines.forEach((l, n) => { if (l.startsWith('export ') && l.includes(`from '${folder}`) && !l.slice(l.indexOf(folder) + folder.length).includes('/')) at = n; });
    if (at < 0) lines.push('', line);
    else lines.splice(at + 1, 0, line);
    return `${lines.join('\n')}\n`;
}
