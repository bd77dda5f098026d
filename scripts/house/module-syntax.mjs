/**
 * What a source file imports and exports, read with TypeScript's parser (syntax only, no type
 * checking: fast, and it reads files that do not compile yet). Shared by the import rules
 * (test/house/imports.test.ts) and the codemod (scripts/house-imports.mjs).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative, sep } from 'node:path';
import ts from 'typescript';

/** Repository-relative paths always with `/`, whatever the platform. */
export const slash = path => path.split(sep).join('/');

export function parseSource(root, file, text = readFileSync(join(root, file), 'utf8')) {
    const kind = file.endsWith('.ts') || file.endsWith('.mts') || file.endsWith('.cts') ? ts.ScriptKind.TS : ts.ScriptKind.JS;
    return ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
}

/**
 * Every module specifier of a file: import and export declarations (`import type` too),
 * `import x = require(...)`, dynamic `import(...)`, `require(...)` and `typeof import(...)` types.
 * `names`: the names taken (`{ a, b as c }` gives a and b), undefined where the whole module is
 * taken (namespace, side effect, dynamic import, `export *`).
 */
export function importsOf(source) {
    const found = [];
    const add = (node, literal, extra) => found.push({
        node, specifier: literal.text, literal,
        line: source.getLineAndCharacterOfPosition(literal.getStart(source)).line + 1, ...extra
    });
    const visit = node => {
        if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier)) {
            const clause = node.importClause;
            const bindings = clause?.namedBindings;
            const named = bindings && ts.isNamedImports(bindings) ? bindings.elements : undefined;
            add(node, node.moduleSpecifier, {
                kind: 'import', typeOnly: !!clause?.isTypeOnly,
                hasDefault: !!clause?.name, namespace: !!bindings && ts.isNamespaceImport(bindings),
                names: clause ? (named ?? (clause.name ? [] : undefined))?.map(e => (e.propertyName ?? e.name).text) : undefined,
                elements: named?.map(e => ({ name: (e.propertyName ?? e.name).text, text: e.getText(source), typeOnly: e.isTypeOnly || !!clause?.isTypeOnly }))
            });
        } else if (ts.isExportDeclaration(node) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
            const clause = node.exportClause;
            const named = clause && ts.isNamedExports(clause) ? clause.elements : undefined;
            add(node, node.moduleSpecifier, {
                kind: 'export', typeOnly: node.isTypeOnly, hasDefault: false, namespace: !!clause && ts.isNamespaceExport(clause),
                names: named?.map(e => (e.propertyName ?? e.name).text),
                elements: named?.map(e => ({ name: (e.propertyName ?? e.name).text, text: e.getText(source), typeOnly: e.isTypeOnly || node.isTypeOnly }))
            });
        } else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference) && ts.isStringLiteral(node.moduleReference.expression)) {
            add(node, node.moduleReference.expression, { kind: 'require', typeOnly: node.isTypeOnly });
        } else if (ts.isCallExpression(node) && node.arguments.length >= 1 && ts.isStringLiteralLike(node.arguments[0])
            && (node.expression.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(node.expression) && node.expression.text === 'require'))) {
            add(node, node.arguments[0], { kind: node.expression.kind === ts.SyntaxKind.ImportKeyword ? 'dynamic' : 'require', typeOnly: false });
        } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument) && ts.isStringLiteral(node.argument.literal)) {
            add(node, node.argument.literal, { kind: 'type-import', typeOnly: true });
        }
        ts.forEachChild(node, visit);
    };
    visit(source);
    return found;
}

const EXTENSIONS = ['.ts', '.mts', '.cts', '.tsx', '.mjs', '.cjs', '.js'];

/**
 * The repository file a relative specifier names (`./x.js` is `./x.ts` for TypeScript), or
 * undefined for a package or a file that is not there. `exists` answers for a path; tests give
 * their own.
 */
export function resolveSpecifier(importer, specifier, exists = path => existsSync(path)) {
    if (!specifier.startsWith('.')) return undefined;
    const base = slash(normalize(join(dirname(importer), specifier)));
    return candidates(base).find(exists);
}

/** Where a relative specifier would point, as a repository path, whether or not the file exists (for moved files). */
export function intendedPath(importer, specifier) {
    const base = slash(normalize(join(dirname(importer), specifier)));
    if (/\.(mjs|cjs|js)$/.test(base)) return base.replace(/\.mjs$/, '.mts').replace(/\.cjs$/, '.cts').replace(/\.js$/, '.ts');
    return /\.[cm]?tsx?$/.test(base) ? base : `${base}.ts`;
}

function candidates(base) {
    const stem = base.replace(/\.(js|mjs|cjs)$/, '');
    const ts = base.endsWith('.mjs') ? [`${stem}.mts`] : base.endsWith('.cjs') ? [`${stem}.cts`] : base.endsWith('.js') ? [`${stem}.ts`, `${stem}.tsx`] : [];
    return [base, ...ts, ...EXTENSIONS.map(e => base + e), ...EXTENSIONS.map(e => `${base}/index${e}`)];
}

/** A specifier from `importer` to `target`, in the style of `like` (a `.js` suffix or none). */
export function specifierFor(importer, target, like) {
    let path = slash(relative(dirname(importer), target));
    if (!path.startsWith('.')) path = `./${path}`;
    if (/\.(ts|tsx)$/.test(target)) {
        if (/\.js$/.test(like)) return path.replace(/\.tsx?$/, '.js');
        if (/\.tsx?$/.test(like)) return path;
        return path.replace(/\.tsx?$/, '');
    }
    return path;
}

/**
 * The names a file exports and, for each, the file that declares it, following `export * from`
 * and `export { a as b } from` through the repository. `read` gives a file's parsed source.
 */
export function exportsOf(file, read, seen = new Set()) {
    const names = new Map();
    if (seen.has(file)) return names;
    seen.add(file);
    const source = read(file);
    if (!source) return names;
    const put = (name, origin) => {
        const before = names.get(name);
        names.set(name, before && before !== origin ? AMBIGUOUS : origin);
    };
    for (const statement of source.statements) {
        if (ts.isExportDeclaration(statement)) {
            const target = statement.moduleSpecifier && ts.isStringLiteral(statement.moduleSpecifier)
                ? resolveSpecifier(file, statement.moduleSpecifier.text, p => read(p) !== undefined) : undefined;
            const clause = statement.exportClause;
            if (!clause) {
                if (target) for (const [name, origin] of exportsOf(target, read, new Set(seen))) if (name !== 'default') put(name, origin);
            } else if (ts.isNamespaceExport(clause)) {
                put(clause.name.text, target ?? file);
            } else {
                const from = target ? exportsOf(target, read, new Set(seen)) : undefined;
                for (const e of clause.elements) {
                    const local = (e.propertyName ?? e.name).text;
                    put(e.name.text, target ? from.get(local) ?? target : importedOrigin(file, source, local, read, seen) ?? file);
                }
            }
        } else if (ts.isExportAssignment(statement)) {
            if (!statement.isExportEquals) put('default', file);
        } else if (hasExportModifier(statement)) {
            if (statement.modifiers.some(m => m.kind === ts.SyntaxKind.DefaultKeyword)) put('default', file);
            else for (const name of declaredNames(statement)) put(name, file);
        }
    }
    return names;
}

/** Where a name a file imports and exports again (`import { a } from './x.js'; export { a };`) is declared. */
function importedOrigin(file, source, local, read, seen) {
    for (const statement of source.statements) {
        if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
        const bindings = statement.importClause?.namedBindings;
        const element = bindings && ts.isNamedImports(bindings) ? bindings.elements.find(e => e.name.text === local) : undefined;
        if (!element) continue;
        const target = resolveSpecifier(file, statement.moduleSpecifier.text, p => read(p) !== undefined);
        return target ? exportsOf(target, read, new Set(seen)).get((element.propertyName ?? element.name).text) ?? target : undefined;
    }
    return undefined;
}

/** An origin for a name two `export *` give from different files: neither is exported. */
export const AMBIGUOUS = '<ambiguous>';

function hasExportModifier(statement) {
    return ts.canHaveModifiers(statement) && (ts.getModifiers(statement) ?? []).some(m => m.kind === ts.SyntaxKind.ExportKeyword);
}

function declaredNames(statement) {
    if (ts.isVariableStatement(statement)) return statement.declarationList.declarations.flatMap(d => bindingNames(d.name));
    return statement.name && ts.isIdentifier(statement.name) ? [statement.name.text] : [];
}

function bindingNames(name) {
    if (ts.isIdentifier(name)) return [name.text];
    return name.elements.flatMap(e => (ts.isOmittedExpression(e) ? [] : bindingNames(e.name)));
}
