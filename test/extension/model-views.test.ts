/**
 * The pure parts of Explain Model and Show Diagram: which model a view's title-bar button means,
 * the walk-through documents' URIs and text, the diagram page (its CSP, nonce, ids, escaping)
 * and the output lines the commands write.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXPLAIN_SCHEME, SUMMARY_SCHEME } from '../../client/src/common/command-ids.js';
import { commandLogLine } from '../../client/src/common/command-log.js';
import { summarySourceOf, summaryUriParts } from '../../client/src/common/summary-source.js';
import { diagramFileName, diagramHtml, newNonce, themeOfColorKind } from '../../client/src/explain/diagram-html.js';
import { explainDocumentText } from '../../client/src/explain/explain-text.js';
import { explainUriParts, viewDocumentSource } from '../../client/src/explain/view-sources.js';
import { analyzeText } from '../../language/src/analyze-text.js';
import { modelDiagramSvg } from '../../language/src/diagram/svg.js';
import { ROOT } from '../helpers/ensure-built.js';

const source = { document: 'file:///work/a%20b/course.rnn', model: 'StackedLSTM' };
const views = [SUMMARY_SCHEME, EXPLAIN_SCHEME];

describe('viewDocumentSource', () => {
    const summary = { scheme: SUMMARY_SCHEME, ...summaryUriParts(source) };
    const explain = { scheme: EXPLAIN_SCHEME, ...explainUriParts(source) };
    const rnn = { scheme: 'file', path: '/work/course.rnn', query: '' };

    it('finds the model of a summary or a walk-through named by a title-bar button', () => {
        expect(viewDocumentSource([summary], undefined, views)).toEqual(source);
        expect(viewDocumentSource([explain], rnn, views)).toEqual(source);
    });

    it('finds the model of the active view when the Command Palette gives no arguments', () => {
        expect(viewDocumentSource([], summary, views)).toEqual(source);
        expect(viewDocumentSource([], rnn, views)).toBeUndefined();
    });

    it('leaves a .rnn file, a CodeLens\'s arguments, and other schemes to the model chooser', () => {
        expect(viewDocumentSource([rnn], summary, views)).toBeUndefined();
        expect(viewDocumentSource([source.document, source.model], summary, views)).toBeUndefined();
        expect(viewDocumentSource([summary], undefined, [EXPLAIN_SCHEME])).toBeUndefined();
    });
});

describe('the walk-through documents', () => {
    it('are Markdown files titled by the model, naming the document and the model in the query', () => {
        const parts = explainUriParts(source);
        expect(parts.path).toBe('/work/a b/course.rnn/StackedLSTM explained.md');
        expect(summarySourceOf(parts.query)).toEqual(source);
        expect(explainUriParts({ document: 'untitled:Untitled-1', model: 'M' }).path).toBe('/Untitled-1/M explained.md');
        expect(explainUriParts({ document: 'not a uri', model: 'M' }).path).toBe('/M explained.md');
    });

    it('show the server\'s Markdown, or say that the model is gone and which are there', () => {
        expect(explainDocumentText(source, { markdown: '# Model `StackedLSTM`', errors: [] })).toBe('# Model `StackedLSTM`\n');
        const gone = explainDocumentText(source, { error: 'no such model', models: ['SingleLSTM', 'Monster1'] });
        expect(gone).toContain('There is no model named `StackedLSTM` in file:///work/a%20b/course.rnn any more.');
        expect(gone).toContain('`SingleLSTM`, `Monster1`');
    });
});

describe('the diagram page', () => {
    const text = readFileSync(join(ROOT, 'examples', 'advanced_rnn_theory.rnn'), 'utf8');
    const analysis = analyzeText(text);
    const model = analysis.models.find(m => m.name === 'StackedBidirectional')!;
    const svg = modelDiagramSvg(model, analysis.diagnostics, 'dark');
    const nonce = newNonce();
    const html = diagramHtml({ model: model.name, documentLabel: 'examples/advanced_rnn_theory.rnn', svg, errors: ['3:5 bad-thing a <b>"quoted"</b> & more'] }, nonce);

    it('loads nothing and runs only its own script and style, by nonce', () => {
        const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)![1];
        expect(csp).toContain("default-src 'none'");
        expect(csp).toContain(`script-src 'nonce-${nonce}'`);
        expect(csp).toContain(`style-src 'nonce-${nonce}'`);
        expect(csp).not.toMatch(/unsafe|https?:/);
        expect([...html.matchAll(/<script\b[^>]*>/g)].map(m => m[0])).toEqual([`<script nonce="${nonce}">`]);
        expect([...html.matchAll(/<style\b[^>]*>/g)].map(m => m[0])).toEqual([`<style nonce="${nonce}">`]);
        expect(html).not.toMatch(/\ssrc=|<link\b/);
    });

    it('holds the server\'s SVG as it is, with stable ids and labels to find its parts by', () => {
        expect(html).toContain(svg);
        for (const id of ['rnn-lens-diagram', 'save-svg', 'diagram', 'diagram-errors', 'diagram-source']) expect(html).toContain(`id="${id}"`);
        expect(html).toContain('aria-label="Diagram of model StackedBidirectional in examples/advanced_rnn_theory.rnn"');
        expect(html).toContain('>Save as SVG</button>');
    });

    it('escapes the errors it lists, and says why there is no diagram when there is none', () => {
        expect(html).toContain('<li>3:5 bad-thing a &lt;b&gt;&quot;quoted&quot;&lt;/b&gt; &amp; more</li>');
        const none = diagramHtml({ model: 'M', documentLabel: 'x.rnn', message: 'There is no model named "M" <any more>.', errors: [] }, nonce);
        expect(none).toContain('<p id="diagram-message">There is no model named &quot;M&quot; &lt;any more&gt;.</p>');
        expect(none).not.toContain('<svg');
    });

    it('makes a new 128-bit nonce each time', () => {
        const a = newNonce();
        expect(a).toMatch(/^[0-9a-f]{32}$/);
        expect(newNonce()).not.toBe(a);
    });

    it('draws dark for the dark and high-contrast themes, light for the light ones', () => {
        expect([1, 2, 3, 4].map(themeOfColorKind)).toEqual(['light', 'dark', 'dark', 'light']);
    });

    it('proposes a file name that every file system takes', () => {
        expect(diagramFileName('StackedLSTM')).toBe('StackedLSTM.svg');
        expect(diagramFileName('a/b:c')).toBe('a_b_c.svg');
    });
});

describe('commandLogLine', () => {
    it('writes the line the end-to-end tests look for', () => {
        expect(commandLogLine('rnnLens.importKeras', 'imported 2 models')).toBe('[RNN Lens] importKeras: imported 2 models');
        expect(commandLogLine('showDiagram', 'x')).toBe('[RNN Lens] showDiagram: x');
    });
});
