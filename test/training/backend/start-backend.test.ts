import * as tf from '@tensorflow/tfjs';
import { describe, expect, test } from 'vitest';
import { startBackend } from '../../../training/src/backend/start-backend.js';

/** tf with its setBackend replaced: the rest (ready) is tfjs's own. */
function withSetBackend(setBackend: (name: string) => Promise<boolean>): typeof tf {
    return { ...tf, setBackend } as typeof tf;
}

describe('startBackend', () => {
    test('a backend that starts is set and ready', async () => {
        expect(await startBackend(tf, 'cpu')).toBe(true);
        expect(tf.getBackend()).toBe('cpu');
    });

    test('an unknown backend, one that rejects and one that never settles count as not starting', async () => {
        expect(await startBackend(tf, 'no-such-backend')).toBe(false);
        expect(await startBackend(withSetBackend(() => Promise.reject(new Error('aborted'))), 'wasm')).toBe(false);
        const started = Date.now();
        expect(await startBackend(withSetBackend(() => new Promise<boolean>(() => {})), 'wasm', 200)).toBe(false);
        expect(Date.now() - started).toBeGreaterThanOrEqual(190);
    });
});
