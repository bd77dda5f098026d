/**
 * What each box of the diagram says, before any geometry: for a layer its Keras name and type,
 * its key arguments, its parameter count and its problems; for a wrapper, the wrapped layer as
 * a box inside. Everything is read from the analysis (counts, problems) and the shared
 * explanation pieces; the layout (layout.ts) only measures and places it.
 */
import type { LayerAnalysis } from '../analysis/types.js';
import { findLayerKind } from '../catalog/index.js';
import type { LayerCategory } from '../catalog/layer-kind.js';
import { formatCount } from '../catalog/numbers.js';
import { keyArguments } from '../explain/layer-call.js';
import { paramTotal, trainableSplit } from '../explain/layer-sections.js';
import type { ModelProblems } from '../explain/problems.js';
import type { LayerDescription } from '../model/description.js';

export type TextStyle = 'title' | 'subtitle' | 'name' | 'args' | 'params' | 'shape' | 'warning' | 'error' | 'legend';

export interface Line {
    readonly text: string;
    readonly style: TextStyle;
}

export interface Block {
    readonly role: 'layer' | 'wrapped' | 'terminal';
    readonly category: LayerCategory;
    /** Drawn dashed: Keras could not build it, so its shape and count are unknown. */
    readonly unknown: boolean;
    /** The Keras layer name and type, for a layer's box. */
    readonly layer?: { readonly name: string; readonly kind: string };
    /** Above the boxes inside. */
    readonly head: readonly Line[];
    readonly children: readonly Block[];
    /** Below the boxes inside. */
    readonly tail: readonly Line[];
}

/** Arguments share a line up to this many characters, so that boxes stay narrow. */
const ARGUMENT_LINE_CHARS = 40;

export function layerBlock(layer: LayerAnalysis, problems: ModelProblems): Block {
    const { description, outcome } = layer;
    const kind = findLayerKind(layer.kind);
    const count = layer.params ? `${formatCount(paramTotal(layer.params))} params${trainableSplit(layer.params)}` : '? params';
    return {
        role: 'layer',
        category: kind?.category ?? 'core',
        unknown: !outcome,
        layer: { name: layer.name, kind: layer.kind },
        head: [{ text: `${layer.name} (${layer.kind})`, style: 'name' }, ...argumentLines(description)],
        children: description.inner ? [wrappedBlock(layer, description.inner)] : [],
        tail: [
            { text: count, style: 'params' },
            ...problems.ofLayer(layer).map((d): Line => d.severity === 'error'
                ? { text: `✖ ${d.code}`, style: 'error' }
                : { text: `⚠ ${d.code}`, style: 'warning' })
        ]
    };
}

/** The wrapped layer: its type, arguments, and its own count (per direction, or shared by every step). */
function wrappedBlock(wrapper: LayerAnalysis, inner: LayerDescription): Block {
    const per = wrapper.kind === 'Bidirectional' ? 'per direction' : 'shared by every step';
    const params = wrapper.outcome?.inner?.params;
    return {
        role: 'wrapped',
        category: findLayerKind(inner.kind)?.category ?? 'core',
        unknown: !params,
        head: [{ text: inner.kind, style: 'name' }, ...argumentLines(inner)],
        children: [],
        tail: [{ text: params ? `${formatCount(paramTotal(params))} params ${per}` : '? params', style: 'params' }]
    };
}

export function terminalBlock(text: string): Block {
    return { role: 'terminal', category: 'input', unknown: false, head: [{ text, style: 'name' }], children: [], tail: [] };
}

/** `filters=3, kernel_size=2, activation=linear`, wrapped into lines of about 40 characters. */
function argumentLines(description: LayerDescription): Line[] {
    const lines: string[] = [];
    for (const argument of keyArguments(description)) {
        const last = lines.length - 1;
        if (last >= 0 && lines[last].length + 2 + argument.length <= ARGUMENT_LINE_CHARS) lines[last] += `, ${argument}`;
        else lines.push(argument);
    }
    return lines.map(text => ({ text, style: 'args' }));
}

/** The categories of the boxes drawn, in the catalog's order, for the legend. */
export function categoriesUsed(blocks: readonly Block[], order: readonly LayerCategory[]): LayerCategory[] {
    const used = new Set<LayerCategory>();
    const visit = (block: Block) => {
        if (block.role !== 'terminal') used.add(block.category);
        block.children.forEach(visit);
    };
    blocks.forEach(visit);
    return order.filter(c => used.has(c));
}
