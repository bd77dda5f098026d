import { defineConfig } from 'vitest/config';

/**
 * The real-editor suite (test/editors/*.editor.ts): Neovim, Helix and Emacs configured as the
 * README says, talking to `rnn-lens` installed from its tarball. Not in vitest.config.ts's include
 * (*.test.ts); `npm run test:editors` installs the editors and runs it. One file at a time: each
 * drives a whole editor and the language server on a shared two-core machine.
 */
export default defineConfig({
    test: {
        include: ['test/editors/**/*.editor.ts'],
        globalSetup: ['test/editors/global-setup.ts'],
        testTimeout: 120_000,
        hookTimeout: 180_000,
        pool: 'forks',
        fileParallelism: false
    }
});
