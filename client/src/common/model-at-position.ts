/**
 * Which model the cursor is in. Pure (no vscode import), so that it is tested without an editor.
 */
import type { ModelOutline } from '../../../language/src/lsp.js';
import type { Position } from '../../../language/src/index.js';

function before(a: Position, b: Position): boolean {
    return a.line < b.line || (a.line === b.line && a.character < b.character);
}

/**
 * The model whose range holds the position: from `model` through the closing `}`, both ends
 * included (the cursor just after `}` is still "in" it, as it is after typing the brace).
 */
export function modelAt<M extends Pick<ModelOutline, 'range'>>(models: readonly M[], position: Position): M | undefined {
    return models.find(m => !before(position, m.range.start) && !before(m.range.end, position));
}
