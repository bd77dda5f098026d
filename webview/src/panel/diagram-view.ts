/**
 * The model's diagram (issue 9: "in the training panel, with a button to save it as SVG"): the
 * SVG the host rendered with the core's diagram code in the VS Code theme's kind, and Save SVG,
 * which asks the host to write the SVG it rendered (the page never sends file content for it).
 *
 * The SVG arrives as text checked by the protocol; it is parsed as XML, not as HTML, and what
 * could run or fetch anything (scripts, foreign objects, event handlers, links) is removed
 * before it joins the page, although the page's CSP would block it anyway.
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import type { VscodeButton } from '@vscode-elements/elements/dist/vscode-button/vscode-button.js';
import { h, replace } from './dom.js';
import type { PanelState } from './state.js';

export interface DiagramViewEvents {
    saveSvg(): void;
}

const UNSAFE_ELEMENTS = new Set(['script', 'foreignobject', 'iframe', 'object', 'embed', 'a', 'image', 'use', 'animate', 'set']);

export class DiagramView {
    readonly element = h('section', { attrs: { id: 'diagram', hidden: '' } });
    private readonly picture = h('div', { class: 'diagram-svg', attrs: { id: 'diagram-svg', role: 'img' } });
    private readonly saveButton = document.createElement('vscode-button') as VscodeButton;
    private shown: string | undefined;

    constructor(events: DiagramViewEvents) {
        this.saveButton.id = 'save-svg';
        this.saveButton.textContent = 'Save SVG...';
        this.saveButton.secondary = true;
        this.saveButton.setAttribute('aria-label', 'Save the diagram as SVG');
        this.saveButton.addEventListener('click', () => { if (!this.saveButton.disabled) events.saveSvg(); });
        this.element.append(h('h2', { text: 'Diagram' }), h('div', { class: 'buttons' }, [this.saveButton]), this.picture);
    }

    update(state: PanelState): void {
        // Only the diagram of the model shown: after a switch, the old one's would mislead.
        const diagram = state.diagram && state.diagram.model === state.analysis?.name ? state.diagram : undefined;
        this.element.hidden = !diagram;
        this.saveButton.disabled = !diagram;
        if (diagram?.svg === this.shown) return;
        this.shown = diagram?.svg;
        const svg = diagram ? parseSvg(diagram.svg) : undefined;
        this.picture.setAttribute('aria-label', svg?.querySelector('title')?.textContent ?? 'The model diagram');
        replace(this.picture, diagram ? [svg ?? h('p', { class: 'error', text: 'The diagram could not be shown (not a well-formed SVG).' })] : []);
    }
}

/** The SVG element of `text`, without anything active; undefined when it is not a well-formed SVG. */
export function parseSvg(text: string): SVGSVGElement | undefined {
    const parsed = new DOMParser().parseFromString(text, 'image/svg+xml');
    const root = parsed.documentElement;
    if (root.localName !== 'svg' || parsed.getElementsByTagName('parsererror').length > 0) return undefined;
    for (const element of Array.from(root.querySelectorAll('*'))) {
        if (UNSAFE_ELEMENTS.has(element.localName.toLowerCase())) element.remove();
    }
    for (const element of [root, ...Array.from(root.querySelectorAll('*'))]) {
        for (const attribute of Array.from(element.attributes)) {
            const name = attribute.name.toLowerCase();
            if (name.startsWith('on') || name === 'href' || name.endsWith(':href') || name === 'style') element.removeAttribute(attribute.name);
        }
    }
    return document.importNode(root, true) as unknown as SVGSVGElement;
}
