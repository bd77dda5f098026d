/** Per test file: a fresh workspace (examples/ and the given files) opened in its own browser on the shared code-server. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, inject } from 'vitest';
import { makeWorkspace, openWorkbench, type Workbench } from './workbench.js';

export function workbenchSuite(name: string, files: Record<string, string> = {}, options: { examples?: boolean } = {}): () => Workbench {
    let workbench: Workbench | undefined;
    beforeAll(async () => {
        const workspace = makeWorkspace(files, options);
        workbench = await openWorkbench(`${inject('codeServerUrl')}/?folder=${encodeURIComponent(workspace)}`, workspace, name);
    }, 120_000);
    // A picture of the moment a test failed, beside the step screenshots.
    afterEach(async context => {
        if (context.task.result?.state === 'fail' && workbench) {
            const path = await workbench.screenshot(`failed-${context.task.name.replace(/\W+/g, '-')}`).catch(() => undefined);
            const log = workbench.console.filter(l => /error|RNN Lens|rnn/i.test(l)).slice(-30).join('\n');
            console.log(`screenshot: ${path}\npage console (filtered):\n${log}\n"RNN Lens" output (last lines):\n${outputChannelTail(line => !line.startsWith('[Trace'))}`
                + `\nLSP messages (last 80, where the suite turned rnnLens.trace.server on):\n${outputChannelTail(line => line.startsWith('[Trace'), 80)}`);
        }
    });
    afterAll(async () => {
        await workbench?.close();
    });
    return () => {
        if (!workbench) throw new Error('the workbench did not open (see beforeAll)');
        return workbench;
    };
}

/** The last lines of the "RNN Lens" output channel (the client's log and the server's stderr), as code-server logged it. */
function outputChannelTail(keep: (line: string) => boolean, lines = 30): string {
    try {
        const logs = inject('codeServerLogs');
        const files = readdirSync(logs, { recursive: true, encoding: 'utf8' }).filter(f => f.endsWith('RNN Lens.log'));
        return files.map(f => readFileSync(join(logs, f), 'utf8').trimEnd().split('\n').filter(keep).slice(-lines).join('\n')).join('\n---\n') || '(none logged)';
    } catch (error) {
        return `(not read: ${error instanceof Error ? error.message : String(error)})`;
    }
}
