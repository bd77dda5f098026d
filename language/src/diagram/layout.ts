/**
 * The diagram's geometry: a vertical stack, as Keras's `plot_model` draws a Sequential model.
 * An Input pill, one box per layer (a wrapper's box holds the wrapped layer's), an Output pill,
 * arrows between them labelled with the shape that flows, a title with the totals and a legend
 * of the colours. Text is never measured (there is no font here): monospace glyphs are taken
 * as 0.6 em wide and every coordinate is a whole number, so the same model always gives the
 * same layout, on any machine.
 */
import type { ModelAnalysis } from '../analysis/types.js';
import type { LayerCategory } from '../catalog/layer-kind.js';
import { plural } from '../catalog/numbers.js';
import { formatShape } from '../catalog/shape.js';
import type { RnnDiagnostic } from '../model/diagnostic.js';
import { modelProblems } from '../explain/problems.js';
import { totalsLabel } from '../explain/tooltips.js';
import { categoriesUsed, layerBlock, terminalBlock, type Block, type TextStyle } from './blocks.js';
import { CATEGORY_ORDER } from './theme.js';

export interface TextMetrics {
    readonly size: number;
    readonly bold: boolean;
    readonly lineHeight: number;
}

export const TEXT_STYLES: Readonly<Record<TextStyle, TextMetrics>> = {
    title: { size: 16, bold: true, lineHeight: 22 },
    subtitle: { size: 12, bold: false, lineHeight: 18 },
    name: { size: 13, bold: true, lineHeight: 18 },
    args: { size: 12, bold: false, lineHeight: 16 },
    params: { size: 12, bold: false, lineHeight: 16 },
    shape: { size: 12, bold: false, lineHeight: 16 },
    warning: { size: 12, bold: false, lineHeight: 16 },
    error: { size: 12, bold: false, lineHeight: 16 },
    legend: { size: 11, bold: false, lineHeight: 14 }
};

export interface PlacedText {
    readonly text: string;
    readonly x: number;
    /** The baseline. */
    readonly y: number;
    readonly style: TextStyle;
    readonly anchor: 'start' | 'middle';
}

export interface BoxLayout {
    readonly block: Block;
    readonly x: number;
    readonly y: number;
    readonly width: number;
    readonly height: number;
    /** The lines above the boxes inside, and those below. */
    readonly head: readonly PlacedText[];
    readonly children: readonly BoxLayout[];
    readonly tail: readonly PlacedText[];
}

/** An arrow down from `y1` to `y2`, labelled with the shape that flows along it. */
export interface EdgeLayout {
    readonly x: number;
    readonly y1: number;
    readonly y2: number;
    readonly label: PlacedText;
}

export interface LegendItem {
    readonly category: LayerCategory;
    readonly x: number;
    readonly y: number;
    readonly size: number;
    readonly label: PlacedText;
}

export interface DiagramLayout {
    readonly width: number;
    readonly height: number;
    /** For the SVG's `<title>`. */
    readonly description: string;
    readonly heading: readonly PlacedText[];
    /** Input, the layers in order, Output. */
    readonly boxes: readonly BoxLayout[];
    /** `edges[i]` runs from `boxes[i]` to `boxes[i + 1]`. */
    readonly edges: readonly EdgeLayout[];
    readonly legend: readonly LegendItem[];
}

const MARGIN = 20;
const PAD_X = 12;
const PAD_Y = 8;
const CHILD_GAP = 6;
const EDGE_GAP = 40;
const MIN_BOX_WIDTH = 220;
const MIN_TERMINAL_WIDTH = 120;
const LABEL_OFFSET = 8;
const SWATCH = 12;

export function textWidth(text: string, style: TextStyle): number {
    return Math.ceil([...text].length * TEXT_STYLES[style].size * 0.6);
}

export function layoutDiagram(model: ModelAnalysis, diagnostics: readonly RnnDiagnostic[]): DiagramLayout {
    const problems = modelProblems(model, diagnostics);
    const layers = model.layers.map(layer => layerBlock(layer, problems));
    const blocks = [terminalBlock('Input'), ...layers, terminalBlock('Output')];
    // The shape on each arrow: what the layer below it receives, then what the model returns.
    const shapes = [...model.layers.map(l => l.input), model.layers.length > 0 ? model.layers.at(-1)!.output : model.input];
    const labels = shapes.map(shape => (shape ? formatShape(shape) : '?'));

    const layerWidth = even(Math.max(MIN_BOX_WIDTH, ...layers.map(b => measure(b).width)));
    const terminalWidth = even(Math.max(MIN_TERMINAL_WIDTH, measure(blocks[0]).width, measure(blocks.at(-1)!).width));
    const title = model.name;
    const subtitle = totalsLabel(model);
    const width = even(2 * MARGIN + Math.max(
        layerWidth, textWidth(title, 'title'), textWidth(subtitle, 'subtitle'),
        ...labels.map(l => 2 * (LABEL_OFFSET + textWidth(l, 'shape')))));
    const middle = width / 2;

    let y = MARGIN;
    const heading = [title, subtitle].map((text, i) => {
        const style: TextStyle = i === 0 ? 'title' : 'subtitle';
        const placed = lineAt(text, style, middle, y, 'middle');
        y += TEXT_STYLES[style].lineHeight;
        return placed;
    });
    y += 12;

    const boxes: BoxLayout[] = [];
    const edges: EdgeLayout[] = [];
    blocks.forEach((block, i) => {
        const boxWidth = block.role === 'terminal' ? terminalWidth : layerWidth;
        const box = place(block, middle - boxWidth / 2, y, boxWidth);
        boxes.push(box);
        y += box.height;
        if (i === blocks.length - 1) return;
        const label = lineAt(labels[i], 'shape', middle + LABEL_OFFSET, y + EDGE_GAP / 2 - TEXT_STYLES.shape.lineHeight / 2, 'start');
        edges.push({ x: middle, y1: y, y2: y + EDGE_GAP, label });
        y += EDGE_GAP;
    });

    const { items, bottom } = legendAt(categoriesUsed(layers, CATEGORY_ORDER), y + 20, width);
    return {
        width,
        height: bottom + MARGIN,
        description: `Model ${model.name}: ${plural(model.layers.length, 'layer')}, ${subtitle}`,
        heading,
        boxes,
        edges,
        legend: items
    };
}

function measure(block: Block): { readonly width: number; readonly height: number } {
    const lines = [...block.head, ...block.tail];
    const children = block.children.map(measure);
    const content = Math.max(0, ...lines.map(l => textWidth(l.text, l.style)), ...children.map(c => c.width));
    const height = 2 * PAD_Y + lines.reduce((sum, l) => sum + TEXT_STYLES[l.style].lineHeight, 0) +
        children.reduce((sum, c) => sum + CHILD_GAP + c.height, 0) + (children.length > 0 && block.tail.length > 0 ? CHILD_GAP : 0);
    return { width: even(content + 2 * PAD_X), height };
}

/** The block at (x, y), `width` wide (children fill it, less the padding); its height follows from its lines. */
function place(block: Block, x: number, y: number, width: number): BoxLayout {
    let cursor = y + PAD_Y;
    const write = (lines: Block['head']) => lines.map(line => {
        const placed = lineAt(line.text, line.style, x + width / 2, cursor, 'middle');
        cursor += TEXT_STYLES[line.style].lineHeight;
        return placed;
    });
    const head = write(block.head);
    const children = block.children.map(child => {
        cursor += CHILD_GAP;
        const box = place(child, x + PAD_X, cursor, width - 2 * PAD_X);
        cursor += box.height;
        return box;
    });
    if (children.length > 0 && block.tail.length > 0) cursor += CHILD_GAP;
    const tail = write(block.tail);
    return { block, x, y, width, height: cursor + PAD_Y - y, head, children, tail };
}

/** A line whose box starts at `top`: its baseline sits a little below the middle of its line height. */
function lineAt(text: string, style: TextStyle, x: number, top: number, anchor: PlacedText['anchor']): PlacedText {
    const { size, lineHeight } = TEXT_STYLES[style];
    return { text, x, y: top + Math.round(lineHeight / 2 + size * 0.35), style, anchor };
}

/** Swatches with their category's name, left to right, on as many rows as the width needs. */
function legendAt(categories: readonly LayerCategory[], top: number, width: number): { items: LegendItem[]; bottom: number } {
    const items: LegendItem[] = [];
    const rowHeight = TEXT_STYLES.legend.lineHeight + 4;
    let x = MARGIN;
    let y = top;
    for (const category of categories) {
        const itemWidth = SWATCH + 6 + textWidth(category, 'legend') + 16;
        if (x > MARGIN && x + itemWidth > width - MARGIN) {
            x = MARGIN;
            y += rowHeight;
        }
        items.push({ category, x, y: y + 1, size: SWATCH, label: lineAt(category, 'legend', x + SWATCH + 6, y, 'start') });
        x += itemWidth;
    }
    return { items, bottom: categories.length > 0 ? y + rowHeight : top };
}

/** Widths are even so that centres, and so every coordinate, are whole numbers. */
function even(n: number): number {
    return 2 * Math.ceil(n / 2);
}
