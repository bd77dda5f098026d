/**
 * Show Diagram's webview page in a real browser (Debian's chromium through playwright-core): its
 * Content-Security-Policy lets its own nonce'd script and style run and nothing else; the SVG
 * shows; Save as SVG posts to the extension; an update (an edit, a theme change) replaces the
 * diagram, its label and its errors in place.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { diagramHtml, diagramLabel, newNonce, type DiagramUpdate } from '../../client/src/explain/diagram-html.js';
import { analyzeText } from '../../language/src/analyze-text.js';
import { modelDiagramSvg } from '../../language/src/diagram/svg.js';
import { ROOT } from '../helpers/ensure-built.js';

const CHROMIUM = '/usr/bin/chromium';
const analysis = analyzeText(readFileSync(join(ROOT, 'examples', 'advanced_rnn_theory.rnn'), 'utf8'));
const svgOf = (name: string, theme: 'light' | 'dark') => modelDiagramSvg(analysis.models.find(m => m.name === name)!, analysis.diagnostics, theme);

/** The page's globals, inside page.evaluate (the tests are typed without the DOM library). */
declare const window: any;
declare const document: any;

let browser: Browser;
let page: Page;
const violations: string[] = [];

beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: install Debian's chromium (apt-get install chromium).`);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-dev-shm-usage'] });
    page = await browser.newPage();
    page.on('console', message => { if (/Content Security Policy/i.test(message.text())) violations.push(message.text()); });
    page.on('pageerror', error => violations.push(error.message));
    // What VS Code gives a webview's scripts: acquireVsCodeApi().postMessage to the extension.
    await page.addInitScript(() => {
        window.posted = [];
        window.acquireVsCodeApi = () => ({ postMessage: (m: unknown) => window.posted.push(m) });
        document.addEventListener('securitypolicyviolation', (e: { violatedDirective: string }) => window.posted.push({ violation: e.violatedDirective }));
    });
    const html = diagramHtml({ model: 'SingleLSTM', documentLabel: 'examples/advanced_rnn_theory.rnn', svg: svgOf('SingleLSTM', 'light'), errors: [] }, newNonce());
    // Served by playwright itself (no server, no network), so that the page is navigated to and gets the script above.
    await page.route('http://diagram.test/', route => route.fulfill({ contentType: 'text/html', body: html }));
    await page.goto('http://diagram.test/');
}, 60_000);

afterAll(async () => {
    await browser?.close();
});

const kinds = () => page.$$eval('#diagram svg g.layer', groups => groups.map(g => g.getAttribute('data-kind')));

describe('the diagram page', () => {
    it('shows the SVG, with its boxes, and runs its script under the CSP', async () => {
        expect(await kinds()).toEqual(['Conv1D', 'MaxPooling1D', 'LSTM', 'Dropout', 'Dense']);
        await page.click('#save-svg');
        expect(await page.evaluate(() => window.posted)).toEqual([{ type: 'save' }]);
        expect(violations).toEqual([]);
    });

    it('takes an update in place: the new diagram, its label and its errors', async () => {
        const view = { model: 'Monster2', documentLabel: 'course.rnn', svg: svgOf('Monster2', 'dark'), errors: ['9:5 invalid-argument <bad>'] };
        const update: DiagramUpdate = { type: 'update', label: diagramLabel(view), ...view };
        await page.evaluate(u => window.postMessage(u, '*'), update);
        await page.waitForFunction(() => document.querySelector('#diagram svg title')?.textContent?.includes('Monster2'));
        expect((await kinds()).length).toBe(analysis.models.find(m => m.name === 'Monster2')!.layers.length);
        expect(await page.getAttribute('#diagram', 'aria-label')).toBe('Diagram of model Monster2 in course.rnn');
        expect(await page.$$eval('#diagram-errors li', items => items.map(i => i.textContent))).toEqual(['9:5 invalid-argument <bad>']);
        expect(await page.textContent('#diagram-source')).toBe('course.rnn');
    });

    it('shows a message in place of the diagram, and never reads an update as HTML', async () => {
        await page.evaluate(() => window.postMessage({ type: 'update', model: 'M', documentLabel: 'x.rnn', label: 'l', errors: [], message: 'There is no model named "M" any more.' }, '*'));
        await page.waitForSelector('#diagram-message');
        expect(await page.textContent('#diagram-message')).toBe('There is no model named "M" any more.');
        await page.evaluate(() => window.postMessage({ type: 'update', model: 'M', documentLabel: 'x.rnn', label: 'l', errors: [], svg: '<img src="x" onerror="window.posted.push(\'ran\')">' }, '*'));
        await page.waitForTimeout(100);
        expect(await page.$('#diagram img')).toBeNull();
        expect(await page.textContent('#diagram-message')).toBe('There is no model named "M" any more.');
        // Not well-formed SVG: nothing ran. (Chromium styles its own parse-error element inline,
        // which the CSP refuses: the only report allowed.)
        const posted: unknown[] = await page.evaluate(() => window.posted);
        expect(posted.filter(p => JSON.stringify(p) !== JSON.stringify({ violation: 'style-src-attr' }))).toEqual([{ type: 'save' }]);
        expect(violations.filter(v => !/style-src-attr|inline style/i.test(v))).toEqual([]);
    });
});
