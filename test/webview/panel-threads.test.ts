/**
 * The panel's kernel threads in chromium: on a cross-origin isolated page (served with COOP and
 * COEP, as VS Code's webviews are under --enable-coi), the training worker's kernels run on
 * every core, the whole-step engine shares each batch of a model big enough among them (as
 * `rnn-lens train` does by default: whole-step/sharing.ts), and the backend line says so;
 * on a plain page (VS Code's default) they run on one thread and the line says why. Training
 * finishes either way.
 */
import type { Page } from 'playwright-core';
import { afterEach, describe, expect, it } from 'vitest';
import { modelMessage, postToPanel, startHarness, text, waitForStatus, waitForText, type PanelHarness } from './panel-harness.js';

let harness: PanelHarness | undefined;
afterEach(async () => {
    await harness?.close();
    harness = undefined;
});

async function train(isolated: boolean, model = 'SingleLSTM'): Promise<{ page: Page; backend: string }> {
    harness = await startHarness({ crossOriginIsolated: isolated });
    const page = await harness.open();
    expect(await page.evaluate(() => globalThis.crossOriginIsolated)).toBe(isolated);
    await postToPanel(page, modelMessage('advanced_rnn_theory.rnn', model));
    await waitForText(page, '#data', /synthetic default/);
    await postToPanel(page, { type: 'train', options: { epochs: 2, backend: 'wasm' } });
    await waitForStatus(page, ['done', 'failed'], 120_000);
    expect(await text(page, '#status')).toMatch(/^Done/);
    return { page, backend: await text(page, '#backend') };
}

describe('kernel threads in the panel (chromium)', () => {
    it('uses every core where the webview is cross-origin isolated, and says so', async () => {
        const { backend } = await train(true);
        const cores = await (await harness!.open()).evaluate(() => navigator.hardwareConcurrency);
        const threads = Math.min(16, cores);
        // The whole-step engine shares each batch (32 rows: at most 4 shares of 8) among the kernel threads, and the line says so once training is done.
        expect(backend).toMatch(cores > 1
            ? new RegExp(`^Backend: wasm \\(.*; kernels on ${threads} threads; engine: whole-step \\(one wasm call a batch on each of ${Math.min(threads, 4)} threads, which share its rows\\)\\)$`)
            : /one thread \(one core\); engine: whole-step \(one wasm call a batch, on one thread\)/);
    }, 180_000);

    it('keeps a model too small to share its batches on one thread, as rnn-lens train does by default, and says why', async () => {
        const { backend } = await train(true, 'SingleSimpleRNN');
        const cores = await (await harness!.open()).evaluate(() => navigator.hardwareConcurrency);
        if (cores === 1) return;
        // The panel has no --threads: the line says why, not how to ask.
        expect(backend).toMatch(/; engine: whole-step \(one wasm call a batch, on one thread: a sample's products \(\d+k multiply-adds\) are too small to share a batch by default\)\)$/);
    }, 180_000);

    it('uses one thread where it is not, and says why', async () => {
        const { backend } = await train(false);
        expect(backend).toMatch(/^Backend: wasm \(.*; kernels on one thread: no shared memory here \(SharedArrayBuffer needs cross-origin isolation\); engine: whole-step \(one wasm call a batch, on one thread\)\)$/);
    }, 180_000);
});
