/** Text edits on calls, for quick fixes: add an argument, remove one. */
import type { BoundCall } from './description.js';
import type { TextEdit } from './diagnostic.js';

/** Adds `text` (e.g. `return_sequences=True`) as the call's last argument. */
export function addArgumentEdit(call: BoundCall, text: string): TextEdit | undefined {
    const close = call.syntax.closeParen;
    if (!close) return undefined;
    const newText = call.syntax.argumentCount === 0 ? text : call.syntax.trailingComma ? ` ${text}` : `, ${text}`;
    return { range: { start: close, end: close }, newText };
}

/** Removes a given argument with the comma that separates it from its neighbour. */
export function removeArgumentEdit(call: BoundCall, name: string): TextEdit | undefined {
    const index = call.given.indexOf(name);
    const range = call.argRanges[name];
    if (index < 0 || !range) return undefined;
    const next = call.argRanges[call.given[index + 1]];
    const previous = call.argRanges[call.given[index - 1]];
    if (next) return { range: { start: range.start, end: next.start }, newText: '' };
    if (previous) return { range: { start: previous.end, end: range.end }, newText: '' };
    return { range, newText: '' };
}
