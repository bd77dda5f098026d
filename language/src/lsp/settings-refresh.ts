/**
 * After a change of the `rnnLens` settings, what the client shows from them is brought up to
 * date: inlay hints through workspace/inlayHint/refresh (only to a client that declared
 * refreshSupport; the others ask again on their next edit), and the open documents' diagnostics
 * by validating and publishing them again (every client takes publishDiagnostics).
 */
import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import type { ClientProfile } from './client-profile.js';
import { SETTINGS_SECTION } from './settings.js';

export function refreshOnSettingsChange(shared: LangiumSharedServices, client: ClientProfile): void {
    shared.workspace.ConfigurationProvider.onConfigurationSectionUpdate(update => {
        if (update.section !== SETTINGS_SECTION) return;
        const connection = shared.lsp.Connection;
        const open = shared.workspace.TextDocuments.all()
            .map(document => URI.parse(document.uri))
            .filter(uri => shared.ServiceRegistry.hasServices(uri));
        shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update(open, [], token))
            .then(() => {
                if (connection && client.inlayHintRefresh) return connection.languages.inlayHint.refresh();
                return undefined;
            })
            .catch(error => console.error('Refreshing after a settings change failed:', error));
    });
}
