/**
 * The one place that follows the `rnnLens` settings. The analysis reads them (the default Keras
 * version from `rnnLens.keras`, each code's level from `rnnLens.diagnostics`), so when they
 * arrive after start-up or change later, what the client shows from them is brought up to date:
 * the open documents are analysed and their diagnostics published again (every client takes
 * publishDiagnostics), and inlay hints and code lenses are refreshed only for a client that
 * declared refreshSupport (the others ask again on their next edit).
 */
import { URI } from 'langium';
import type { LangiumSharedServices } from 'langium/lsp';
import { readDiagnosticLevels } from '../analysis/diagnostic-levels.js';
import type { AnalysisCache } from './analysis-cache.js';
import type { ClientProfile } from './client-profile.js';
import type { RnnConfigurationProvider } from './configuration.js';
import { DIAGNOSTICS_SETTING, kerasSetting, SETTINGS_SECTION } from './settings.js';
import { servedByLangium } from './served-uri.js';

export function refreshOnSettingsChange(shared: LangiumSharedServices, client: ClientProfile, analyses: AnalysisCache): void {
    const configuration = shared.workspace.ConfigurationProvider as RnnConfigurationProvider;
    const refresh = (always: boolean) => {
        const settings = configuration.current();
        // Documents opened before the settings came were analysed under the defaults.
        const changed = analyses.useSettings({ keras: kerasSetting(settings), levels: readDiagnosticLevels(settings?.[DIAGNOSTICS_SETTING]).levels });
        if (!always && !changed) return;
        const connection = shared.lsp.Connection;
        const open = shared.workspace.TextDocuments.all()
            .map(document => URI.parse(document.uri))
            .filter(uri => servedByLangium(shared, uri));
        shared.workspace.WorkspaceLock.write(token => shared.workspace.DocumentBuilder.update(open, [], token))
            .then(async () => {
                if (!connection) return;
                if (client.inlayHintRefresh) await connection.languages.inlayHint.refresh();
                if (client.codeLensRefresh) await connection.sendRequest('workspace/codeLens/refresh');
            })
            .catch(error => console.error('Refreshing after a settings change failed:', error));
    };
    void configuration.ready.then(() => refresh(false));
    // Any change of the section may change hints (rnnLens.inlayHints.*) as well as the analysis.
    configuration.onConfigurationSectionUpdate(update => {
        if (update.section === SETTINGS_SECTION) refresh(true);
    });
}

