/**
 * The house rules, in one place: the parts of the repository, each part's public entries (the
 * only files other parts may import), which entries each part may import, and the packages a part
 * must not import. docs/architecture.md explains them; test/house/imports.test.ts enforces them;
 * scripts/house-imports.mjs rewrites imports to follow them.
 */

/** A file's part: its top-level folder (`language/src/x.ts` is in language); files at the root are in ''. */
export function partOf(file) {
    const slash = file.indexOf('/');
    return slash < 0 ? '' : file.slice(0, slash);
}

/**
 * The public entries, in the order the codemod prefers them when a name is in several. `home`
 * says which new files of the part belong behind the entry (see homeEntryOf).
 */
export const ENTRIES = [
    { file: 'language/src/index.ts', says: 'the core: model description, layer catalog, analysis, summary formats, explanations, diagrams; no parser, LSP or Node at run time (the webview and training take it)' },
    { file: 'language/src/parse.ts', says: 'text -> model description: the `.rnn` front end (Langium) and the Python/notebook front end (lezer)' },
    { file: 'language/src/lsp.ts', says: 'the language server: services, custom requests and their protocol (names, params, results)' },
    { file: 'language/src/node.ts', says: 'Node only: what reads files (data files for data(...))' },
    { file: 'language/src/polyfills/object-group-by.cjs', says: 'imported first, for its side effect, by the entry points that run Langium on Node 20', sideEffectOnly: true },
    { file: 'training/src/index.ts', says: 'the tfjs training engine (tfjs handed in): build, compile, data, layers, backends, training, reports; runs in Node and in a web worker' },
    { file: 'training/src/node.ts', says: 'Node only: data files from disk, saving a trained model, the Node tfjs backend' },
    { file: 'training/src/export.ts', says: 'the exporter: a model as Keras (Python) or tfjs (TypeScript) code, built as training builds it' },
    { file: 'webview/src/index.ts', says: 'what the extension host needs of the training panel: its message protocol and its page' },
    { file: 'server/src/index.ts', says: 'starting the Node language server (for `rnn-lens lsp`)' }
];

const ENTRY_FILES = ENTRIES.map(e => e.file);
const entriesOf = (...parts) => ENTRY_FILES.filter(f => parts.includes(partOf(f)));

/**
 * What each part may import besides its own files: entry files, or `part/` for all of a part
 * (internals too). A part not listed may import no other part; `*` is everything.
 */
export const MAY_IMPORT = {
    // The core knows nothing of training, VS Code or the DOM.
    language: [],
    // The exporter (training/src/export/) writes Python values with the Python front end.
    training: ['language/src/index.ts', 'language/src/parse.ts'],
    // The panel and its worker: no parser (no Langium, no lezer in the page), nothing of the CLI.
    webview: ['language/src/index.ts', 'training/src/index.ts'],
    server: [...entriesOf('language'), ...entriesOf('training')],
    client: ['language/src/index.ts', 'language/src/lsp.ts', 'webview/src/index.ts'],
    cli: [...entriesOf('language', 'training', 'server')],
    // Benchmarks measure what users run, through the same entries, with the test harness.
    bench: [...entriesOf('language', 'training', 'server'), 'test/'],
    // Unit tests test internals: the tests may import anything.
    test: ['*'],
    // The command's launcher starts the built bundle.
    bin: ['out/'],
    // Build scripts and the root's configuration files.
    scripts: ['*'],
    '': ['*']
};

/**
 * Packages a part must not import (a name, or a prefix ending in `/`), and why; `runtime`: only
 * imports that stay at run time count (`import type` is allowed).
 */
export const FORBIDDEN_PACKAGES = {
    language: [
        ['vscode', 'the language core knows nothing of VS Code'],
        ['vscode-languageclient', 'the language core knows nothing of VS Code'],
        // The catalog describes each layer's tfjs construction against tfjs's types; tfjs itself is handed in.
        ['@tensorflow/', 'the language core does not run tfjs (training does; the catalog may name its types)', { runtime: true }],
        ['uplot', 'the language core knows nothing of the DOM'],
        ['@vscode-elements/', 'the language core knows nothing of the DOM']
    ],
    training: [
        ['vscode', 'training knows nothing of VS Code'],
        ['vscode-languageclient', 'training knows nothing of VS Code'],
        ['uplot', 'training knows nothing of the DOM'],
        ['@vscode-elements/', 'training knows nothing of the DOM']
    ],
    webview: [
        ['langium', 'the webview does not parse'],
        ['chevrotain', 'the webview does not parse'],
        ['@lezer/', 'the webview does not parse']
    ]
};

/** Files the rules do not read: generated, third-party, fixtures and build output. */
export const IGNORED = [/^node_modules\//, /\/node_modules\//, /^out\//, /^test\/fixtures\//, /^language\/src\/generated\//, /^\.vscode-test\//];

export const SOURCE = /\.(ts|mts|cts|tsx|mjs|cjs|js)$/;

/**
 * Files moved by the house refactor: an import of the old path (from a branch written before)
 * is pointed at the new one; `names` moved elsewhere than the rest of the file.
 */
export const MOVED = [
    { from: 'language/src/keras/export-code.ts', to: 'training/src/export/export-code.ts',
        names: { 'language/src/keras/export-target.ts': ['ExportTarget', 'EXPORT_TARGETS', 'isExportTarget', 'ExportOutcome'] } },
    { from: 'language/src/keras/export-keras.ts', to: 'training/src/export/export-keras.ts' },
    { from: 'language/src/keras/export-data.ts', to: 'training/src/export/export-data.ts' },
    { from: 'language/src/keras/export-tfjs.ts', to: 'training/src/export/export-tfjs.ts' },
    { from: 'language/src/keras/tfjs-record.ts', to: 'training/src/export/tfjs-record.ts' },
    { from: 'cli/src/progress-bar.ts', to: 'cli/src/progress-bar.ts',
        names: { 'training/src/report/training-numbers.ts': ['fmt', 'duration'] } }
];

/** Whether `part` may import `target` (a repository path) of another part. */
export function mayImport(part, target) {
    const allowed = MAY_IMPORT[part] ?? [];
    return allowed.some(a => a === '*' || a === target || (a.endsWith('/') && target.startsWith(a)));
}

export function isEntry(file) {
    return ENTRY_FILES.includes(file);
}

/** The entries of `targetPart` that `part` may import, in ENTRIES' order (not those imported only for a side effect). */
export function allowedEntries(part, targetPart) {
    return ENTRIES.filter(e => !e.sideEffectOnly && partOf(e.file) === targetPart && mayImport(part, e.file)).map(e => e.file);
}

/** The package a bare specifier names (`@scope/name` or `name`), or undefined for a path. */
export function packageOf(specifier) {
    if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:')) return undefined;
    const parts = specifier.split('/');
    return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : parts[0];
}

/** The rule a package import of `part` breaks ([name, why]), if any; `typeOnly`: the import is erased at run time. */
export function forbiddenPackage(part, specifier, typeOnly = false) {
    const pkg = packageOf(specifier);
    if (!pkg) return undefined;
    return (FORBIDDEN_PACKAGES[part] ?? []).find(([name, , options]) => (name.endsWith('/') ? `${pkg}/`.startsWith(name) : pkg === name) && !(options?.runtime && typeOnly));
}

/**
 * Which entry a file not yet behind any entry belongs behind (new files on other branches):
 * by where it is and what it needs at run time (`runtime`: the packages it reaches).
 */
export function homeEntryOf(file, runtime) {
    const needsNode = [...runtime].some(p => p.startsWith('node:') || NODE_BUILTINS.has(p));
    if (file.startsWith('language/src/')) {
        if (file.startsWith('language/src/lsp/')) return 'language/src/lsp.ts';
        if (needsNode || file.startsWith('language/src/node/')) return 'language/src/node.ts';
        // A front end's module that needs no parser at run time (file kinds, names) is core: the client may take it.
        if (['langium', 'chevrotain', '@lezer/python', '@lezer/common', '@lezer/lr'].some(p => runtime.has(p))) return 'language/src/parse.ts';
        return 'language/src/index.ts';
    }
    if (file.startsWith('training/src/')) {
        if (file.startsWith('training/src/export/')) return 'training/src/export.ts';
        if (needsNode || /(^|[/-])node([-.]|$)/.test(file.slice('training/src/'.length))) return 'training/src/node.ts';
        return 'training/src/index.ts';
    }
    if (file.startsWith('webview/src/protocol/') || file.startsWith('webview/src/host/')) return 'webview/src/index.ts';
    if (file.startsWith('server/src/')) return 'server/src/index.ts';
    return undefined;
}

const NODE_BUILTINS = new Set(['fs', 'path', 'os', 'url', 'child_process', 'worker_threads', 'module', 'crypto', 'util', 'stream', 'events', 'fs/promises']);

