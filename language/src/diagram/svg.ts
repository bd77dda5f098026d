/**
 * The diagram as SVG text: the layout (layout.ts) drawn in a theme's colours. One element per
 * line, attributes in a fixed order, every text escaped: the same model and theme give the same
 * bytes, and the themes differ in colour values only.
 */
import type { ModelAnalysis } from '../analysis/types.js';
import type { RnnDiagnostic } from '../model/diagnostic.js';
import type { TextStyle } from './blocks.js';
import { TEXT_STYLES, layoutDiagram, type BoxLayout, type DiagramLayout, type EdgeLayout, type LegendItem, type PlacedText } from './layout.js';
import { THEMES, type Theme, type ThemeName } from './theme.js';

const FONT = 'ui-monospace, SFMono-Regular, Menlo, Consolas, "DejaVu Sans Mono", monospace';

/** The diagram of one model: its layer stack, shapes on the arrows, counts in the boxes. */
export function modelDiagramSvg(model: ModelAnalysis, diagnostics: readonly RnnDiagnostic[], theme: ThemeName = 'light'): string {
    return renderSvg(layoutDiagram(model, diagnostics), THEMES[theme]);
}

export function renderSvg(layout: DiagramLayout, theme: Theme): string {
    const lines: string[] = [
        `<svg xmlns="http://www.w3.org/2000/svg" width="${layout.width}" height="${layout.height}" viewBox="0 0 ${layout.width} ${layout.height}" font-family="${escapeXml(FONT)}">`,
        `  <title>${escapeXml(layout.description)}</title>`,
        `  <rect class="background" x="0" y="0" width="${layout.width}" height="${layout.height}" fill="${theme.background}"/>`,
        ...layout.heading.map(t => `  ${text(t, theme)}`)
    ];
    layout.boxes.forEach((box, i) => {
        lines.push(...boxLines(box, theme, 1));
        const edge = layout.edges[i];
        if (edge) lines.push(...edgeLines(edge, theme));
    });
    if (layout.legend.length > 0) {
        lines.push('  <g class="legend">', ...layout.legend.flatMap(item => legendLines(item, theme)), '  </g>');
    }
    lines.push('</svg>');
    return `${lines.join('\n')}\n`;
}

/** Text for XML content and attribute values (both quote characters included). */
export function escapeXml(value: string): string {
    return value.replace(/[&<>"']/g, c => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function boxLines(box: BoxLayout, theme: Theme, depth: number): string[] {
    const indent = '  '.repeat(depth);
    const { block } = box;
    const colours = theme.categories[block.category];
    const attributes = block.layer
        ? ` data-name="${escapeXml(block.layer.name)}" data-kind="${escapeXml(block.layer.kind)}" data-category="${block.category}"`
        : ` data-category="${block.category}"`;
    const radius = block.role === 'terminal' ? box.height / 2 : block.role === 'wrapped' ? 4 : 6;
    const dash = block.unknown ? ' stroke-dasharray="5 3"' : '';
    return [
        `${indent}<g class="${block.role}"${attributes}>`,
        `${indent}  <rect x="${box.x}" y="${box.y}" width="${box.width}" height="${box.height}" rx="${radius}" fill="${colours.fill}" stroke="${colours.stroke}" stroke-width="1.5"${dash}/>`,
        ...box.head.map(t => `${indent}  ${text(t, theme)}`),
        ...box.children.flatMap(child => boxLines(child, theme, depth + 1)),
        ...box.tail.map(t => `${indent}  ${text(t, theme)}`),
        `${indent}</g>`
    ];
}

function edgeLines(edge: EdgeLayout, theme: Theme): string[] {
    const head = `${edge.x - 4},${edge.y2 - 7} ${edge.x + 4},${edge.y2 - 7} ${edge.x},${edge.y2}`;
    return [
        `  <g class="edge" data-shape="${escapeXml(edge.label.text)}">`,
        `    <line x1="${edge.x}" y1="${edge.y1}" x2="${edge.x}" y2="${edge.y2 - 7}" stroke="${theme.edge}" stroke-width="1.5"/>`,
        `    <polygon points="${head}" fill="${theme.edge}"/>`,
        `    ${text(edge.label, theme)}`,
        '  </g>'
    ];
}

function legendLines(item: LegendItem, theme: Theme): string[] {
    const colours = theme.categories[item.category];
    return [
        `    <rect x="${item.x}" y="${item.y}" width="${item.size}" height="${item.size}" rx="2" fill="${colours.fill}" stroke="${colours.stroke}" stroke-width="1.5"/>`,
        `    ${text(item.label, theme)}`
    ];
}

function text(t: PlacedText, theme: Theme): string {
    const { size, bold } = TEXT_STYLES[t.style];
    const anchor = t.anchor === 'middle' ? ' text-anchor="middle"' : '';
    const weight = bold ? ' font-weight="bold"' : '';
    return `<text class="${t.style}" x="${t.x}" y="${t.y}"${anchor} font-size="${size}"${weight} fill="${colourOf(t.style, theme)}">${escapeXml(t.text)}</text>`;
}

function colourOf(style: TextStyle, theme: Theme): string {
    switch (style) {
        case 'title':
        case 'name':
            return theme.text;
        case 'warning':
            return theme.warning;
        case 'error':
            return theme.error;
        default:
            return theme.muted;
    }
}
