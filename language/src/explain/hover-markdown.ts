/**
 * Hover texts that teach: what a layer does, its input → output shape with the arithmetic,
 * the parameter formula, then the same with the numbers put in, then the result.
 * Plain Markdown built from the analysis, so that the CLI and the editor say the same.
 */
import type { LayerAnalysis, ModelAnalysis } from '../analysis/types.js';
import type { ArgSpec } from '../catalog/arg-spec.js';
import type { LayerKind, LayerOutcome } from '../catalog/layer-kind.js';
import { formatCount } from '../catalog/numbers.js';
import { formatShape, type Shape } from '../catalog/shape.js';
import { describeType } from '../model/check-value.js';
import { formatValue, type Value } from '../model/values.js';

export function layerMarkdown(kind: LayerKind, layer: LayerAnalysis | undefined, outcome: LayerOutcome | undefined, input: Shape | undefined, title: string): string {
    const parts = [`**${kind.name}** \`${title}\`: ${kind.summary}`];
    if (outcome && input) {
        parts.push(`**Shape** \`${formatShape(input)}\` → \`${formatShape(outcome.output)}\`\n\n${outcome.shapeSteps.map(s => `- ${s}`).join('\n')}`);
        const total = outcome.params.trainable + outcome.params.nonTrainable;
        if (outcome.formula) {
            const f = outcome.formula;
            const split = outcome.params.nonTrainable > 0 ? ` (${formatCount(outcome.params.trainable)} trainable, ${formatCount(outcome.params.nonTrainable)} non-trainable)` : '';
            parts.push(`**Parameters** ${formatCount(total)}${split}\n\n\`${f.symbolic} = ${f.substituted} = ${formatCount(total)}\`\n\n${f.legend.map(l => `- ${l}`).join('\n')}`);
        } else {
            parts.push('**Parameters** 0: this layer has no weights.');
        }
        if (outcome.inner && kind.name === 'Bidirectional') {
            const one = outcome.inner.params.trainable + outcome.inner.params.nonTrainable;
            parts.push(`**Both directions** forward ${formatCount(one)} + backward ${formatCount(one)} = ${formatCount(total)}`);
        }
        if (outcome.notes.length > 0) parts.push(outcome.notes.map(n => `- ${n}`).join('\n'));
    } else if (layer && !layer.input) {
        parts.push('_The input shape of this layer is unknown: see the problems above it._');
    }
    return parts.join('\n\n');
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
    const rows = model.layers.map(l => `| ${l.name} (${l.kind}) | ${l.output ? `\`${formatShape(l.output)}\`` : '?'} | ${l.params ? formatCount(l.params.trainable + l.params.nonTrainable) : '?'} |`);
    const { total, trainable, nonTrainable } = model.totals;
    return [
        `**model ${model.name}**: a Keras Sequential model of ${model.layers.length} layer${model.layers.length === 1 ? '' : 's'}${model.input ? `, input \`${formatShape(model.input)}\`` : ', no input shape yet'}.`,
        '',
        '| Layer (type) | Output Shape | Param # |',
        '|---|---|---:|',
        ...rows,
        '',
        `Total params: ${formatCount(total)} · Trainable: ${formatCount(trainable)} · Non-trainable: ${formatCount(nonTrainable)}`
    ].join('\n');
}
