import { defineConfig } from 'vitest/config';

/**
 * The end-to-end suite (test/e2e/*.e2e.ts): the packaged .vsix in a real VS Code (code-server)
 * driven through chromium. Not in vitest.config.ts's include (*.test.ts), so `vitest run` skips it;
 * `npm run test:e2e` installs what it needs, packages and runs it. One file at a time: the files
 * share one code-server and the machine's two cores.
 */
export default defineConfig({
    test: {
        include: ['test/e2e/**/*.e2e.ts'],
        globalSetup: ['test/e2e/harness/global-setup.ts'],
        testTimeout: 120_000,
        hookTimeout: 180_000,
        pool: 'forks',
        fileParallelism: false,
        poolOptions: { forks: { singleFork: true } }
    }
});
