/**
 * The recurrent kernels' WebAssembly, committed as kernels-wasm.generated.ts, is what
 * training/wasm/assembly compiles to today: an edit of the AssemblyScript sources without
 * `node scripts/build-wasm.mjs` fails here instead of training with the old kernels.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

describe('the generated recurrent kernels', () => {
    it('are the compiled AssemblyScript sources', async () => {
        // @ts-expect-error: a plain ES module of the build, without types
        const { compileKernels } = await import('../../../scripts/build-wasm.mjs');
        const committed = readFileSync(join(__dirname, '../../../training/src/layers/kernels-wasm.generated.ts'), 'utf8');
        expect(await compileKernels()).toBe(committed);
    }, 60_000);
});
