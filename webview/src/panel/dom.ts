/** A few lines of DOM building, so that the views read as the markup they make. */

type Child = Node | string | null | undefined | false;

export interface Props {
    readonly class?: string;
    readonly text?: string;
    readonly attrs?: Readonly<Record<string, string>>;
    readonly on?: Readonly<Record<string, (event: Event) => void>>;
}

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, props: Props = {}, children: readonly Child[] = []): HTMLElementTagNameMap[K] {
    const element = document.createElement(tag);
    if (props.class) element.className = props.class;
    if (props.text !== undefined) element.textContent = props.text;
    for (const [name, value] of Object.entries(props.attrs ?? {})) element.setAttribute(name, value);
    for (const [name, handler] of Object.entries(props.on ?? {})) element.addEventListener(name, handler);
    append(element, children);
    return element;
}

export function append(parent: Node, children: readonly Child[]): void {
    for (const child of children) {
        if (child === null || child === undefined || child === false) continue;
        parent.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    }
}

/** Replaces the children of `parent`. */
export function replace(parent: Element, children: readonly Child[]): void {
    parent.replaceChildren();
    append(parent, children);
}

/** A table from a header row and body rows (cells as text or nodes). */
export function table(className: string, head: readonly string[], rows: readonly (readonly Child[])[]): HTMLTableElement {
    return h('table', { class: className }, [
        h('thead', {}, [h('tr', {}, head.map(cell => h('th', { text: cell, attrs: { scope: 'col' } })))]),
        h('tbody', {}, rows.map(row => h('tr', {}, row.map(cell => h('td', {}, [cell])))))
    ]);
}

export function section(id: string, title: string | undefined, children: readonly Child[] = []): HTMLElement {
    return h('section', { attrs: { id } }, [title ? h('h2', { text: title }) : null, ...children]);
}
