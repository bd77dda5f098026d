/**
 * The diagram (`rnn-lens diagram`): well-formed SVG (a strict XML parser reads it), one box per
 * layer in order with its Keras name, type, count and colour, the shapes on the arrows between
 * them, wrapped layers inside their wrapper, text escaped, the same bytes for the same input,
 * and light and dark differing in colours alone.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../language/src/analyze-text.js';
import { formatCount } from '../../language/src/catalog/numbers.js';
import { formatShape } from '../../language/src/catalog/shape.js';
import { layoutDiagram, textWidth, type BoxLayout } from '../../language/src/diagram/layout.js';
import { escapeXml, modelDiagramSvg } from '../../language/src/diagram/svg.js';
import { THEMES } from '../../language/src/diagram/theme.js';
import { ROOT } from '../helpers/ensure-built.js';
import { byClass, findAll, parseXml, textsOf, type XmlElement } from '../helpers/xml-tree.js';

const notebookText = readFileSync(join(ROOT, 'examples', 'advanced_rnn_theory.rnn'), 'utf8');
const notebook = analyzeText(notebookText);

function diagramOf(name: string, theme: 'light' | 'dark' = 'light', analysis = notebook): string {
    return modelDiagramSvg(analysis.models.find(m => m.name === name)!, analysis.diagnostics, theme);
}

function rectOf(group: XmlElement): XmlElement {
    return group.children.find(c => c.name === 'rect')!;
}

describe('the diagram of each notebook model', () => {
    for (const model of notebook.models) {
        it(`${model.name}: one box per layer, with its name, type and count, and the shapes on the arrows`, () => {
            const svg = parseXml(diagramOf(model.name));
            expect(svg.name).toBe('svg');
            expect(svg.attributes.xmlns).toBe('http://www.w3.org/2000/svg');
            const boxes = byClass(svg, 'layer');
            expect(boxes.map(b => b.attributes['data-name'])).toEqual(model.layers.map(l => l.name));
            boxes.forEach((box, i) => {
                const layer = model.layers[i];
                expect(box.attributes['data-kind']).toBe(layer.kind);
                const texts = textsOf(box);
                expect(texts[0]).toBe(`${layer.name} (${layer.kind})`);
                expect(byClass(box, 'params').at(-1)!.text).toBe(`${formatCount(layer.params!.trainable)} params`);
            });
            // Input, the layers, Output: an arrow between each two, carrying the shape that flows.
            const edges = byClass(svg, 'edge');
            expect(edges.map(e => e.attributes['data-shape'])).toEqual([
                ...model.layers.map(l => formatShape(l.input!)),
                formatShape(model.output!)
            ]);
            expect(edges.map(e => textsOf(e)[0])).toEqual(edges.map(e => e.attributes['data-shape']));
            expect(byClass(svg, 'terminal').map(t => textsOf(t)[0])).toEqual(['Input', 'Output']);
            expect(textsOf(svg).slice(0, 2)).toEqual([model.name, `${formatCount(model.totals.total)} params`]);
        });
    }

    it('Monster2: the notebook\'s shapes and counts, top to bottom', () => {
        const svg = parseXml(diagramOf('Monster2'));
        expect(byClass(svg, 'edge').map(e => e.attributes['data-shape'])).toEqual([
            '(None, 21, 50)', '(None, 20, 20)', '(None, 10, 20)', '(None, 9, 10)', '(None, 4, 10)',
            '(None, 4, 60)', '(None, 4, 120)', '(None, 4, 40)', '(None, 20)', '(None, 20)', '(None, 1)'
        ]);
        expect(byClass(svg, 'params').map(p => p.text)).toEqual([
            '2,020 params', '0 params', '410 params', '0 params',
            '4,920 params per direction', '9,840 params',
            '29,040 params per direction', '58,080 params',
            '19,440 params',
            '2,040 params per direction', '4,080 params',
            '0 params', '21 params'
        ]);
    });

    it('draws each wrapped layer inside its wrapper, with its type and arguments', () => {
        const svg = parseXml(diagramOf('Monster2'));
        const [bi] = byClass(svg, 'layer').filter(b => b.attributes['data-name'] === 'bidirectional');
        const wrapped = byClass(bi, 'wrapped');
        expect(wrapped).toHaveLength(1);
        expect(textsOf(wrapped[0])).toEqual(['LSTM', 'units=30, activation=relu', 'return_sequences=True', '4,920 params per direction']);
        expect(rectOf(wrapped[0]).attributes.fill).toBe(THEMES.light.categories.recurrent.fill);
        expect(rectOf(bi).attributes.fill).toBe(THEMES.light.categories.wrapper.fill);
        // The wrapped box lies inside the wrapper's.
        const outer = rectOf(bi).attributes;
        const inner = rectOf(wrapped[0]).attributes;
        expect(Number(inner.x)).toBeGreaterThan(Number(outer.x));
        expect(Number(inner.y) + Number(inner.height)).toBeLessThan(Number(outer.y) + Number(outer.height));
    });

    it('shows the key arguments and the activation, and colours each box by its kind', () => {
        const svg = parseXml(diagramOf('SingleSimpleRNN'));
        const [conv, pool, rnn, dropout, dense] = byClass(svg, 'layer');
        expect(textsOf(conv)).toEqual(['conv1d (Conv1D)', 'filters=3, kernel_size=2', 'activation=linear', '57 params']);
        expect(textsOf(rnn)).toEqual(['simple_rnn (SimpleRNN)', 'units=30, activation=relu', '1,020 params']);
        const fills = [conv, pool, rnn, dropout, dense].map(b => rectOf(b).attributes.fill);
        const { categories } = THEMES.light;
        expect(fills).toEqual([categories.convolution.fill, categories.pooling.fill, categories.recurrent.fill, categories.regularization.fill, categories.core.fill]);
        expect(findAll(byClass(svg, 'legend')[0], e => e.name === 'text').map(t => t.text))
            .toEqual(['convolution', 'pooling', 'recurrent', 'core', 'regularization']);
    });

    it('marks a pooling remainder on its box', () => {
        const svg = parseXml(diagramOf('Monster2'));
        const pool = byClass(svg, 'layer').find(b => b.attributes['data-name'] === 'max_pooling1d_1')!;
        expect(byClass(pool, 'warning').map(w => w.text)).toEqual(['⚠ pooling-drops-steps']);
        expect(byClass(svg, 'warning')).toHaveLength(1);
    });

    it('keeps every line of text inside its box', () => {
        for (const model of notebook.models) {
            const layout = layoutDiagram(model, notebook.diagnostics);
            const check = (box: BoxLayout) => {
                for (const t of [...box.head, ...box.tail]) {
                    expect(textWidth(t.text, t.style)).toBeLessThanOrEqual(box.width - 2 * 8);
                    expect(t.y).toBeGreaterThan(box.y);
                    expect(t.y).toBeLessThan(box.y + box.height);
                }
                box.children.forEach(check);
            };
            layout.boxes.forEach(check);
            // Boxes stack without overlapping, each arrow from one box's bottom to the next one's top.
            layout.edges.forEach((edge, i) => {
                expect(edge.y1).toBe(layout.boxes[i].y + layout.boxes[i].height);
                expect(edge.y2).toBe(layout.boxes[i + 1].y);
            });
            expect(layout.height).toBeGreaterThan(layout.boxes.at(-1)!.y + layout.boxes.at(-1)!.height);
        }
    });
});

describe('a diagram is stable and themed by colour alone', () => {
    it('gives the same bytes for the same input, analysed afresh', () => {
        const again = analyzeText(notebookText);
        for (const model of notebook.models) {
            expect(diagramOf(model.name, 'dark', again)).toBe(diagramOf(model.name, 'dark'));
        }
    });

    it('docs/monster2.svg, the README\'s example, is the current rendering', () => {
        // Regenerate it with `node bin/rnn-lens.cjs diagram examples/advanced_rnn_theory.rnn --model Monster2 --out docs/monster2.svg`.
        expect(readFileSync(join(ROOT, 'docs', 'monster2.svg'), 'utf8')).toBe(diagramOf('Monster2'));
    });

    it('light and dark differ in their colour values, and in nothing else', () => {
        const light = diagramOf('Monster2', 'light');
        const dark = diagramOf('Monster2', 'dark');
        expect(light).not.toBe(dark);
        const colour = /#[0-9a-f]{6}/g;
        expect(light.replace(colour, '#')).toBe(dark.replace(colour, '#'));
        const palette = (theme: typeof THEMES.light) => new Set([
            theme.background, theme.text, theme.muted, theme.edge, theme.warning, theme.error,
            ...Object.values(theme.categories).flatMap(c => [c.fill, c.stroke])
        ]);
        for (const [svg, theme] of [[light, THEMES.light], [dark, THEMES.dark]] as const) {
            for (const c of svg.match(colour)!) expect(palette(theme)).toContain(c);
        }
        expect(rectOf(parseXml(dark)).attributes.fill).toBe(THEMES.dark.background);
    });
});

describe('escaping and models Keras cannot build', () => {
    it('escapes names and values, so that the SVG stays well-formed and says them as written', () => {
        const name = 'a<b>&"c\'';
        const analysis = analyzeText(`model Odd {\n    Dense(4, name="${name.replace(/"/g, '\\"')}", input_shape=(3,))\n}\n`);
        const text = modelDiagramSvg(analysis.models[0], analysis.diagnostics);
        expect(text).not.toContain('a<b');
        const box = byClass(parseXml(text), 'layer')[0];
        expect(box.attributes['data-name']).toBe(name);
        expect(textsOf(box)[0]).toBe(`${name} (Dense)`);
        expect(escapeXml(`<&>"'`)).toBe('&lt;&amp;&gt;&quot;&apos;');
    });

    it('draws unknown layers dashed, with ? for their shapes and counts, and the error on the box', () => {
        const analysis = analyzeText('model Broken {\n    LSTM(4, input_shape=(None, 5))\n    LSTM(3)\n    Dense(1)\n}\n');
        const svg = parseXml(modelDiagramSvg(analysis.models[0], analysis.diagnostics));
        const boxes = byClass(svg, 'layer');
        expect(boxes.map(b => rectOf(b).attributes['stroke-dasharray'])).toEqual([undefined, '5 3', '5 3']);
        expect(byClass(svg, 'edge').map(e => e.attributes['data-shape'])).toEqual(['(None, None, 5)', '(None, 4)', '?', '?']);
        expect(byClass(boxes[1], 'error').map(e => e.text)).toEqual(['✖ missing-return-sequences']);
        expect(byClass(boxes[2], 'params')[0].text).toBe('? params');
    });

    it('shows frozen weights and a TimeDistributed layer\'s shared count', () => {
        const analysis = analyzeText('model T {\n    LSTM(4, return_sequences=True, trainable=False, input_shape=(6, 2))\n    TimeDistributed(Dense(1))\n}\n');
        const svg = parseXml(modelDiagramSvg(analysis.models[0], analysis.diagnostics));
        expect(byClass(svg, 'params').map(p => p.text)).toEqual(['112 params (0 trainable, 112 non-trainable)', '5 params shared by every step', '5 params']);
        expect(textsOf(svg)[1]).toBe('117 params (5 trainable, 112 non-trainable)');
    });
});
