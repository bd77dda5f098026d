/**
 * GaussianNoise, GaussianDropout and AlphaDropout: like Dropout they act in training only, keep
 * the shape and have no weights; they add or multiply noise instead of zeroing.
 */
import { FLOAT, SEED, required } from './arg-spec.js';
import { identityOutcome, tidy } from './core-elementwise.js';
import { NOISE_SHAPE, noiseShapeNotes, seedNote } from './core-regularization.js';
import { fail, type LayerIssue, type LayerKind, type LayerResult } from './layer-kind.js';
import type { KerasVersion } from '../model/keras-version.js';
import { NotTrainable, type TfjsBuildContext } from './tfjs-build.js';
import { num } from './tfjs-helpers.js';

const INFERENCE = 'At inference it passes its input through unchanged; it has no weights.';

/** Keras 3 accepts rate=1 here but divides by 1 − rate in training: the first training step fails. */
function failsInTraining(layer: string, rate: number): LayerIssue[] {
    return rate >= 1 ? [{
        code: 'invalid-argument', severity: 'warning', argument: 'rate',
        message: `${layer}(rate=${tidy(rate)}): Keras builds the model, but its noise divides by 1 − rate = 0, so training fails at the first step ("float division by zero"). Use a rate below 1.`
    }] : [];
}

/**
 * Keras 3 checks the rate (stddev) is in [0, 1], with its own words; Keras 2 (tf_keras 2.21)
 * takes any number. Checked here, where the version is known, not by the argument's type.
 */
function outsideKeras3Range(name: string, value: number, keras: KerasVersion | undefined): LayerResult | undefined {
    if (keras === 2 || (value >= 0 && value <= 1)) return undefined;
    return fail('invalid-argument',
        `"${name}" must be from 0 to 1, but it is ${tidy(value)}. Keras 3: "Invalid value received for argument \`${name}\`. Expected a float value between 0 and 1. Received: ${name}=${tidy(value)}" (Keras 2 took it).`,
        name);
}

function rejectRateOne(context: TfjsBuildContext, layer: string): void {
    if (num(context.args.rate) >= 1) throw new NotTrainable(`${layer}(rate=1) divides by 1 − rate = 0 in training (Keras fails too); use a rate below 1.`, 'rate');
}

export const GaussianNoise: LayerKind = {
    name: 'GaussianNoise',
    kerasName: 'gaussian_noise',
    category: 'regularization',
    summary: 'Adds random normal noise (mean 0, standard deviation `stddev`) to its input in training only: a regularizer, and a way to augment real-valued data.',
    args: [required('stddev', FLOAT, 'The standard deviation of the noise, from 0 to 1 (Keras 3 checks the range; Keras 2 takes any number).'), SEED],
    inputRank: { min: 1 },
    compute: ({ input, args, keras }) => outsideKeras3Range('stddev', args.stddev as number, keras) ?? identityOutcome(input, 'noise is added, the shape is kept', [
        `In training it adds noise drawn from N(0, ${tidy(args.stddev as number)}²) to every value, a fresh draw each step. ${INFERENCE}`
    ]),
    tfjsNote: args => seedNote('GaussianNoise', args),
    // tfjs's GaussianNoise is Keras's: x + N(0, stddev) in training, x at inference.
    tfjs: context => context.tf.layers.gaussianNoise({ ...context.base, stddev: context.args.stddev as number })
};

export const GaussianDropout: LayerKind = {
    name: 'GaussianDropout',
    kerasName: 'gaussian_dropout',
    category: 'regularization',
    summary: 'Multiplies its input by random normal noise with mean 1 in training only: a dropout that scales values instead of zeroing them.',
    args: [required('rate', FLOAT, 'The drop probability of the equivalent Dropout, from 0 to 1: the noise has standard deviation √(rate / (1 − rate)).'), SEED],
    inputRank: { min: 1 },
    compute({ input, args, keras }) {
        const rate = args.rate as number;
        const refused = outsideKeras3Range('rate', rate, keras);
        if (refused) return refused;
        const spread = rate >= 0 && rate < 1 ? ` = ${tidy(Math.sqrt(rate / (1 - rate)))}` : '';
        return identityOutcome(input, 'values are scaled, none removed', [
            `In training it multiplies every value by noise drawn from N(1, σ²), σ = √(${tidy(rate)} / (1 − ${tidy(rate)}))${spread}: on average nothing changes, as with Dropout's rescaling. ${INFERENCE}`
        ], failsInTraining('GaussianDropout', rate));
    },
    tfjsNote: args => seedNote('GaussianDropout', args),
    tfjs(context) {
        rejectRateOne(context, 'GaussianDropout');
        return context.tf.layers.gaussianDropout({ ...context.base, rate: context.args.rate as number });
    }
};

export const AlphaDropout: LayerKind = {
    name: 'AlphaDropout',
    kerasName: 'alpha_dropout',
    category: 'regularization',
    summary: 'Dropout for self-normalizing networks (activation="selu"): dropped values are set to SELU\'s negative saturation and the result is rescaled, so the mean and variance are kept.',
    args: [
        required('rate', FLOAT, 'The fraction of the values to drop, from 0 to 1 (Keras 3 checks the range; Keras 2 takes any number).'),
        NOISE_SHAPE,
        SEED
    ],
    inputRank: { min: 1 },
    compute({ input, args, keras }) {
        const rate = args.rate as number;
        const refused = outsideKeras3Range('rate', rate, keras);
        if (refused) return refused;
        const noise = noiseShapeNotes(input, args.noise_shape);
        if (!Array.isArray(noise)) return noise as { readonly error: LayerIssue };
        return identityOutcome(input, 'values are replaced, none removed', [
            `In training it sets ${tidy(rate * 100)}% of the values to −λα ≈ −1.758 (SELU's lowest output) and applies a · x + b, which keeps the mean and variance of a SELU network. ${INFERENCE}`,
            ...noise
        ], failsInTraining('AlphaDropout', rate));
    },
    tfjs() {
        // tfjs's AlphaDropout sets the dropped values to +λα (a sign error) and breaks on a None in noise_shape.
        throw new NotTrainable('tfjs\'s AlphaDropout does not compute what Keras\'s does (dropped values get the wrong sign); RNN Lens cannot train AlphaDropout. Use Dropout to train here.');
    }
};

export const NOISE_LAYERS: readonly LayerKind[] = [GaussianNoise, GaussianDropout, AlphaDropout];
