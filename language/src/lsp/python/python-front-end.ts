/**
 * The Python door's front end as the server calls it: a Python program's text → the plain model
 * description the `.rnn` lowering makes, its ranges in the program's text. The front end itself
 * is the language core's (language/src/python, the `pydoor` line of work); this is the one place
 * the server reaches it.
 */
import type { DocumentDescription } from '../../model/description.js';

export type DescribePython = (text: string) => DocumentDescription;

const NOTHING: DocumentDescription = { constants: [], models: [], diagnostics: [] };

/**
 * Code that never names `Sequential` holds no Sequential model: it is not parsed at all, so that
 * the Python that is not Keras (most of it) costs nothing and gets nothing.
 */
export function mayHoldModel(text: string): boolean {
    return text.includes('Sequential');
}

/** Until the Python front end lands on this branch: no model is found (see the report). */
export const describePython: DescribePython = () => NOTHING;
