/**
 * The training panel's page in chromium (panel-harness.ts) with what the host adds to it: the
 * model's diagram (the core's SVG, as the server's rnnLens/diagram draws it) with Save SVG,
 * Export to Keras, a model that is gone shown with the document's errors as links, and the
 * diagram's SVG put into the page without anything active in it.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ModelAnalysis } from '../../language/src/analysis/types.js';
import { modelDiagramSvg } from '../../language/src/diagram/svg.js';
import { THEMES, type ThemeName } from '../../language/src/diagram/theme.js';
import { exampleModel, modelMessage, postToPanel, standIn, startHarness, text, texts, waitForPosted, waitForText, type PanelHarness } from './panel-harness.js';

let harness: PanelHarness;

beforeAll(async () => { harness = await startHarness(); }, 60_000);
afterAll(async () => { await harness?.close(); });

declare const document: { querySelectorAll(selector: string): ArrayLike<{ getAttribute(name: string): string | null; attributes: ArrayLike<{ name: string }>; localName: string }>; getElementById(id: string): { hidden: boolean; disabled: boolean } | null };

/** The `diagram` message the host posts, with the SVG the language server draws (the core's, without diagnostics here). */
const diagramMessage = (analysis: ModelAnalysis, theme: ThemeName) => ({ type: 'diagram', model: analysis.name, theme, svg: modelDiagramSvg(analysis, [], theme) });
const posted = async (page: Page, type: string) => (await standIn(page)).posted.filter(m => m.type === type);
const hidden = (page: Page, id: string) => page.evaluate(i => document.getElementById(i)?.hidden ?? true, id);
const disabled = (page: Page, id: string) => page.evaluate(i => document.getElementById(i)?.disabled ?? true, id);

describe('the panel\'s diagram and Keras export (chromium)', () => {
    it('shows the host\'s diagram of the model, one box per layer, and asks the host to save it or export the model', async () => {
        const page = await harness.open();
        expect(await hidden(page, 'diagram')).toBe(true);
        expect(await disabled(page, 'export-keras')).toBe(true);
        await postToPanel(page, modelMessage('advanced_rnn_theory.rnn', 'StackedBidirectional'));
        await waitForText(page, 'h1', /^StackedBidirectional$/);
        const { analysis } = exampleModel('advanced_rnn_theory.rnn', 'StackedBidirectional');
        await postToPanel(page, diagramMessage(analysis, 'dark'));
        await page.waitForSelector('#diagram-svg svg');
        expect(await hidden(page, 'diagram')).toBe(false);
        const boxes = await page.evaluate(() => Array.from(document.querySelectorAll('#diagram-svg svg g[data-name]'), g => g.getAttribute('data-name')));
        // Each layer's box, and inside a Bidirectional's box the layer it wraps.
        for (const layer of analysis.layers) expect(boxes).toContain(layer.name);
        expect(await page.getAttribute('#diagram-svg', 'aria-label')).toMatch(/StackedBidirectional/);
        const background = () => page.evaluate(() => document.querySelectorAll('#diagram-svg svg rect.background')[0]?.getAttribute('fill'));
        expect(await background()).toBe(THEMES.dark.background);

        await page.click('#save-svg');
        await waitForPosted(page, 'saveDiagram');
        expect(await posted(page, 'saveDiagram')).toEqual([{ type: 'saveDiagram', model: 'StackedBidirectional' }]);
        expect(await disabled(page, 'export-keras')).toBe(false);
        await page.click('#export-keras');
        await waitForPosted(page, 'exportKeras');
        expect(await posted(page, 'exportKeras')).toEqual([{ type: 'exportKeras', model: 'StackedBidirectional' }]);

        // A diagram of another model than the one shown is not shown; the theme's re-render replaces the picture.
        await postToPanel(page, diagramMessage(exampleModel('advanced_rnn_theory.rnn', 'SingleLSTM').analysis, 'light'));
        await postToPanel(page, diagramMessage(analysis, 'light'));
        await page.waitForFunction(fill => document.querySelectorAll('#diagram-svg svg rect.background')[0]?.getAttribute('fill') === fill, THEMES.light.background);
        expect(await page.evaluate(() => document.querySelectorAll('#diagram-svg svg').length)).toBe(1);
        expect(await texts(page, '#diagram-svg svg title')).toHaveLength(1);
        expect((await standIn(page)).cspViolations).toEqual([]);
        await page.close();
    });

    it('puts nothing active of an SVG into the page: no scripts, handlers, links or foreign content', async () => {
        const page = await harness.open();
        await postToPanel(page, modelMessage('advanced_rnn_theory.rnn', 'SingleLSTM'));
        await waitForText(page, 'h1', /^SingleLSTM$/);
        const svg = '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="10" height="10" onload="window.__pwned=1">'
            + '<title>SingleLSTM</title><script>window.__pwned=2</script><a href="https://example.com"><text>x</text></a>'
            + '<rect width="5" height="5" onclick="window.__pwned=3" style="fill:red"/><image xlink:href="https://example.com/a.png"/>'
            + '<foreignObject><div xmlns="http://www.w3.org/1999/xhtml">html</div></foreignObject></svg>';
        await postToPanel(page, { type: 'diagram', model: 'SingleLSTM', theme: 'light', svg });
        await page.waitForSelector('#diagram-svg svg rect');
        const names = await page.evaluate(() => Array.from(document.querySelectorAll('#diagram-svg *'), e => e.localName));
        expect(names).toEqual(['svg', 'title', 'rect']);
        const attributes = await page.evaluate(() => Array.from(document.querySelectorAll('#diagram-svg *'), e => Array.from(e.attributes, a => a.name)).flat());
        expect(attributes.filter(a => /^on|href|style/.test(a))).toEqual([]);
        expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();

        // Not an SVG, or not well-formed: the schema or the parser refuses it, and the page says so or logs it.
        await postToPanel(page, { type: 'diagram', model: 'SingleLSTM', theme: 'light', svg: '<div>no</div>' });
        await waitForPosted(page, 'log');
        expect(String((await posted(page, 'log'))[0].message)).toMatch(/malformed host-to-panel "diagram" message: svg:/);
        await postToPanel(page, { type: 'diagram', model: 'SingleLSTM', theme: 'light', svg: '<svg xmlns="http://www.w3.org/2000/svg"><g></svg>' });
        await waitForText(page, '#diagram-svg', /could not be shown/);
        await page.close();
    });

    it('shows a model that is gone with the document\'s errors, each a link to its place, and keeps it from training', async () => {
        const page = await harness.open();
        await postToPanel(page, modelMessage('advanced_rnn_theory.rnn', 'SingleLSTM'));
        await waitForText(page, 'h1', /^SingleLSTM$/);
        const range = { start: { line: 4, character: 4 }, end: { line: 4, character: 9 } };
        await postToPanel(page, {
            type: 'modelUnavailable', uri: 'file:///workspace/examples/advanced_rnn_theory.rnn', model: 'SingleLSTM',
            message: 'There is no model named "SingleLSTM" in the file (renamed or deleted?).',
            errors: [{ message: 'Expecting "}" but found "LSTM".', code: 'syntax', range }]
        });
        await waitForText(page, '#errors', /no model named "SingleLSTM"/);
        expect(await texts(page, '#errors li')).toEqual(['line 5, column 5: Expecting "}" but found "LSTM". (syntax)']);
        expect(await disabled(page, 'train')).toBe(true);
        expect(await disabled(page, 'export-keras')).toBe(true);
        await page.click('#errors li a');
        await waitForPosted(page, 'reveal');
        expect(await posted(page, 'reveal')).toEqual([{ type: 'reveal', uri: 'file:///workspace/examples/advanced_rnn_theory.rnn', range }]);

        // Another model, gone: the old one's summary and diagram go with it.
        await postToPanel(page, { type: 'modelUnavailable', uri: 'file:///workspace/examples/advanced_rnn_theory.rnn', model: 'Renamed', message: 'There is no model named "Renamed" in the file.' });
        await waitForText(page, '#errors', /"Renamed"/);
        expect(await text(page, 'h1')).toBe('RNN Lens: training');
        expect(await text(page, '#summary')).toBe('');
        await page.close();
    });
});
