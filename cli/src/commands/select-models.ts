/** The models a command acts on, by `--model NAME`; an unknown name lists the file's models. */
import type { DocumentAnalysis, ModelAnalysis } from '../../../language/src/index.js';
import { CliError } from '../io.js';

/** The named model, or every model when no name is given. */
export function selectModels(analysis: DocumentAnalysis, name: string | undefined, file: string): readonly ModelAnalysis[] {
    if (name === undefined) return analysis.models;
    const models = analysis.models.filter(m => m.name === name);
    if (models.length === 0) throw new CliError(`no model named "${name}" in ${file}; its models are: ${modelNames(analysis)}.`);
    return models;
}

/** One model: the named one, or the file's only one. */
export function selectOneModel(analysis: DocumentAnalysis, name: string | undefined, file: string): ModelAnalysis {
    const models = selectModels(analysis, name, file);
    if (models.length === 1) return models[0];
    throw new CliError(models.length === 0
        ? `${file} has no model.`
        : `${file} has ${models.length} models: choose one with --model NAME (${modelNames(analysis)}).`);
}

function modelNames(analysis: DocumentAnalysis): string {
    return analysis.models.length > 0 ? analysis.models.map(m => m.name).join(', ') : '(none)';
}

/** Exit code 1 when the file has errors (the output still shows what can be known), else 0. */
export function errorExitCode(analysis: DocumentAnalysis): number {
    return analysis.diagnostics.some(d => d.severity === 'error') ? 1 : 0;
}
