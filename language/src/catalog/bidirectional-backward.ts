/**
 * Bidirectional with its own `backward_layer`: Keras checks that the two directions read the
 * sequence opposite ways and agree on what they return, adds both layers' parameters, and
 * prints the output shape of the forward layer (doubled by "concat") whatever the backward
 * layer's size: the summary can then disagree with the tensor that comes out. Keras 2 (tf_keras
 * 2.21) builds on the real tensors instead: concat gives forward + backward units, and the other
 * merge modes refuse two sizes.
 */
import { isCall, type Value } from '../model/values.js';
import type { KerasVersion } from '../model/keras-version.js';
import { fail, type LayerKind, type LayerOutcome, type LayerResult } from './layer-kind.js';
import { formatCount } from './numbers.js';
import { formatShape, lastDim, withLastDim } from './shape.js';

/** The keyword arguments of a wrapped layer's call; the attributes checked all default to False. */
function keywordsOf(call: Value | undefined): Readonly<Record<string, Value>> {
    return call !== undefined && isCall(call) ? call.keywords : {};
}

const py = (value: Value | undefined) => (value === true ? 'True' : 'False');

/** The layers' own `go_backwards`, `stateful`, `return_sequences`, `return_state`: Keras's checks, its words. */
function mismatch(forward: Readonly<Record<string, Value>>, backward: Readonly<Record<string, Value>>) {
    if ((forward.go_backwards === true) === (backward.go_backwards === true)) {
        return fail('invalid-argument',
            `The backward layer must read the sequence the other way: give it go_backwards=${py(!(forward.go_backwards === true))}. Keras: "Forward layer and backward layer should have different \`go_backwards\` value. Received: forward_layer.go_backwards ${py(forward.go_backwards)}, backward_layer.go_backwards=${py(backward.go_backwards)}".`,
            'backward_layer');
    }
    for (const attribute of ['stateful', 'return_sequences', 'return_state']) {
        if ((forward[attribute] === true) !== (backward[attribute] === true)) {
            return fail('invalid-argument',
                `The two directions must agree on ${attribute}. Keras: "Forward layer and backward layer are expected to have the same value for attribute "${attribute}", got "${py(forward[attribute])}" for forward layer and "${py(backward[attribute])}" for backward layer".`,
                'backward_layer');
        }
    }
    return undefined;
}

export function withBackwardLayer(
    args: Readonly<Record<string, Value>>,
    forward: LayerOutcome, forwardKind: LayerKind, backward: LayerOutcome, backwardKind: LayerKind, keras?: KerasVersion
): LayerResult {
    const problem = mismatch(keywordsOf(args.layer), keywordsOf(args.backward_layer));
    if (problem) return problem;
    const mode = args.merge_mode as string;
    const f = lastDim(forward.output);
    const b = lastDim(backward.output);
    // Keras 2 builds the model on the real tensor: a concat of both sizes, and a value-by-value merge
    // of two sizes fails while building. Keras 3's compute_output_shape looks at the forward layer only.
    if (keras === 2 && f !== b && mode !== 'concat') {
        return fail('invalid-argument',
            `The directions have ${f} and ${b} units: merge_mode="${mode}" combines them value by value, so Keras 2 fails while building the model (Keras 3 builds it, and fails when data goes through). Give both directions the same units.`,
            'backward_layer');
    }
    const realConcat = keras === 2 && f !== null && b !== null;
    const output = mode === 'concat' && f !== null ? withLastDim(forward.output, realConcat ? f + b : f * 2) : forward.output;
    const forwardCount = forward.params.trainable + forward.params.nonTrainable;
    const backwardCount = backward.params.trainable + backward.params.nonTrainable;
    const warnings = [...forward.warnings, ...backward.warnings];
    if (f !== b && keras !== 2) {
        warnings.push({
            code: 'invalid-argument', severity: 'warning', argument: 'backward_layer',
            message: mode === 'concat'
                ? `The directions have ${f} and ${b} units: Keras's summary says ${formatShape(output)} (twice the forward layer's ${f}), but the tensor that comes out has ${f} + ${b} = ${(f ?? 0) + (b ?? 0)} features, so the layer after it is built for the wrong size and fails when data goes through. Give both directions the same units.`
                : `The directions have ${f} and ${b} units: merge_mode="${mode}" combines them value by value, which fails as soon as data goes through (Keras's summary still says ${formatShape(output)}). Give both directions the same units.`
        });
    }
    return {
        output,
        params: {
            trainable: forward.params.trainable + backward.params.trainable,
            nonTrainable: forward.params.nonTrainable + backward.params.nonTrainable
        },
        shapeSteps: [
            ...forward.shapeSteps.map(s => `forward (${forwardKind.name}): ${s}`),
            ...backward.shapeSteps.map(s => `backward (${backwardKind.name}): ${s}`),
            mode === 'concat' && realConcat
                ? `concat joins forward and backward: ${f} + ${b} = ${(f ?? 0) + (b ?? 0)} units`
                : mode === 'concat'
                ? `concat joins forward and backward; Keras counts the forward layer twice: ${f} × 2 = ${f === null ? 'None' : f * 2} units`
                : `merge_mode="${mode}" combines the two directions element by element: ${f} units`
        ],
        formula: {
            symbolic: 'forward + backward',
            substituted: `${formatCount(forwardCount)} + ${formatCount(backwardCount)}`,
            legend: [
                `forward: ${forwardKind.name}${forward.formula ? `, ${forward.formula.substituted} = ${formatCount(forwardCount)}` : ''}`,
                `backward: ${backwardKind.name} (backward_layer)${backward.formula ? `, ${backward.formula.substituted} = ${formatCount(backwardCount)}` : ''}`
            ]
        },
        notes: [
            `backward_layer: a ${backwardKind.name} of its own reads the sequence from the last step, where Keras otherwise copies the forward ${forwardKind.name}; each direction has its own weights.`
        ],
        warnings,
        inner: forward,
        second: backward
    };
}
