/**
 * Langium's service registry, with the documents the client calls Python left out: their language
 * is served by the Python door (python-door.ts), never parsed as `.rnn`, whatever their file
 * name. Langium's handlers, builder and the protocol guard all ask this registry, so one rule
 * decides for all of them.
 */
import { DefaultServiceRegistry, type LangiumCoreServices, type URI } from 'langium';
import { isPythonDocument } from './python-door.js';

export class RnnServiceRegistry extends DefaultServiceRegistry {
    override getServices(uri: URI): LangiumCoreServices {
        if (isPythonDocument(this.textDocuments?.get(uri))) throw new Error(`${uri.toString()} is a Python document: the Python door serves it.`);
        return super.getServices(uri);
    }
}
