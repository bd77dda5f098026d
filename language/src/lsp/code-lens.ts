/** Above each model: ▶ Train, Summary, Explain, Diagram, Export to Keras. The extension implements the commands. */
import type { LangiumDocument } from 'langium';
import type { CodeLensProvider } from 'langium/lsp';
import type { CodeLens } from 'vscode-languageserver';
import type { DocumentAnalysis, ModelAnalysis } from '../analysis/types.js';
import type { SourceRange } from '../model/source.js';
import type { AnalysisCache } from './analysis-cache.js';
import type { ClientProfile } from './client-profile.js';

export const MODEL_COMMANDS = [
    { title: '▶ Train', command: 'rnnLens.train' },
    { title: 'Summary', command: 'rnnLens.showSummary' },
    { title: 'Explain', command: 'rnnLens.explain' },
    { title: 'Diagram', command: 'rnnLens.showDiagram' },
    { title: 'Export to Keras', command: 'rnnLens.exportKeras' }
] as const;

export interface ModelCommand {
    readonly title: string;
    readonly command: string;
}

export class RnnCodeLensProvider implements CodeLensProvider {
    constructor(private readonly analyses: AnalysisCache, private readonly client: ClientProfile) {}

    provideCodeLens(document: LangiumDocument): CodeLens[] {
        const uri = document.textDocument.uri;
        return modelLenses(this.analyses.get(document), MODEL_COMMANDS, this.client, model => ({ uri, range: model.description.nameRange }));
    }
}

/**
 * The lenses above each model, for either door: `place` says in which document (a notebook's
 * cell) and where; the commands get that document's URI and the model's name.
 */
export function modelLenses(
    analysis: DocumentAnalysis, commands: readonly ModelCommand[], client: ClientProfile,
    place: (model: ModelAnalysis) => { uri: string; range: SourceRange } | undefined
): CodeLens[] {
    // The commands are the VS Code extension's: a client that cannot run them gets no lens.
    const runnable = commands.filter(({ command }) => client.runsCommand(command));
    return analysis.models.flatMap(model => {
        const at = place(model);
        return at ? runnable.map(({ title, command }) => ({ range: at.range, command: { title, command, arguments: [at.uri, model.name] } })) : [];
    });
}
