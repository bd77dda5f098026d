/**
 * One code-server for the whole e2e run, with the packaged .vsix installed; each test file opens
 * its own workspace in its own browser. Stopped, with all its processes, when the run ends.
 */
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { startCodeServer, type CodeServer } from './code-server.js';
import { checkInstalled, vsixPath } from './paths.js';

declare module 'vitest' {
    export interface ProvidedContext {
        codeServerUrl: string;
        /** code-server's log folder: the extension host writes the "RNN Lens" output channel there. */
        codeServerLogs: string;
    }
}

let server: CodeServer | undefined;

export async function setup(project: TestProject): Promise<void> {
    checkInstalled();
    const started = Date.now();
    server = await startCodeServer(vsixPath());
    console.log(`e2e: code-server at ${server.url} with ${vsixPath()} (${Date.now() - started} ms)`);
    project.provide('codeServerUrl', server.url);
    project.provide('codeServerLogs', join(server.stateDir, 'user-data', 'logs'));
}

export async function teardown(): Promise<void> {
    await server?.stop();
}
