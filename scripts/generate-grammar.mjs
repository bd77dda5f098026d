// Writes syntaxes/rnn.tmLanguage.json from client/src/grammar/rnn-tm-grammar.ts (its layer names
// come from the catalog). `npm run generate:grammar`; test/extension/grammar.test.ts fails when
// the committed file differs from what this writes.
//
// The grammar module is TypeScript importing the catalog, so esbuild bundles it to a temporary
// ES module first (no TypeScript runner is needed, and esbuild is already the build tool).
import * as esbuild from 'esbuild';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const folder = mkdtempSync(join(tmpdir(), 'rnn-grammar-'));
try {
    const bundle = join(folder, 'rnn-tm-grammar.mjs');
    await esbuild.build({
        entryPoints: [join(root, 'client/src/grammar/rnn-tm-grammar.ts')],
        outfile: bundle,
        bundle: true,
        platform: 'node',
        format: 'esm',
        logLevel: 'warning'
    });
    const { rnnTextMateGrammarJson, GRAMMAR_PATH } = await import(pathToFileURL(bundle).href);
    writeFileSync(join(root, GRAMMAR_PATH), rnnTextMateGrammarJson());
    console.log(`wrote ${GRAMMAR_PATH}`);
} finally {
    rmSync(folder, { recursive: true, force: true });
}
