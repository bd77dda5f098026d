/**
 * Builds the tfjs model of an analysed model, layer by layer from the catalog's `tfjs`
 * descriptions, and checks that every layer has Keras's parameter count: the model that
 * trains is the Keras model, or building says why not before any training starts.
 */
import type * as tfjs from '@tensorflow/tfjs';
import {
    type LayerAnalysis, type ModelAnalysis, findLayerKind, freezesWeights, formatCount, type Shape, NotTrainable,
    type TfjsBuildContext, type TfjsCustomLayers, type TfLayer, type LayerDescription, DEFAULT_KERAS_VERSION,
    type KerasVersion
} from '../../../language/src/index.js';
import { tfjsActivation, tfjsConstraint, tfjsInitializer, tfjsRegularizer } from './keras-names.js';

export interface BuildProblem {
    /** The layer's Keras name (`lstm_1`), or the model's for model-wide problems. */
    readonly layer: string;
    readonly message: string;
}

export type BuildResult =
    | { readonly ok: true; readonly model: tfjs.Sequential }
    | { readonly ok: false; readonly problems: readonly BuildProblem[] };

export interface BuildOptions {
    /** tfjs's own layers wherever they are Keras (the training benchmark's baseline). */
    readonly stockLayers?: boolean;
    /** The Keras version whose `trainable=False` the build follows (Keras 3 ignores it on a wrapper); the model's own when built from its analysis. */
    readonly keras?: KerasVersion;
    /** A Keras mask may reach the layer being built (set layer by layer). */
    readonly masked?: boolean;
}

export function buildTfjsModel(tf: typeof tfjs, model: ModelAnalysis, custom: TfjsCustomLayers, given: BuildOptions = {}): BuildResult {
    const options: BuildOptions = { keras: model.keras, ...given };
    if (!model.complete || !model.input) {
        return { ok: false, problems: [{ layer: model.name, message: `Model "${model.name}" has errors or unknown shapes: fix the problems first.` }] };
    }
    const problems: BuildProblem[] = [];
    const sequential = tf.sequential({ name: model.name });
    model.layers.forEach((layer, index) => {
        try {
            // After a first layer that cannot be built, the next one takes its own input shape, so that
            // its own problems (not "the first layer needs an input shape") are the ones reported.
            const first = index === 0 ? model.input! : sequential.layers.length === 0 ? layer.input : undefined;
            const built = buildLayers(tf, layer.description, layer.input!, layer.name, first, custom, { ...options, masked: masksBefore(model, index) });
            // Adding builds the layer; tfjs's LSTM (unit_forget_bias) leaves initializer tensors behind,
            // which tidy releases (the weights are variables and stay).
            for (const part of built) tf.tidy(() => sequential.add(part));
            checkParams(built, layer);
        } catch (error) {
            problems.push({ layer: layer.name, message: error instanceof NotTrainable ? error.message : `tfjs cannot build ${layer.name} (${layer.kind}): ${(error as Error).message}` });
        }
    });
    if (problems.length > 0) {
        sequential.dispose();
        return { ok: false, problems };
    }
    return { ok: true, model: sequential };
}

/**
 * One layer of the model in tfjs, from its catalog kind (the Keras export writes the same construction
 * as code): one tfjs layer, or the chain that computes it (RNN over stacked cells, one layer per cell).
 */
export function buildLayers(tf: typeof tfjs, layer: LayerDescription, input: Shape, name: string, modelInput: Shape | undefined, custom: TfjsCustomLayers, options: BuildOptions): readonly TfLayer[] {
    const kind = findLayerKind(layer.kind);
    if (!kind?.tfjs) throw new NotTrainable(`RNN Lens cannot train ${layer.kind} layers yet.`);
    const inner = layer.inner;
    const context: TfjsBuildContext = {
        tf,
        args: layer.args,
        description: layer,
        input,
        base: {
            name,
            trainable: !freezesWeights(kind, layer.args, options.keras ?? DEFAULT_KERAS_VERSION),
            ...(modelInput ? { batchInputShape: [...modelInput] } : {})
        },
        custom,
        stockLayers: options.stockLayers,
        masked: options.masked,
        buildInner: inner ? () => buildWrapped(tf, inner, innerInput(layer.kind, input), `${findLayerKind(inner.kind)?.kerasName ?? 'inner'}_in_${name}`, custom, options) : undefined,
        activation: tfjsActivation,
        initializer: value => tfjsInitializer(tf, value),
        regularizer: value => tfjsRegularizer(tf, value),
        constraint: value => tfjsConstraint(tf, value)
    };
    const built = kind.tfjs(context);
    return Array.isArray(built) ? built : [built as TfLayer];
}

/** A wrapper's layer: one tfjs layer, as tfjs's wrappers take (a chain of layers cannot be wrapped). */
function buildWrapped(tf: typeof tfjs, layer: LayerDescription, input: Shape, name: string, custom: TfjsCustomLayers, options: BuildOptions): TfLayer {
    const built = buildLayers(tf, layer, input, name, undefined, custom, options);
    if (built.length !== 1) {
        throw new NotTrainable(`RNN Lens trains ${layer.kind} over stacked cells as one recurrent layer per cell, which a wrapper cannot wrap as one layer. The same model: stack the wrapper once per cell, each but the last with return_sequences=True.`);
    }
    return built[0];
}

/** Whether a layer before `index` makes a Keras mask (which later layers may pass on): erring towards yes. */
export function masksBefore(model: ModelAnalysis, index: number): boolean {
    return model.layers.slice(0, index).some(l => l.kind === 'Masking' || (l.kind === 'Embedding' && l.description.args.mask_zero === true));
}

/** The shape a wrapper gives its wrapped layer. */
function innerInput(wrapper: string, input: Shape): Shape {
    return wrapper === 'TimeDistributed' ? [input[0], ...input.slice(2)] : input;
}

/** The chain's weights together must be the Keras layer's. */
function checkParams(built: readonly TfLayer[], layer: LayerAnalysis): void {
    const expected = layer.params!;
    const size = (weights: TfLayer['trainableWeights']) =>
        weights.reduce((n, w) => n + w.shape.reduce((a: number, b) => a * (b ?? 1), 1), 0);
    const trainable = built.reduce((n, part) => n + size(part.trainableWeights), 0);
    const nonTrainable = built.reduce((n, part) => n + size(part.nonTrainableWeights), 0);
    if (trainable !== expected.trainable || nonTrainable !== expected.nonTrainable) {
        throw new Error(`it has ${formatCount(trainable)} trainable and ${formatCount(nonTrainable)} non-trainable parameters in tfjs, Keras has ${formatCount(expected.trainable)} and ${formatCount(expected.nonTrainable)}`);
    }
}
