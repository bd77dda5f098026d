/** Keras shapes: the batch dimension first (always `None`), `null` for an unknown size. */

export type Dim = number | null;
export type Shape = readonly Dim[];

/** `(None, 20, 3)`, as Keras prints it; `(None, 30)`; a 1-tuple keeps its comma: `(None,)`. */
export function formatShape(shape: Shape, options: { hideBatch?: boolean } = {}): string {
    const dims = options.hideBatch ? shape.slice(1) : shape;
    const parts = dims.map(d => (d === null ? 'None' : String(d)));
    return parts.length === 1 ? `(${parts[0]},)` : `(${parts.join(', ')})`;
}

export function rank(shape: Shape): number {
    return shape.length;
}

export function lastDim(shape: Shape): Dim {
    return shape[shape.length - 1] ?? null;
}

export function withLastDim(shape: Shape, dim: Dim): Shape {
    return [...shape.slice(0, -1), dim];
}

/** The product of known sizes, or null when any is unknown. */
export function product(dims: readonly Dim[]): number | null {
    let result = 1;
    for (const d of dims) {
        if (d === null) return null;
        result *= d;
    }
    return result;
}
