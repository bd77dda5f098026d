/**
 * Runs one layer of the catalog on an input shape: the rank check, the kind's own rule, the
 * wrapped layer for wrappers, and `trainable=False` (as the target Keras applies it). Problems become diagnostics on the
 * narrowest range: the argument at fault, or the layer's name.
 */
import { findLayerKind } from '../catalog/index.js';
import { freezesWeights } from '../catalog/trainable.js';
import { isLayerError, type LayerIssue, type LayerOutcome, type LayerResult } from '../catalog/layer-kind.js';
import { formatShape, type Shape } from '../catalog/shape.js';
import type { LayerDescription } from '../model/description.js';
import { diagnostic, DIAGNOSTIC_SEVERITIES, type QuickFix, type RnnDiagnostic } from '../model/diagnostic.js';
import { addArgumentEdit } from '../model/edits.js';
import { DEFAULT_KERAS_VERSION, type KerasVersion } from '../model/keras-version.js';

export interface ComputeOutcome {
    readonly result: LayerResult;
    readonly diagnostics: readonly RnnDiagnostic[];
    /** How RNN Lens trains the layer where stock tfjs would train something else (the kind's tfjsNote). */
    readonly training?: string;
}

/** `kerasName` is the layer's name in messages (Keras quotes it in its errors). */
export function computeLayer(layer: LayerDescription, input: Shape, kerasName: string, keras: KerasVersion = DEFAULT_KERAS_VERSION): ComputeOutcome {
    const diagnostics: RnnDiagnostic[] = [];
    const reported = new Set<LayerIssue>();
    // Not a problem of the user's model but an engine detail: told in the hover and the panel.
    let training: string | undefined;
    const result = run(layer, input, kerasName);
    return training ? { result, diagnostics, training } : { result, diagnostics };

    function run(call: LayerDescription, shape: Shape, name: string): LayerResult {
        const kind = findLayerKind(call.kind)!;
        const { min, max } = kind.inputRank;
        if (shape.length < min || (max !== undefined && shape.length > max)) {
            const expected = max === min ? `ndim=${min}` : `min_ndim=${min}`;
            const issue: LayerIssue = {
                code: 'incompatible-rank',
                message: `${call.kind} expects a ${rankWords(min, max)} input but gets ${formatShape(shape)}. Keras: "Input 0 of layer "${name}" is incompatible with the layer: expected ${expected}, found ndim=${shape.length}. Full shape received: ${formatShape(shape)}".`
            };
            const error = { error: issue };
            // The wrapped layer's result is reported by computeInner; the layer's own here.
            if (call === layer) report(call, error);
            return error;
        }
        const innerCall = call.inner;
        const secondCall = call.second;
        const wrapped = (nested: LayerDescription) => (nestedShape: Shape) => {
            const inner = run(nested, nestedShape, name);
            report(nested, inner);
            return inner;
        };
        const items = call.items;
        const result = kind.compute({
            input: shape,
            args: call.args,
            keras,
            innerKind: innerCall ? findLayerKind(innerCall.kind) : undefined,
            computeInner: innerCall ? wrapped(innerCall) : undefined,
            ...(secondCall ? { secondKind: findLayerKind(secondCall.kind), computeSecond: wrapped(secondCall) } : {}),
            ...(items ? { itemKinds: items.map(item => findLayerKind(item.kind)), computeItems: items.map(wrapped) } : {})
        });
        if (call === layer) report(call, result);
        if (isLayerError(result)) return result;
        training ??= kind.tfjsNote?.(call.args);
        // The batch dimension passes through every layer unchanged (a fixed batch_size stays fixed).
        const batched = result.output[0] === shape[0] ? result : { ...result, output: [shape[0], ...result.output.slice(1)] };
        return freezesWeights(kind, call.args, keras) ? frozen(batched) : batched;
    }

    function report(call: LayerDescription, result: LayerResult): void {
        const issues = isLayerError(result) ? [result.error] : result.warnings;
        for (const issue of issues) {
            if (reported.has(issue)) continue;
            reported.add(issue);
            const range = (issue.argument && call.valueRanges[issue.argument]) || call.nameRange;
            const base = diagnostic(issue.code, issue.message, range, fixesFor(call, issue));
            diagnostics.push(issue.severity && issue.severity !== DIAGNOSTIC_SEVERITIES[issue.code] ? { ...base, severity: issue.severity } : base);
        }
    }
}

function rankWords(min: number, max: number | undefined): string {
    if (min === 3 && max === 3) return '3D (batch, steps, features)';
    if (max === min) return `${min}D`;
    return `${min}D or higher`;
}

function fixesFor(call: LayerDescription, issue: LayerIssue): QuickFix[] {
    const value = issue.argument === undefined ? undefined : call.valueRanges[issue.argument];
    if (issue.nearest !== undefined && value) return [{ title: `Change to ${issue.nearest}`, edits: [{ range: value, newText: issue.nearest }], preferred: true }];
    if (issue.code !== 'pooling-drops-steps') return [];
    const edit = call.given.includes('padding')
        ? { range: call.valueRanges.padding, newText: '"same"' }
        : addArgumentEdit(call, 'padding="same"');
    return edit ? [{ title: 'Use padding="same" to keep every step', edits: [edit], preferred: true }] : [];
}

/** `trainable=False`: the same weights, all counted as non-trainable (as Keras's summary does). */
function frozen(outcome: LayerOutcome): LayerOutcome {
    const all = outcome.params.trainable + outcome.params.nonTrainable;
    return {
        ...outcome,
        params: { trainable: 0, nonTrainable: all },
        notes: [...outcome.notes, 'trainable=False: its weights stay as they are in training, so they count as non-trainable.']
    };
}
