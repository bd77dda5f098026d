/**
 * The `rnnLens` settings, as each client can give them. Langium fetches settings by section (RNN
 * Lens's live under `rnnLens`, not the language id) and registers for their changes; here the
 * registration goes only to a client that declared dynamic registration for
 * workspace/didChangeConfiguration (Neovim and eglot do not, and warn), and a change notification
 * that carries no `rnnLens` settings (VS Code's pull model sends `settings: null`) makes the server
 * ask for them again, where the client answers workspace/configuration.
 */
import { DefaultConfigurationProvider, type ConfigurationInitializedParams } from 'langium';
import type { ConfigurationItem, DidChangeConfigurationParams, InitializeParams } from 'vscode-languageserver';
import { SETTINGS_SECTION } from './settings.js';

export class RnnConfigurationProvider extends DefaultConfigurationProvider {
    private dynamicRegistration = false;
    private fetch: ((items: ConfigurationItem[]) => Promise<unknown[]>) | undefined;

    override initialize(params: InitializeParams): void {
        super.initialize(params);
        this.dynamicRegistration = params.capabilities?.workspace?.didChangeConfiguration?.dynamicRegistration === true;
    }

    override async initialized(params: ConfigurationInitializedParams): Promise<void> {
        this.fetch = this.workspaceConfig ? params.fetchConfiguration : undefined;
        await super.initialized(this.dynamicRegistration ? params : { ...params, register: undefined });
    }

    override updateConfiguration(change: DidChangeConfigurationParams): void {
        const settings: unknown = change?.settings;
        const given = isObject(settings) ? settings[SETTINGS_SECTION] : undefined;
        if (isObject(given)) {
            super.updateConfiguration({ settings: { [SETTINGS_SECTION]: given } });
        } else if (this.fetch) {
            this.fetch([{ section: SETTINGS_SECTION }])
                .then(([fetched]) => super.updateConfiguration({ settings: { [SETTINGS_SECTION]: isObject(fetched) ? fetched : {} } }))
                .catch(error => console.error('The client did not answer workspace/configuration:', error));
        }
    }

    protected override toSectionName(): string {
        return SETTINGS_SECTION;
    }

    /**
     * The `rnnLens` settings as last fetched or pushed, without waiting: lsp/settings-refresh.ts
     * hands them to the analysis as soon as they arrive or change.
     */
    current(): Readonly<Record<string, unknown>> | undefined {
        return this.settings[SETTINGS_SECTION] as Record<string, unknown> | undefined;
    }
}

function isObject(value: unknown): value is Record<string, unknown> {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
