/**
 * A strict XML parse into a small element tree, for tests of generated SVG. saxes follows the
 * XML 1.0 spec: a bare `&`, a `<` in an attribute, a tag closed out of order all throw.
 */
import { SaxesParser } from 'saxes';

export interface XmlElement {
    readonly name: string;
    readonly attributes: Readonly<Record<string, string>>;
    readonly children: XmlElement[];
    /** The text directly inside the element, entities resolved. */
    text: string;
}

export function parseXml(xml: string): XmlElement {
    const parser = new SaxesParser({ xmlns: true });
    const stack: XmlElement[] = [];
    let root: XmlElement | undefined;
    parser.on('error', error => {
        throw error;
    });
    parser.on('opentag', tag => {
        const attributes: Record<string, string> = {};
        for (const [name, attribute] of Object.entries(tag.attributes)) attributes[name] = typeof attribute === 'string' ? attribute : attribute.value;
        const element: XmlElement = { name: tag.name, attributes, children: [], text: '' };
        stack.at(-1)?.children.push(element);
        root ??= element;
        stack.push(element);
    });
    parser.on('text', text => {
        const current = stack.at(-1);
        if (current) current.text += text;
    });
    parser.on('closetag', () => {
        stack.pop();
    });
    parser.write(xml).close();
    if (!root) throw new Error('no root element');
    return root;
}

/** Every element below `element` (depth first, in document order) that `match` accepts. */
export function findAll(element: XmlElement, match: (e: XmlElement) => boolean): XmlElement[] {
    const found: XmlElement[] = [];
    const visit = (e: XmlElement) => {
        for (const child of e.children) {
            if (match(child)) found.push(child);
            visit(child);
        }
    };
    visit(element);
    return found;
}

/** The elements of a class (`<g class="layer">`). */
export function byClass(element: XmlElement, className: string): XmlElement[] {
    return findAll(element, e => e.attributes.class === className);
}

/** The texts of the `<text>` elements below, in order. */
export function textsOf(element: XmlElement): string[] {
    return findAll(element, e => e.name === 'text').map(e => e.text);
}
