/** Above each model: ▶ Train, Summary, Explain, Diagram, Export to Keras. The extension implements the commands. */
import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens } from 'vscode-languageserver';
import type { AnalysisCache } from './analysis-cache.js';
import type { ClientProfile } from './client-profile.js';

export const MODEL_COMMANDS = [
    { title: '▶ Train', command: 'rnnLens.train' },
    { title: 'Summary', command: 'rnnLens.showSummary' },
    { title: 'Explain', command: 'rnnLens.explain' },
    { title: 'Diagram', command: 'rnnLens.showDiagram' },
    { title: 'Export to Keras', command: 'rnnLens.exportKeras' }
] as const;

export class RnnCodeLensProvider implements CodeLensProvider {
    constructor(private readonly analyses: AnalysisCache, private readonly client: ClientProfile) {}

    provideCodeLens(document: LangiumDocument): CodeLens[] {
        const uri = document.textDocument.uri;
        // The commands are the VS Code extension's: a client that cannot run them gets no lens.
        const runnable = MODEL_COMMANDS.filter(({ command }) => this.client.runsCommand(command));
        return this.analyses.get(document).models.flatMap(model =>
            runnable.map(({ title, command }) => ({
                range: model.description.nameRange,
                command: { title, command, arguments: [uri, model.name] }
            })));
    }
}
