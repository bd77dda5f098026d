/** Langium fetches settings by section; RNN Lens's settings live under `rnnLens`, not the language id. */
import { DefaultConfigurationProvider } from 'langium';
import { SETTINGS_SECTION } from './settings.js';

export class RnnConfigurationProvider extends DefaultConfigurationProvider {
    protected override toSectionName(): string {
        return SETTINGS_SECTION;
    }

    /**
     * The `rnnLens` settings as last fetched or pushed, without waiting: the analysis reads the
     * default Keras version from here synchronously (a change re-analyses every open document).
     */
    current(): Readonly<Record<string, unknown>> | undefined {
        return this.settings[SETTINGS_SECTION] as Record<string, unknown> | undefined;
    }
}
