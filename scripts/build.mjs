// Bundles the entry points with esbuild. `node scripts/build.mjs [--watch]`.
import * as esbuild from 'esbuild';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const watch = process.argv.includes('--watch');

/** Node entry points: the CLI (with the language server behind `rnn-lens lsp`). */
const nodeBuild = {
    entryPoints: { 'cli': 'cli/src/main.ts', 'server-node': 'server/src/server-node.ts' },
    outdir: 'out',
    outExtension: { '.js': '.cjs' },
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    sourcemap: true,
    // tfjs stays a runtime dependency of the CLI (its wasm files load from node_modules).
    external: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm'],
    // Langium's ESM modules use import.meta.url; in a CommonJS bundle it comes from __filename.
    define: { 'import.meta.url': 'importMetaUrl', __RNN_LENS_VERSION__: JSON.stringify(pkg.version) },
    banner: { js: "const importMetaUrl = require('url').pathToFileURL(__filename).href;" },
    logLevel: 'info'
};

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

const builds = [nodeBuild, browserServerBuild];
if (watch) {
    for (const options of builds) await (await esbuild.context(options)).watch();
} else {
    await Promise.all(builds.map(options => esbuild.build(options)));
}
