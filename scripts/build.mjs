// Bundles the entry points with esbuild. `node scripts/build.mjs [--watch]`.
import * as esbuild from 'esbuild';
import { copyFileSync, mkdirSync, readFileSync } from 'node:fs';
import { buildNative } from './build-native.mjs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');

/**
 * tfjs, which the CLI loads only to train, is bundled apart (out/tfjs.cjs, and its wasm backend in
 * out/tfjs-backend-wasm.cjs with the .wasm binaries beside it, where the backend looks for them):
 * `summary` or `lsp` never parse it, and the installed package needs no node_modules at all.
 * `besideBundle` resolves a package's import to one of those files, next to the importing bundle.
 */
function besideBundle(files) {
    return {
        name: 'beside-bundle',
        setup(build) {
            // A package's import becomes a one-line module that `require`s the file: Node's own
            // `import()` of a CommonJS bundle would not see tfjs's re-exported names.
            build.onResolve({ filter: /^@tensorflow\// }, args => (Object.hasOwn(files, args.path) ? { path: args.path, namespace: 'beside-bundle' } : undefined));
            build.onResolve({ filter: /^\.\/[\w-]+\.cjs$/, namespace: 'beside-bundle' }, args => ({ path: args.path, external: true }));
            build.onLoad({ filter: /.*/, namespace: 'beside-bundle' }, args => ({ contents: `module.exports = require('./${files[args.path]}');`, loader: 'js' }));
        }
    };
}

/** What every Node bundle is: CommonJS files in out/, for Node 20. */
const nodeBundle = { outdir: 'out', outExtension: { '.js': '.cjs' }, bundle: true, platform: 'node', target: 'node20', format: 'cjs' };

/** Node entry points: the CLI (with the language server behind `rnn-lens lsp`). */
const nodeBuild = {
    ...nodeBundle,
    entryPoints: { 'cli': 'cli/src/main.ts', 'server-node': 'server/src/server-node.ts' },
    sourcemap: true,
    plugins: [besideBundle({ '@tensorflow/tfjs': 'tfjs.cjs', '@tensorflow/tfjs-backend-wasm': 'tfjs-backend-wasm.cjs' })],
    // Langium's ESM modules use import.meta.url; in a CommonJS bundle it comes from __filename.
    define: { 'import.meta.url': 'importMetaUrl', __RNN_LENS_VERSION__: JSON.stringify(pkg.version) },
    banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    logLevel: 'info'
};

/** tfjs for Node, and its wasm backend registering into that same tfjs (which re-exports tfjs-core). */
const nodeTfjsBuilds = [
    { entryPoints: { 'tfjs': '@tensorflow/tfjs' } },
    { entryPoints: { 'tfjs-backend-wasm': '@tensorflow/tfjs-backend-wasm' }, plugins: [besideBundle({ '@tensorflow/tfjs-core': 'tfjs.cjs' })] }
].map(entry => ({ ...nodeBundle, ...entry, minify: true, logLevel: 'info' }));

/** The browser language server, for VS Code for the Web: one classic-script worker file. */
const browserServerBuild = {
    entryPoints: { 'server-browser': 'server/src/main-browser.ts' },
    outdir: 'out',
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    sourcemap: true,
    define: { __RNN_LENS_VERSION__: JSON.stringify(pkg.version) },
    logLevel: 'info'
};

/**
 * The training panel (a webview): its page (panel.js, and panel.css from the CSS it imports) and
 * its training worker (tfjs with the engine). Minified and without source maps: the worker is
 * mostly tfjs, and the .vsix must stay small.
 */
const webviewBuild = {
    entryPoints: { 'panel': 'webview/src/panel/main.ts', 'train-worker': 'webview/src/worker/train-worker.ts' },
    outdir: 'out/webview',
    bundle: true,
    platform: 'browser',
    target: 'es2022',
    format: 'iife',
    minify: true,
    logLevel: 'info'
};

/**
 * The VS Code extension's two entry points (package.json `main` and `browser`), CommonJS with
 * `vscode` left to the extension host: the Node client starts out/server-node.cjs over IPC; the
 * browser client, loaded as CommonJS by VS Code for the Web's worker extension host, starts
 * out/server-browser.js in a worker. Minified: the .vsix carries them without their source maps.
 */
const extensionBuilds = [
    { entryPoints: { 'extension-node': 'client/src/extension-node.ts' }, outExtension: { '.js': '.cjs' }, platform: 'node', target: 'node20' },
    { entryPoints: { 'extension-browser': 'client/src/extension-browser.ts' }, platform: 'browser', target: 'es2022' }
].map(entry => ({
    ...entry,
    outdir: 'out',
    bundle: true,
    format: 'cjs',
    external: ['vscode'],
    minify: true,
    sourcemap: true,
    logLevel: 'info'
}));

/**
 * tfjs-backend-wasm's binaries beside the webview's worker, served to the webview as local resources,
 * and beside Node's backend bundle (out/tfjs-backend-wasm.cjs), which reads them from its own folder.
 * Not the threaded one: see webview/src/worker/browser-tf.ts; Node picks SIMD.
 */
function copyWasmBinaries() {
    for (const dir of ['out/webview', 'out']) {
        mkdirSync(dir, { recursive: true });
        for (const name of ['tfjs-backend-wasm.wasm', 'tfjs-backend-wasm-simd.wasm']) {
            copyFileSync(`node_modules/@tensorflow/tfjs-backend-wasm/dist/${name}`, `${dir}/${name}`);
        }
    }
}

copyWasmBinaries();
// The native products' addon for Node's training (or one line saying they stay in wasm).
if (!watch) console.log(buildNative());
const builds = [nodeBuild, ...nodeTfjsBuilds, browserServerBuild, webviewBuild, ...extensionBuilds];
if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
} else {
    await Promise.all(builds.map(options => esbuild.build(options)));
}
