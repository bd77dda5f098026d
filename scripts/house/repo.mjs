/**
 * The repository as the house rules see it: its source files (tracked, and untracked ones git
 * does not ignore), each parsed once, what each imports, what each entry exports.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { exportsOf, importsOf, parseSource, resolveSpecifier } from './module-syntax.mjs';
import { ENTRIES, IGNORED, MOVED, SOURCE, packageOf } from './parts.mjs';

export class Repo {
    constructor(root, files = listFiles(root)) {
        this.root = root;
        this.files = files.filter(f => SOURCE.test(f) && !IGNORED.some(r => r.test(f)));
        this.known = new Set(files);
        this.sources = new Map();
        /** Texts changed but not written yet (the codemod's edits; --check writes none). */
        this.texts = new Map();
        this.exportCache = new Map();
    }

    text(file) {
        return this.texts.get(file) ?? readFileSync(join(this.root, file), 'utf8');
    }

    setText(file, text) {
        this.texts.set(file, text);
        this.known.add(file);
        this.forget(file);
    }

    exists(file) {
        return this.known.has(file) || this.texts.has(file) || existsSync(join(this.root, file));
    }

    /** A file's parsed source, or undefined where it is not there (read again after `forget`). */
    source(file) {
        if (!this.sources.has(file)) {
            const there = this.texts.has(file) || existsSync(join(this.root, file));
            this.sources.set(file, there && SOURCE.test(file) ? parseSource(this.root, file, this.text(file)) : undefined);
        }
        return this.sources.get(file);
    }

    forget(file) {
        this.sources.delete(file);
        this.exportCache.clear();
    }

    imports(file) {
        const source = this.source(file);
        if (!source) return [];
        // A file the house refactor moved may come from a branch with imports relative to its old place.
        const oldPlace = MOVED.find(m => m.to === file && m.from !== file)?.from;
        const exists = p => this.exists(p);
        return importsOf(source).map(i => {
            const target = resolveSpecifier(file, i.specifier, exists) ?? (oldPlace ? resolveSpecifier(oldPlace, i.specifier, exists) : undefined);
            return { ...i, target, erased: isErased(i) };
        });
    }

    /** Name -> declaring file, for everything `file` exports (through its re-exports). */
    exports(file) {
        if (!this.exportCache.has(file)) this.exportCache.set(file, exportsOf(file, f => this.source(f)));
        return this.exportCache.get(file);
    }

    /** The files an entry re-exports, directly or through `export *` chains of other files. */
    reexported(entry, seen = new Set()) {
        for (const i of this.imports(entry)) {
            if (i.kind === 'export' && i.target && !seen.has(i.target)) {
                seen.add(i.target);
                this.reexported(i.target, seen);
            }
        }
        return seen;
    }

    /** The packages (and `node:` modules) a file reaches at run time through its own relative imports. */
    runtimePackages(file, seen = new Set(), found = new Set()) {
        if (seen.has(file)) return found;
        seen.add(file);
        for (const i of this.imports(file)) {
            if (i.erased) continue;
            if (i.target) this.runtimePackages(i.target, seen, found);
            else if (!i.specifier.startsWith('.')) found.add(i.specifier.startsWith('node:') ? i.specifier : packageOf(i.specifier));
        }
        return found;
    }

    /** The entries a file is behind (re-exported by them, directly or not). */
    entriesBehind(file) {
        return ENTRIES.map(e => e.file).filter(e => this.exists(e) && this.reexported(e).has(file));
    }
}

/** Type-only imports are erased at run time: `import type`, or every named element marked `type`. */
function isErased(i) {
    if (i.typeOnly) return true;
    return (i.kind === 'import' || i.kind === 'export') && !i.hasDefault && !i.namespace && !!i.elements && i.elements.length > 0 && i.elements.every(e => e.typeOnly);
}

export function listFiles(root) {
    const out = execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard', '-z'], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
    return [...new Set(out.split('\0').filter(Boolean))].filter(f => existsSync(join(root, f)));
}
