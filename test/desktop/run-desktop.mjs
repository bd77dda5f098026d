// `npm run test:desktop`: the e2e assertions through the VS Code API in a desktop VS Code that
// @vscode/test-electron downloads (update.code.visualstudio.com). Not run where that cannot be
// reached (as on this project's build machine): there, nothing may count it as passed.
// Runs the extension from this tree (`npm run build` first: out/extension-node.cjs).
import { runTests } from '@vscode/test-electron';
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const EXAMPLE = 'examples/advanced_rnn_theory.rnn';
const suite = join(ROOT, 'out', 'desktop-tests', 'index.cjs');
await build({
    entryPoints: [join(ROOT, 'test/desktop/suite/index.ts')], bundle: true, platform: 'node', format: 'cjs',
    target: 'node20', external: ['vscode'], outfile: suite, logLevel: 'warning'
});

// A workspace with the examples and the stacked LSTM, and the analysis's numbers to compare with.
const workspace = mkdtempSync(join(tmpdir(), 'rnn-lens-desktop-ws-'));
cpSync(join(ROOT, 'examples'), join(workspace, 'examples'), { recursive: true });
const cli = (...args) => execFileSync(process.execPath, [join(ROOT, 'bin', 'rnn-lens.cjs'), ...args], { cwd: ROOT, encoding: 'utf8' });
const expected = {
    example: EXAMPLE,
    models: JSON.parse(cli('summary', EXAMPLE, '--json')).models,
    singleLstmTable: cli('summary', EXAMPLE, '--model', 'SingleLSTM')
};
const expectedFile = join(workspace, '.rnn-lens-expected.json');
writeFileSync(expectedFile, JSON.stringify(expected));

try {
    await runTests({
        version: process.env.VSCODE_VERSION ?? 'stable',
        extensionDevelopmentPath: ROOT,
        extensionTestsPath: suite,
        launchArgs: [workspace, '--disable-extensions', '--disable-workspace-trust', '--skip-welcome', '--skip-release-notes'],
        extensionTestsEnv: { RNN_LENS_DESKTOP_EXPECTED: expectedFile }
    });
} catch (error) {
    console.error(`test:desktop failed: ${error instanceof Error ? error.message : error}`);
    process.exitCode = 1;
} finally {
    rmSync(workspace, { recursive: true, force: true });
}
