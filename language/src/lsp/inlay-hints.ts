/**
 * Inlay hints, as rust-analyzer shows types: after each layer call its output shape and
 * parameter count, exactly as Keras prints them; after each model's name its totals.
 * Short labels, the explanation in the tooltip, each kind switchable in the settings.
 */
import type { ConfigurationProvider, LangiumDocument } from 'langium';
import type { InlayHintProvider } from 'langium/lsp';
import { InlayHintKind, type InlayHint, type InlayHintParams } from 'vscode-languageserver';
import type { DocumentAnalysis, LayerAnalysis, ModelAnalysis } from '../analysis/types.js';
import { formatCount } from '../catalog/numbers.js';
import { formatShape } from '../catalog/shape.js';
import { layerTooltip, totalsLabel, totalsTooltip } from '../explain/tooltips.js';
import type { Position, SourceRange } from '../model/source.js';
import type { AnalysisCache } from './analysis-cache.js';
import { inlayHintSettings, type InlayHintSettings } from './settings.js';

export class RnnInlayHintProvider implements InlayHintProvider {
    constructor(private readonly analyses: AnalysisCache, private readonly configuration: ConfigurationProvider) {}

    async getInlayHints(document: LangiumDocument, params: InlayHintParams): Promise<InlayHint[]> {
        const settings = await inlayHintSettings(this.configuration);
        // In a .rnn file the totals follow the model's name: `model Forecast  3,840 params {`.
        return inlayHintsOf(this.analyses.get(document), params.range, settings, model => model.description.nameRange.end);
    }
}

/**
 * The hints of a document's models within `range`, for either door: each layer's after its call,
 * each model's totals at `totalsAt` (after the name in `.rnn`, after the creating line in Python).
 */
export function inlayHintsOf(analysis: DocumentAnalysis, range: SourceRange, settings: InlayHintSettings, totalsAt: (model: ModelAnalysis) => Position): InlayHint[] {
    const hints: InlayHint[] = [];
    for (const model of analysis.models) {
        if (!overlaps(model.description.range, range)) continue;
        if (settings.totals && model.layers.length > 0) {
            hints.push({
                position: totalsAt(model),
                label: totalsLabel(model),
                paddingLeft: true,
                tooltip: totalsTooltip(model)
            });
        }
        for (const layer of model.layers) {
            if (overlaps(layer.description.range, range)) hints.push(...layerHints(layer, settings));
        }
    }
    return hints;
}

function layerHints(layer: LayerAnalysis, settings: InlayHintSettings): InlayHint[] {
    if (!layer.output || !layer.params) return [];
    const position = layer.description.range.end;
    const tooltip = layerTooltip(layer);
    const hints: InlayHint[] = [];
    if (settings.shapes) {
        hints.push({
            position,
            label: (layer.outputs ?? [layer.output]).map(o => formatShape(o, { hideBatch: !settings.batchDimension })).join(', '),
            kind: InlayHintKind.Type,
            paddingLeft: true,
            tooltip
        });
    }
    if (settings.params) {
        const total = layer.params.trainable + layer.params.nonTrainable;
        hints.push({
            position,
            label: `${formatCount(total)} params`,
            kind: InlayHintKind.Parameter,
            paddingLeft: true,
            tooltip: layer.outcome?.inner && layer.kind === 'Bidirectional'
                ? `2 × ${formatCount(layer.outcome.inner.params.trainable + layer.outcome.inner.params.nonTrainable)} = ${formatCount(total)} (forward and backward)\n${tooltip}`
                : tooltip
        });
    }
    return hints;
}

function overlaps(a: SourceRange, b: SourceRange): boolean {
    return !(a.end.line < b.start.line || a.start.line > b.end.line);
}
