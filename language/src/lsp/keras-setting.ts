/**
 * When `rnnLens.keras` changes, every open document is analysed again under the new default:
 * its diagnostics are sent again, and clients that can refresh inlay hints and code lenses are
 * asked to (only those that declared the capability).
 */
import type { LangiumSharedServices } from 'langium/lsp';
import type { ClientCapabilities } from 'vscode-languageserver';
import type { RnnConfigurationProvider } from './configuration.js';
import { KERAS_SETTING, SETTINGS_SECTION } from './settings.js';

export function reanalyseOnKerasSetting(shared: LangiumSharedServices): void {
    let last: unknown;
    let capabilities: ClientCapabilities | undefined;
    shared.lsp.LanguageServer.onInitialize(params => { capabilities = params.capabilities; });
    const configuration = shared.workspace.ConfigurationProvider as RnnConfigurationProvider;
    const follow = (keras: unknown) => {
        if (keras === last) return;
        last = keras;
        const documents = shared.workspace.LangiumDocuments.all.map(d => d.uri).toArray();
        if (documents.length > 0) void shared.workspace.DocumentBuilder.update(documents, []).then(() => refreshViews(shared, capabilities));
    };
    // Documents opened while the settings were being fetched were analysed under the default.
    void configuration.ready.then(() => follow(configuration.current()?.[KERAS_SETTING]));
    configuration.onConfigurationSectionUpdate(update => {
        if (update.section === SETTINGS_SECTION) follow((update.configuration as Record<string, unknown> | undefined)?.[KERAS_SETTING]);
    });
}

function refreshViews(shared: LangiumSharedServices, capabilities: ClientCapabilities | undefined): void {
    const connection = shared.lsp.Connection;
    if (capabilities?.workspace?.inlayHint?.refreshSupport) void connection?.languages.inlayHint.refresh();
    if (capabilities?.workspace?.codeLens?.refreshSupport) void connection?.sendRequest('workspace/codeLens/refresh');
}
