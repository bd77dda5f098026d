/** Which model an export writes, and whether it can: Keras would have to build it. */
import type { DocumentAnalysis, ModelAnalysis } from '../analysis/types.js';

/** A model that cannot be exported, or a name that is not a model: the message says which. */
export class ExportError extends Error {}

/** The model called `name`, or the only model of the file when no name is given. */
export function modelToExport(analysis: DocumentAnalysis, name: string | undefined, file: string): ModelAnalysis {
    const names = analysis.models.map(m => m.name);
    const list = names.length > 0 ? names.join(', ') : '(none)';
    if (name === undefined) {
        if (analysis.models.length === 1) return analysis.models[0];
        throw new ExportError(`${file} has ${names.length === 0 ? 'no models' : `${names.length} models`}; choose one with --model NAME (its models: ${list}).`);
    }
    const model = analysis.models.find(m => m.name === name);
    if (!model) throw new ExportError(`no model named "${name}" in ${file}; its models are: ${list}.`);
    return model;
}

/** The errors inside the model's text (or that leave its shapes unknown), as `line:col code message`. */
export function exportBlockers(analysis: DocumentAnalysis, model: ModelAnalysis): string[] {
    const { start, end } = model.description.range;
    const within = analysis.diagnostics.filter(d => d.range.start.line >= start.line && d.range.end.line <= end.line);
    const inside = within.filter(d => d.severity === 'error');
    const lines = inside.map(d => `${d.range.start.line + 1}:${d.range.start.character + 1} ${d.code} ${d.message}`);
    // A Lambda without output_shape leaves the shapes after it unknown to RNN Lens, not to Keras: the code is fine.
    const lambda = within.some(d => d.code === 'unknown-output-shape');
    if (lines.length === 0 && !model.complete && !lambda) lines.push(`model "${model.name}" has layers whose shapes are unknown (see rnn-lens check).`);
    return lines;
}
