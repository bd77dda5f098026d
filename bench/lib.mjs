// Shared by the benchmarks: bundling a TypeScript suite, and percentiles of timings.
import * as esbuild from 'esbuild';
import { mkdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// Langium (through Chevrotain) needs Object.groupBy, which Node.js 20 lacks.
createRequire(import.meta.url)(join(root, 'language/src/polyfills/object-group-by.cjs'));

/**
 * Bundles a TypeScript suite into node_modules/.cache/rnn-lens-bench (so that @tensorflow/tfjs,
 * left external, resolves from node_modules) and imports it.
 */
export async function loadSuite(entry) {
    const outdir = join(root, 'node_modules/.cache/rnn-lens-bench');
    mkdirSync(outdir, { recursive: true });
    const outfile = join(outdir, entry.replace(/^.*\//, '').replace(/\.ts$/, '.mjs'));
    await esbuild.build({
        entryPoints: [join(root, entry)],
        outfile,
        bundle: true,
        platform: 'node',
        target: 'node20',
        format: 'esm',
        external: ['@tensorflow/tfjs', '@tensorflow/tfjs-backend-wasm'],
        banner: { js: "import { createRequire as __rnnLensRequire } from 'node:module'; const require = __rnnLensRequire(import.meta.url);" },
        logLevel: 'warning'
    });
    return import(pathToFileURL(outfile).href);
}

/** Median, p95 and min of a list of timings in ms. */
export function stats(times) {
    const sorted = [...times].sort((a, b) => a - b);
    const at = q => sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)];
    return { runs: sorted.length, medianMs: at(0.5), p95Ms: at(0.95), minMs: sorted[0] };
}

export const formatMs = ms => (ms >= 100 ? ms.toFixed(0) : ms >= 10 ? ms.toFixed(1) : ms.toFixed(2)).padStart(9);
