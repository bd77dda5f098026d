/**
 * Keeps a model's description object from one version of a program to the next while the model
 * is unchanged, as the `.rnn` door's lowering cache does: the analysis cache is keyed by that
 * object, so that an edit analyses only the models it may have changed (the Python front end
 * makes new objects on every read). A model's description is made from the program's text up to
 * its last statement (the imports, constants and names it uses come before it): while that text,
 * the model's name and place and the Keras version are the same, so is the description.
 */
import type { DocumentDescription, ModelDescription } from '../../model/description.js';

export class ModelInterner {
    private previous = new Map<string, ModelDescription>();

    /** `textUpTo(line)`: a key of the program's text from its start to the end of that line. */
    keep(description: DocumentDescription, textUpTo: (line: number) => string): DocumentDescription {
        const version = String(description.keras?.version);
        const next = new Map<string, ModelDescription>();
        let changed = false;
        const models = description.models.map(model => {
            const key = [model.name, JSON.stringify(model.range), version, textUpTo(model.range.end.line)].join('\u0000');
            const kept = this.previous.get(key) ?? model;
            if (kept !== model) changed = true;
            next.set(key, kept);
            return kept;
        });
        this.previous = next;
        return changed ? { ...description, models } : description;
    }
}
