/** Per test file: a fresh workspace (examples/ and the given files) opened in its own browser on the shared code-server. */
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
            console.log(`screenshot: ${path}\npage console (filtered):\n${log}`);
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
