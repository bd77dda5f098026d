/** Applies LSP-style text edits (0-based line/character ranges) to a text, as an editor would. */
import type { TextEdit } from '../../language/src/model/diagnostic.js';
import type { Position } from '../../language/src/model/source.js';

/** The offset of a position in `text`; throws when the position is outside the text. */
export function offsetAt(text: string, position: Position): number {
    let offset = 0;
    for (let line = 0; line < position.line; line++) {
        const next = text.indexOf('\n', offset);
        if (next < 0) throw new Error(`line ${position.line} is past the end of the text`);
        offset = next + 1;
    }
    const lineEnd = text.indexOf('\n', offset);
    const length = (lineEnd < 0 ? text.length : lineEnd) - offset;
    if (position.character > length) throw new Error(`character ${position.character} is past the end of line ${position.line} (${length} characters)`);
    return offset + position.character;
}

/**
 * Applies the edits of one fix. As in LSP, every range refers to the original text and the
 * edits must not overlap; they are applied from the last to the first.
 */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
    const resolved = edits
        .map(edit => ({ start: offsetAt(text, edit.range.start), end: offsetAt(text, edit.range.end), newText: edit.newText }))
        .sort((a, b) => b.start - a.start || b.end - a.end);
    for (let i = 1; i < resolved.length; i++) {
        if (resolved[i].end > resolved[i - 1].start) throw new Error('overlapping edits');
    }
    let result = text;
    for (const edit of resolved) {
        if (edit.end < edit.start) throw new Error('an edit ends before it starts');
        result = result.slice(0, edit.start) + edit.newText + result.slice(edit.end);
    }
    return result;
}
