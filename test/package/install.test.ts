/**
 * `rnn-lens` as a Node tool is installed: the tarball of `npm pack` installed with
 * `npm install -g --prefix TMP --offline` (test/helpers/installed-cli.ts), then the command on PATH
 * run from a folder outside the checkout: --version, summary, check, train (tfjs and its wasm
 * backend from the package) and lsp --stdio. And `npm link` from the checkout.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli-run.js';
import { ROOT } from '../helpers/ensure-built.js';
import { cleanEnv, linkCheckout, packAndInstall, pathWith, run, type Installed } from '../helpers/installed-cli.js';
import { LspClient } from '../helpers/lsp-client.js';

const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const tmp = mkdtempSync(join(tmpdir(), 'rnn-lens-install-'));
const work = join(tmp, 'work');
let installed: Installed;

/** `rnn-lens ARGS` as a shell would find it: `binDir` first on PATH, run in `work`. */
function rnnLens(...args: string[]) {
    return run('rnn-lens', args, { cwd: work, env: cleanEnv({ PATH: pathWith(installed.binDir) }) });
}

beforeAll(() => {
    installed = packAndInstall(tmp);
    mkdirSync(work);
    cpSync(join(ROOT, 'examples', 'advanced_rnn_theory.rnn'), join(work, 'advanced_rnn_theory.rnn'));
    cpSync(join(ROOT, 'test', 'fixtures', 'editors', 'stacked.rnn'), join(work, 'stacked.rnn'));
}, 180_000);

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('the npm package', () => {
    it('holds the command and the bundles it loads, nothing else of the repository', () => {
        // The native matrix products travel with the command where `npm run build` compiled them.
        const native = existsSync(join(ROOT, 'out', 'rnn-lens-native.node')) ? ['out/rnn-lens-native.node'] : [];
        expect([...installed.files].sort()).toEqual([
            'LICENSE', 'README.md', 'bin/rnn-lens.cjs', 'out/cli.cjs', ...native, 'out/tfjs-backend-wasm-simd.wasm',
            'out/tfjs-backend-wasm.cjs', 'out/tfjs-backend-wasm.wasm', 'out/tfjs.cjs', 'package.json'
        ]);
    });

    it('installs with no dependencies of its own (all are bundled)', () => {
        expect(pkg.dependencies ?? {}).toEqual({});
        const home = join(installed.binDir, '..', 'lib', 'node_modules', 'rnn-lens');
        expect(existsSync(join(home, 'node_modules'))).toBe(false);
        expect(existsSync(join(home, 'out', 'cli.cjs'))).toBe(true);
    });

    it('claims a Node version that every installed package admits (npm ci warns of none)', () => {
        const semver = createRequire(import.meta.url)('semver') as { minVersion(range: string): { version: string }; satisfies(version: string, range: string): boolean };
        const oldest = semver.minVersion(pkg.engines.node).version;
        const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { engines?: { node?: string } }> };
        const refusing = Object.entries(lock.packages).filter(([, p]) => p.engines?.node && !semver.satisfies(oldest, p.engines.node)).map(([name, p]) => `${name} ${p.engines!.node}`);
        expect(refusing).toEqual([]);
        expect(semver.satisfies(process.versions.node, pkg.engines.node)).toBe(true);
    });

    it('is put on the PATH from the checkout by npm link', () => {
        const binDir = linkCheckout(join(tmp, 'linked'));
        const result = run('rnn-lens', ['--version'], { cwd: work, env: cleanEnv({ PATH: pathWith(binDir) }) });
        expect(result.stdout.trim()).toBe(pkg.version);
    }, 60_000);
});

describe('the installed rnn-lens, from a folder outside the checkout', () => {
    it('prints its version', () => {
        const result = rnnLens('--version');
        expect(result.status).toBe(0);
        expect(result.stdout.trim()).toBe(pkg.version);
    });

    it('prints the same summary tables as the checkout', () => {
        const result = rnnLens('summary', 'advanced_rnn_theory.rnn');
        expect(result.status).toBe(0);
        expect(result.stdout).toBe(runCli('summary', 'examples/advanced_rnn_theory.rnn').stdout);
        expect(result.stdout).toContain('Total params: 93,891');
    });

    it('checks a file: the missing return_sequences, exit code 1', () => {
        const result = rnnLens('check', 'stacked.rnn');
        expect(result.status).toBe(1);
        expect(result.stdout + result.stderr).toMatch(/^stacked\.rnn:4:5 error missing-return-sequences /m);
    });

    it('trains with tfjs on its wasm backend, both loaded from the package', () => {
        const result = rnnLens('train', 'advanced_rnn_theory.rnn', '--model', 'SingleLSTM', '--epochs', '1', '--json');
        expect(result.status, result.stderr).toBe(0);
        const done = JSON.parse(result.stdout.trim().split('\n').at(-1)!);
        expect(done).toMatchObject({ done: true, model: 'SingleLSTM', backend: 'wasm', epochs: 1 });
        // Its matrix products: the addon packed beside the command, where the build compiled it.
        if (existsSync(join(ROOT, 'out', 'rnn-lens-native.node'))) expect(done.products).toMatch(/^native /);
    }, 60_000);

    it('serves LSP over stdio: a diagnostic and inlay hints for an opened file', async () => {
        const client = new LspClient(['lsp', '--stdio'], { bin: join(installed.binDir, 'rnn-lens'), cwd: work });
        try {
            const init = await client.initialize();
            expect(init.capabilities.inlayHintProvider).toBeTruthy();
            const uri = pathToFileURL(join(work, 'stacked.rnn')).href;
            const published = client.waitFor('textDocument/publishDiagnostics', p => p.uri === uri);
            client.notify('textDocument/didOpen', { textDocument: { uri, languageId: 'rnn', version: 1, text: readFileSync(join(work, 'stacked.rnn'), 'utf8') } });
            const { diagnostics } = await published;
            expect(diagnostics.map((d: { code: string }) => d.code)).toContain('missing-return-sequences');
            const hints: { label: string }[] = await client.request('textDocument/inlayHint', { textDocument: { uri }, range: { start: { line: 0, character: 0 }, end: { line: 6, character: 0 } } });
            expect(hints.map(h => h.label)).toEqual(expect.arrayContaining(['(None, 32)', '4,608 params']));
        } finally {
            await client.shutdown();
        }
    });
});
