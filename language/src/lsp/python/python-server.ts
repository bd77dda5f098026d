/**
 * Puts the Python door on the connection (both the Node and the browser server call this): the
 * notebook sync, the door's feature handlers, the diagnostics again after a settings change, and
 * for a client that registers features at run time (VS Code), the features served for Python
 * registered with Python's document selector only, so that the client asks RNN Lens for nothing
 * else in Python (no completion, symbols, formatting or semantic tokens beside Pylance's).
 */
import type { LangiumSharedServices } from 'langium/lsp';
import {
    CodeActionKind, CodeActionRequest, CodeLensRequest, DidChangeTextDocumentNotification, DidCloseTextDocumentNotification,
    DidOpenTextDocumentNotification, HoverRequest, InlayHintRequest, TextDocumentSyncKind, type Connection
} from 'vscode-languageserver';
import type { RnnConfigurationProvider } from '../configuration.js';
import type { RnnLensServices } from '../rnn-lens-module.js';
import { SETTINGS_SECTION } from '../settings.js';
import { registerPythonFeatures } from './python-features.js';
import { PYTHON_DOCUMENTS, PYTHON_FILES } from './python-selectors.js';

export function registerPythonDoor(connection: Connection, shared: LangiumSharedServices, services: RnnLensServices): void {
    const door = services.python.Door;
    const client = services.client.Profile;
    door.listen(connection);
    registerPythonFeatures(connection, door, client, shared.workspace.ConfigurationProvider);
    const configuration = shared.workspace.ConfigurationProvider as RnnConfigurationProvider;
    // After settings-refresh.ts (registered first) has given the analysis the new settings.
    void configuration.ready.then(() => door.republishAll());
    configuration.onConfigurationSectionUpdate(update => {
        if (update.section === SETTINGS_SECTION) door.republishAll();
    });
    shared.lsp.LanguageServer.onInitialized(() => {
        const registrations: Array<Promise<unknown>> = [];
        if (client.dynamicRegistration('synchronization')) {
            registrations.push(
                connection.client.register(DidOpenTextDocumentNotification.type, { documentSelector: PYTHON_FILES }),
                connection.client.register(DidChangeTextDocumentNotification.type, { documentSelector: PYTHON_FILES, syncKind: TextDocumentSyncKind.Incremental }),
                connection.client.register(DidCloseTextDocumentNotification.type, { documentSelector: PYTHON_FILES })
            );
        }
        if (client.dynamicRegistration('hover')) registrations.push(connection.client.register(HoverRequest.type, { documentSelector: PYTHON_DOCUMENTS }));
        if (client.dynamicRegistration('inlayHint')) registrations.push(connection.client.register(InlayHintRequest.type, { documentSelector: PYTHON_DOCUMENTS }));
        if (client.dynamicRegistration('codeAction')) {
            registrations.push(connection.client.register(CodeActionRequest.type, { documentSelector: PYTHON_DOCUMENTS, codeActionKinds: [CodeActionKind.QuickFix] }));
        }
        if (client.dynamicRegistration('codeLens')) registrations.push(connection.client.register(CodeLensRequest.type, { documentSelector: PYTHON_DOCUMENTS }));
        Promise.all(registrations).catch(error => console.error(`RNN Lens: registering the Python features failed: ${error instanceof Error ? error.message : String(error)}`));
    });
}
