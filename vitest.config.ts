import { defineConfig } from 'vitest/config';

export default defineConfig({
    test: {
        include: ['test/**/*.test.ts'],
        setupFiles: ['language/src/polyfills/object-group-by.cjs'],
        testTimeout: 30_000,
        pool: 'forks'
    }
});
