/** Langium fetches settings by section; RNN Lens's settings live under `rnnLens`, not the language id. */
import { DefaultConfigurationProvider } from 'langium';
import { SETTINGS_SECTION } from './settings.js';

export class RnnConfigurationProvider extends DefaultConfigurationProvider {
    protected override toSectionName(): string {
        return SETTINGS_SECTION;
    }
}
