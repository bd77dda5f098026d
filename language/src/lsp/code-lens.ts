/** Above each model: ▶ Train, Summary, Explain, Diagram, Export to Keras. The extension implements the commands. */
import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens } from 'vscode-languageserver';
import type { AnalysisCache } from './analysis-cache.js';

export const MODEL_COMMANDS = [
    { title: '▶ Train', command: 'rnnLens.train' },
    { title: 'Summary', command: 'rnnLens.showSummary' },
    { title: 'Explain', command: 'rnnLens.explain' },
    { title: 'Diagram', command: 'rnnLens.showDiagram' },
    { title: 'Export to Keras', command: 'rnnLens.exportKeras' }
] as const;

export class RnnCodeLensProvider implements CodeLensProvider {
    constructor(private readonly analyses: AnalysisCache) {}

    provideCodeLens(document: LangiumDocument): CodeLens[] {
        const uri = document.textDocument.uri;
        return this.analyses.get(document).models.flatMap(model =>
            MODEL_COMMANDS.map(({ title, command }) => ({
                range: model.description.nameRange,
                command: { title, command, arguments: [uri, model.name] }
            })));
    }
}
