/**
 * A fresh, isolated code-server (the real VS Code workbench, extensions in the real Node
 * extension host) with one .vsix installed: its own user-data, extensions and XDG folders under
 * a temporary folder, quiet settings, a free port on 127.0.0.1, no auth. Stopping it ends every
 * descendant by PID: extension hosts and language servers outlive a killed parent otherwise.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { CODE_SERVER, NODE24 } from './paths.js';

/** Settings that keep the workbench from showing anything the tests did not ask for. */
const QUIET_SETTINGS = {
    'workbench.startupEditor': 'none',
    'workbench.welcomePage.walkthroughs.openOnInstall': false,
    'workbench.tips.enabled': false,
    'telemetry.telemetryLevel': 'off',
    'update.mode': 'none',
    'extensions.autoCheckUpdates': false,
    'extensions.autoUpdate': false,
    'extensions.ignoreRecommendations': true,
    'security.workspace.trust.enabled': false,
    'chat.disableAIFeatures': true,
    'editor.inlayHints.enabled': 'on',
    'editor.hover.delay': 100,
    'editor.minimap.enabled': false,
    'window.restoreWindows': 'none',
    'files.hotExit': 'off',
    // Quick Open on a file open in another group focuses that editor instead of opening a second one.
    'workbench.editor.revealIfOpen': true,
    'git.enabled': false,
    // The empty secondary side bar (chat) would take a third of the window.
    'workbench.secondarySideBar.defaultVisibility': 'hidden'
};

export interface CodeServer {
    readonly url: string;
    readonly stateDir: string;
    readonly logFile: string;
    stop(): Promise<void>;
}

export async function startCodeServer(vsix: string): Promise<CodeServer> {
    const stateDir = mkdtempSync(join(tmpdir(), 'rnn-lens-e2e-cs-'));
    const userData = join(stateDir, 'user-data');
    mkdirSync(join(userData, 'User'), { recursive: true });
    writeFileSync(join(userData, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
    writeFileSync(join(stateDir, 'config.yaml'), '');
    const env = {
        ...process.env,
        PATH: `${dirname(NODE24)}:${process.env.PATH ?? ''}`,
        // keep code-server out of the home folder
        XDG_CONFIG_HOME: join(stateDir, 'xdg-config'),
        XDG_DATA_HOME: join(stateDir, 'xdg-data')
    };
    const common = ['--user-data-dir', userData, '--extensions-dir', join(stateDir, 'extensions'), '--config', join(stateDir, 'config.yaml')];

    const install = spawnSync(NODE24, [CODE_SERVER, ...common, '--install-extension', vsix, '--force'], { env, encoding: 'utf8', timeout: 120_000 });
    if (install.status !== 0) {
        rmSync(stateDir, { recursive: true, force: true });
        throw new Error(`code-server --install-extension ${vsix} failed (${install.status}):\n${install.stdout}\n${install.stderr}`);
    }

    const port = await freePort();
    const logFile = join(stateDir, 'server.log');
    const log = openSync(logFile, 'a');
    const child = spawn(NODE24, [CODE_SERVER, ...common, '--bind-addr', `127.0.0.1:${port}`, '--auth', 'none',
        '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust',
        '--disable-getting-started-override', '--ignore-last-opened'], { env, stdio: ['ignore', log, log] });
    const url = `http://127.0.0.1:${port}`;
    const stop = async () => {
        await killTree(child);
        rmSync(stateDir, { recursive: true, force: true });
    };
    try {
        await waitForHealth(url, child, logFile);
    } catch (error) {
        await killTree(child);
        throw error;
    }
    return { url, stateDir, logFile, stop };
}

async function waitForHealth(url: string, child: ChildProcess, logFile: string): Promise<void> {
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
        if (child.exitCode !== null) break;
        try {
            if ((await fetch(`${url}/healthz`)).ok) return;
        } catch { /* not listening yet */ }
        await new Promise(r => setTimeout(r, 250));
    }
    throw new Error(`code-server did not come up at ${url}:\n${readFileSync(logFile, 'utf8').slice(-4000)}`);
}

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const server = createServer();
        server.once('error', reject);
        server.listen(0, '127.0.0.1', () => {
            const address = server.address();
            server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
        });
    });
}

/** The PIDs of every process below `pid`, read from /proc (children first found, deepest last). */
export function descendants(pid: number): number[] {
    const parentOf = new Map<number, number[]>();
    for (const name of readdirSync('/proc')) {
        if (!/^\d+$/.test(name)) continue;
        let stat: string;
        try {
            stat = readFileSync(`/proc/${name}/stat`, 'utf8');
        } catch {
            continue; // exited meanwhile
        }
        // "pid (comm) state ppid ...": comm may hold spaces and parentheses, so split after the last ')'.
        const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
        parentOf.set(ppid, [...(parentOf.get(ppid) ?? []), Number(name)]);
    }
    const found: number[] = [];
    const queue = [pid];
    while (queue.length > 0) {
        for (const child of parentOf.get(queue.shift()!) ?? []) {
            found.push(child);
            queue.push(child);
        }
    }
    return found;
}

/** SIGTERM to the process and all its descendants (collected first: they re-parent when it dies), then SIGKILL what is left. */
export async function killTree(child: ChildProcess): Promise<void> {
    if (child.pid === undefined) return;
    const all = [child.pid, ...descendants(child.pid)];
    const signal = (pids: number[], sig: NodeJS.Signals) => pids.filter(pid => {
        try {
            process.kill(pid, sig);
            return true;
        } catch {
            return false;
        }
    });
    let alive = signal(all, 'SIGTERM');
    for (let i = 0; i < 40 && alive.length > 0; i++) {
        await new Promise(r => setTimeout(r, 250));
        alive = signal(alive, 0 as unknown as NodeJS.Signals);
    }
    signal(alive, 'SIGKILL');
}
