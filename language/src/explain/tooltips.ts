/** Short explanations of a layer's numbers: the tooltip of its inlay hints. */
import type { LayerAnalysis, ModelAnalysis } from '../analysis/types.js';
import { formatCount, paramTotalText } from '../catalog/numbers.js';
import { formatShape } from '../catalog/shape.js';
import { countedLayers, formulaEquation, paramSum, trainableSplit } from './layer-sections.js';

/** `4 × [30 × (30 + 1) + 30] = 3,840` with its legend; for Bidirectional `2 × 1,920 = 3,840`. */
export function paramsLine(layer: LayerAnalysis): string | undefined {
    return layer.outcome && formulaEquation(layer.outcome);
}

export function layerTooltip(layer: LayerAnalysis): string {
    const outcome = layer.outcome;
    if (!outcome || !layer.input || !layer.output) return '';
    const lines = [`${layer.name} (${layer.kind}): ${formatShape(layer.input)} → ${formatShape(layer.output)}`];
    lines.push(...outcome.shapeSteps);
    const params = paramsLine(layer);
    if (params) lines.push(params, ...outcome.formula!.legend);
    else lines.push('no weights: 0 params');
    return lines.join('\n');
}

/** `3,890 params`, `≥ 3,859 params` when some layers are unknown (numbers.ts), with the trainable split. */
export function totalsLabel(model: ModelAnalysis): string {
    return `${paramTotalText(model.totals.total, model.complete)}${trainableSplit(model.totals)}`;
}

export function totalsTooltip(model: ModelAnalysis): string {
    const rows = countedLayers(model).map(l => `${l.name}: ${formatCount(l.count)}`);
    return [`Model "${model.name}"${model.output ? `: ${formatShape(model.input ?? [])} → ${formatShape(model.output)}` : ''}`, ...rows, paramSum(model),
        ...(model.complete ? [] : ['Some layers are unknown (see the problems): the total counts the known ones.'])].join('\n');
}
