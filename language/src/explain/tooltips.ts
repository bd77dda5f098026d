/** Short explanations of a layer's numbers: the tooltip of its inlay hints. */
import type { LayerAnalysis, ModelAnalysis } from '../analysis/types.js';
import { formatCount } from '../catalog/numbers.js';
import { formatShape } from '../catalog/shape.js';

/** `4 × [30 × (30 + 1) + 30] = 3,840` with its legend; for Bidirectional `2 × 1,920 = 3,840`. */
export function paramsLine(layer: LayerAnalysis): string | undefined {
    const outcome = layer.outcome;
    if (!outcome?.formula) return undefined;
    const total = outcome.params.trainable + outcome.params.nonTrainable;
    const f = outcome.formula;
    return `${f.symbolic} = ${f.substituted} = ${formatCount(total)}`;
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

export function totalsLabel(model: ModelAnalysis): string {
    const { total, trainable, nonTrainable } = model.totals;
    const base = `${formatCount(total)} params`;
    return nonTrainable === 0 ? base : `${base} (${formatCount(trainable)} trainable, ${formatCount(nonTrainable)} non-trainable)`;
}

export function totalsTooltip(model: ModelAnalysis): string {
    const rows = model.layers.filter(l => l.params).map(l => `${l.name}: ${formatCount(l.params!.trainable + l.params!.nonTrainable)}`);
    const sum = `${model.layers.filter(l => l.params).map(l => formatCount(l.params!.trainable + l.params!.nonTrainable)).join(' + ')} = ${formatCount(model.totals.total)}`;
    return [`Model "${model.name}"${model.output ? `: ${formatShape(model.input ?? [])} → ${formatShape(model.output)}` : ''}`, ...rows, sum,
        ...(model.complete ? [] : ['Some layers are unknown (see the problems): the total counts the known ones.'])].join('\n');
}
