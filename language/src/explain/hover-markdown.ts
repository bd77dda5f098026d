/**
 * Hover texts that teach: what a layer does, its input → output shape with the arithmetic,
 * the parameter formula, then the same with the numbers put in, then the result.
 * Plain Markdown built from the analysis, so that the CLI and the editor say the same.
 */
import type { LayerAnalysis, ModelAnalysis } from '../analysis/types.js';
import type { ArgSpec } from '../catalog/arg-spec.js';
import type { LayerKind, LayerOutcome } from '../catalog/layer-kind.js';
import { aliasNote } from '../catalog/index.js';
import { formatCount } from '../catalog/numbers.js';
import { formatShape, type Shape } from '../catalog/shape.js';
import { describeType } from '../model/check-value.js';
import { formatValue, type Value } from '../model/values.js';
import { kerasVersionName, type KerasVersion } from '../model/keras-version.js';
import { formatOutputs } from '../analysis/several-outputs.js';
import { UNKNOWN_INPUT, bulletList, paramTotal, paramsMarkdown, shapeMarkdown } from './layer-sections.js';

/** `keras`: the version the numbers follow, named under them; `callee`: the name the file wrote, when it is an alias of the kind (`MaxPool1D`). */
export function layerMarkdown(kind: LayerKind, layer: LayerAnalysis | undefined, outcome: LayerOutcome | undefined, input: Shape | undefined, title: string, keras?: KerasVersion, callee = kind.name): string {
    const parts = [`**${kind.name}** \`${title}\`: ${kind.summary}`];
    if (callee !== kind.name) parts.push(aliasNote(callee, kind));
    if (outcome && input) {
        parts.push(shapeMarkdown(input, outcome), ...paramsMarkdown(kind, outcome));
        if (outcome.notes.length > 0) parts.push(bulletList(outcome.notes));
        if (keras) parts.push(`_As ${kerasVersionName(keras)} builds it._`);
    } else if (layer && !layer.input) {
        parts.push(UNKNOWN_INPUT);
    }
    if (layer?.training) parts.push(trainingMarkdown(layer.training));
    return parts.join('\n\n');
}

/** The hover's training part: how ▶ Train trains this layer where stock tfjs would not be Keras. */
export function trainingMarkdown(note: string): string {
    return `**Training in RNN Lens**: ${note}`;
}

export function argumentMarkdown(owner: string, spec: ArgSpec, value: Value | undefined): string {
    const lines = [`**${owner}(${spec.name}=...)**: ${spec.doc}`, '', `- type: ${describeType(spec.type)}`];
    lines.push(spec.required ? '- required' : `- default: \`${formatValue(spec.default)}\``);
    if (value !== undefined) lines.push(`- here: \`${formatValue(value)}\``);
    return lines.join('\n');
}

export function constantMarkdown(name: string, value: Value | undefined, line: number): string {
    return value === undefined
        ? `**let ${name}**: its value cannot be computed (see the problems)`
        : `**let ${name}** = \`${formatValue(value)}\`\n\nDefined on line ${line + 1}.`;
}

export function modelMarkdown(model: ModelAnalysis): string {
    const { total, trainable, nonTrainable } = model.totals;
    return [
        `**model ${model.name}**: a ${kerasVersionName(model.keras)} Sequential model of ${model.layers.length} layer${model.layers.length === 1 ? '' : 's'}${model.input ? `, input \`${formatShape(model.input)}\`` : ', no input shape yet'}.`,
        '',
        summaryTableMarkdown(model),
        '',
        `Total params: ${formatCount(total)} · Trainable: ${formatCount(trainable)} · Non-trainable: ${formatCount(nonTrainable)}`
    ].join('\n');
}

/** The summary's rows as a Markdown table: `| lstm (LSTM) | \`(None, 30)\` | 3,840 |`; `?` where unknown. */
export function summaryTableMarkdown(model: ModelAnalysis): string {
    const rows = model.layers.map(l => `| ${l.name} (${l.kind}) | ${l.outputs ? `\`${formatOutputs(l.outputs)}\`` : l.output ? `\`${formatShape(l.output)}\`` : '?'} | ${l.params ? formatCount(paramTotal(l.params)) : '?'} |`);
    return ['| Layer (type) | Output Shape | Param # |', '|---|---|---:|', ...rows].join('\n');
}
