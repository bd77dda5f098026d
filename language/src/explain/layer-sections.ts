/**
 * The pieces of a layer's explanation that the hover, the inlay-hint tooltips, the walk-through
 * and the diagram share: the parameter count and its split, the formula with the values put in,
 * and the shape arithmetic. Each is written once here from the analysis; no piece computes a
 * shape or a count of its own.
 */
import type { ModelAnalysis } from '../analysis/types.js';
import type { LayerKind, LayerOutcome, ParamCount } from '../catalog/layer-kind.js';
import { formatCount } from '../catalog/numbers.js';
import { formatShape, type Shape } from '../catalog/shape.js';

/** Every weight of the layer, trainable or not: the summary's `Param #`. */
export function paramTotal(params: ParamCount): number {
    return params.trainable + params.nonTrainable;
}

/** ` (0 trainable, 3,840 non-trainable)` when some weights are frozen, else nothing. */
export function trainableSplit(params: ParamCount): string {
    return params.nonTrainable > 0 ? ` (${formatCount(params.trainable)} trainable, ${formatCount(params.nonTrainable)} non-trainable)` : '';
}

/** `g × [h(h + i) + h] = 4 × [30 × (30 + 1) + 30] = 3,840`; undefined for a layer without weights. */
export function formulaEquation(outcome: LayerOutcome): string | undefined {
    const f = outcome.formula;
    return f && `${f.symbolic} = ${f.substituted} = ${formatCount(paramTotal(outcome.params))}`;
}

/** What the hover and the walk-through say for a layer after one Keras cannot build. */
export const UNKNOWN_INPUT = '_The input shape of this layer is unknown: see the problems above it._';

export function bulletList(lines: readonly string[]): string {
    return lines.map(line => `- ${line}`).join('\n');
}

/** Words after a shape, e.g. `(None, 21, 9)` → `21 time steps × 9 features`; none by default. */
export type ShapeWords = (shape: Shape) => string | undefined;

/** `**Shape** \`(None, 21, 9)\` → \`(None, 20, 3)\`` and the arithmetic of each step. */
export function shapeMarkdown(input: Shape, outcome: LayerOutcome, words: ShapeWords = () => undefined): string {
    const shown = (shape: Shape) => {
        const said = words(shape);
        return `\`${formatShape(shape)}\`${said ? ` (${said})` : ''}`;
    };
    return `**Shape** ${shown(input)} → ${shown(outcome.output)}\n\n${bulletList(outcome.shapeSteps)}`;
}

/** The count, the formula with its values and its legend; for Bidirectional, the two directions added up. */
export function paramsMarkdown(kind: LayerKind, outcome: LayerOutcome): string[] {
    const total = paramTotal(outcome.params);
    const equation = formulaEquation(outcome);
    const parts = [equation
        ? `**Parameters** ${formatCount(total)}${trainableSplit(outcome.params)}\n\n\`${equation}\`\n\n${bulletList(outcome.formula!.legend)}`
        : '**Parameters** 0: this layer has no weights.'];
    if (outcome.inner && kind.name === 'Bidirectional') {
        const one = paramTotal(outcome.inner.params);
        parts.push(`**Both directions** forward ${formatCount(one)} + backward ${formatCount(one)} = ${formatCount(total)}`);
    }
    return parts;
}

/** The layers whose count is known, with their counts. */
export function countedLayers(model: ModelAnalysis): Array<{ readonly name: string; readonly count: number }> {
    return model.layers.flatMap(l => (l.params ? [{ name: l.name, count: paramTotal(l.params) }] : []));
}

/** `57 + 0 + 1,020 + 0 + 31 = 1,108`: the layers' counts added up to the model's total. */
export function paramSum(model: ModelAnalysis): string {
    return `${countedLayers(model).map(l => formatCount(l.count)).join(' + ')} = ${formatCount(model.totals.total)}`;
}
