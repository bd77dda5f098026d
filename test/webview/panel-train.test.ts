/**
 * The training panel's page in chromium, on its own (see panel-harness.ts), training notebook
 * models on their synthetic default data in the page's worker: the curves and results appear,
 * Stop ends the run at the batch it arrives in, the page keeps drawing frames while training,
 * and a run cut off by a reload comes back from setState as stopped, with its curves.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
    chartPoints, modelMessage, postToPanel, standIn, startFrameMeter, startHarness, stopFrameMeter, text, waitForSavedEpochs, waitForStatus, waitForText,
    type PanelHarness
} from './panel-harness.js';

let harness: PanelHarness;

beforeAll(async () => { harness = await startHarness(); }, 60_000);
afterAll(async () => { await harness?.close(); });

/** A fresh panel showing a notebook model, its synthetic data described. */
async function panelWith(model: string): Promise<Page> {
    const page = await harness.open();
    await postToPanel(page, modelMessage('advanced_rnn_theory.rnn', model));
    await waitForText(page, '#data', /synthetic default/);
    return page;
}

interface SavedRun { status: string; note?: string; history: unknown[]; result?: { epochsRun: number; stoppedByUser: boolean; stop?: { requestedAfterBatch: number; stoppedAfterBatch: number } } }

describe('training in the panel (chromium)', () => {
    it('trains SingleSimpleRNN on its synthetic default data, the backend timed: curves drawn live, then results', async () => {
        const page = await harness.open();
        await postToPanel(page, modelMessage('advanced_rnn_theory.rnn', 'SingleSimpleRNN'));
        await waitForText(page, 'h1', /^SingleSimpleRNN$/);
        await waitForText(page, '#data', /synthetic default/);
        expect(await text(page, '#summary')).toContain('simple_rnn (SimpleRNN)');
        await page.fill('#epochs >> input', '2');
        await page.click('#train');
        await waitForStatus(page, ['done', 'failed'], 120_000);
        expect(await text(page, '#status')).toMatch(/^Done/);
        expect(await text(page, '#backend')).toMatch(/^Backend: (webgl|wasm|cpu) \(fastest for this model: [\d.]+ ms per batch of 32/);
        expect(await chartPoints(page, 'loss')).toBeGreaterThan(2);
        expect(await chartPoints(page, 'mae')).toBe(4); // mae and val_mae, 2 epochs
        expect(await text(page, '#test-metrics')).toMatch(/^Test, in the units of "f0": MAE \d/);
        expect(await chartPoints(page, 'prediction')).toBeGreaterThan(100);
        expect(await text(page, '#train')).toBe('Train again');
        const host = await standIn(page);
        expect(host.cspViolations).toEqual([]);
        expect(host.posted.filter(m => m.type === 'progress').map(m => m.status)).toEqual(expect.arrayContaining(['preparing', 'done']));
        await page.close();
    }, 150_000);

    it('keeps drawing frames while training: no gap over 100 ms', async () => {
        const page = await panelWith('SingleLSTM');
        await startFrameMeter(page);
        // Thirty epochs: long enough (two seconds or more here) for the frame count to mean something on a faster machine too.
        await postToPanel(page, { type: 'train', options: { epochs: 30, backend: 'wasm' } });
        await waitForStatus(page, ['done', 'failed'], 120_000);
        const frames = await stopFrameMeter(page);
        expect(await text(page, '#status')).toMatch(/^Done/);
        expect(frames.count).toBeGreaterThan(20);
        console.info(`frames while training: ${frames.count}, longest gap ${frames.max.toFixed(1)} ms`);
        expect(frames.max).toBeLessThan(100);
        await page.close();
    }, 150_000);

    it('stops at the end of the batch that Stop arrives in, and keeps the curves and results so far', async () => {
        const page = await panelWith('SingleSimpleRNN');
        await postToPanel(page, { type: 'train', options: { epochs: 500, backend: 'wasm' } });
        // The second epoch or later: an epoch of SingleSimpleRNN can pass between two polls.
        await waitForText(page, '#progress-text', /Epoch (?:[2-9]|\d{2,})\/500 · batch \d+/, 60_000);
        const clicked = Date.now();
        await page.click('#stop');
        await waitForStatus(page, ['stopped'], 10_000);
        expect(Date.now() - clicked).toBeLessThan(3000);
        const run = (await standIn(page)).state as { run: SavedRun };
        expect(run.run.result?.stoppedByUser).toBe(true);
        expect(run.run.result!.epochsRun).toBeLessThan(500);
        const stop = run.run.result!.stop!;
        expect(stop.stoppedAfterBatch - stop.requestedAfterBatch).toBeLessThanOrEqual(1);
        expect(await chartPoints(page, 'loss')).toBeGreaterThan(1);
        expect(await text(page, '#results')).toContain('stopped by you');
        expect(await text(page, '[data-chart="loss"] .markers')).toMatch(/stopped: epoch \d/);
        await page.close();
    }, 120_000);

    it('saves its state with setState: a run cut off by a reload comes back as stopped, with its curves', async () => {
        const page = await panelWith('SingleSimpleRNN');
        await postToPanel(page, { type: 'train', options: { epochs: 500, backend: 'wasm' } });
        await waitForSavedEpochs(page, 2);
        const saved = (await standIn(page)).state as { run: SavedRun };
        expect(saved.run.status).toBe('training');
        await page.close(); // the panel goes away mid-training

        const restored = await harness.open(saved);
        await waitForStatus(restored, ['stopped']);
        expect(await text(restored, '#status')).toMatch(/^Stopped: Cut off/);
        expect(await text(restored, 'h1')).toBe('SingleSimpleRNN');
        expect(await chartPoints(restored, 'loss')).toBeGreaterThan(2);
        expect(await chartPoints(restored, 'mae')).toBe(2 * saved.run.history.length);
        const host = await standIn(restored);
        expect((host.state as { run: SavedRun }).run.status).toBe('stopped');
        expect(host.posted.some(m => m.type === 'progress' && m.status === 'stopped')).toBe(true);
        expect(await text(restored, '#train')).toBe('Train again');
        await restored.close();
    }, 120_000);
});
