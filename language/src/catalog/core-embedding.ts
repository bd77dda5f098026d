/** Embedding: a lookup table from integer indices (words, categories) to learned vectors. */
import { formatValue } from '../model/values.js';
import { BOOL, CONSTRAINT, INITIALIZER, POSITIVE_INT, REGULARIZER, arg, oneOf, optional, required } from './arg-spec.js';
import type { Formula, LayerIssue, LayerKind } from './layer-kind.js';
import { formatCount } from './numbers.js';
import { formatShape, type Shape } from './shape.js';
import { rejectActivityRegularizer, rejectIfSet, weightConfig } from './tfjs-helpers.js';
import { loraArgs, loraCount, loraRankOf, rejectLora } from './lora.js';

export const Embedding: LayerKind = {
    name: 'Embedding',
    kerasName: 'embedding',
    category: 'embedding',
    summary: 'Turns each integer index (a word or category id) into a learned vector of `output_dim` numbers, by looking up a row of a table with `input_dim` rows.',
    args: [
        required('input_dim', POSITIVE_INT, 'The vocabulary size: indices go from 0 to input_dim − 1 (with mask_zero=True, 0 is padding, so input_dim = words + 1).'),
        required('output_dim', POSITIVE_INT, 'The length of each embedding vector: the size of the new last axis.'),
        arg('embeddings_initializer', INITIALIZER, 'uniform', 'How the table starts.'),
        arg('embeddings_regularizer', REGULARIZER, null, 'A penalty on the table, added to the loss.'),
        arg('embeddings_constraint', CONSTRAINT, null, 'A constraint applied to the table after each update.'),
        arg('mask_zero', BOOL, false, 'Treat index 0 as padding: the steps holding it are masked for the recurrent layers after.'),
        arg('weights', { kind: 'any', describe: 'an initial table of shape (input_dim, output_dim), e.g. pretrained vectors' }, null,
            'Initial values for the table (pretrained embeddings), of shape (input_dim, output_dim).'),
        ...loraArgs('table'),
        { ...arg('activity_regularizer', REGULARIZER, null, 'A penalty on the layer\'s output, added to the loss.'), keywordOnly: true },
        {
            ...arg('input_length', optional(oneOf(POSITIVE_INT, { kind: 'list', of: optional(POSITIVE_INT) })), null,
                'TensorFlow 2 only: the length of the input sequences. Deprecated and ignored in Keras 3: give the length in the input shape.'),
            keywordOnly: true
        },
        { ...arg('sparse', BOOL, false, 'TensorFlow 2 only: whether the gradients of the table are sparse tensors. No effect on shapes or parameters.'), keywordOnly: true }
    ],
    inputRank: { min: 1 },
    compute({ input, args, keras }) {
        const v = args.input_dim as number;
        const d = args.output_dim as number;
        const r = loraRankOf(args);
        const output: Shape = [...input, d];
        const table = v * d;
        const params = r === null
            ? { trainable: table, nonTrainable: 0 }
            : { trainable: loraCount(v, d, r), nonTrainable: table };
        const legend = [
            `v = ${v} (input_dim): the vocabulary, one row per index 0 … ${v - 1}`,
            `d = ${d} (output_dim): the numbers in each vector`
        ];
        const formula: Formula = r === null
            ? { symbolic: 'v × d', substituted: `${v} × ${d}`, legend }
            : {
                symbolic: 'v × d + r × (v + d)',
                substituted: `${v} × ${d} + ${r} × (${v} + ${d})`,
                legend: [...legend, `r = ${r} (lora_rank): the v × d table is frozen (non-trainable); the LoRA matrices v × r and r × d are trained`]
            };
        const notes = [
            `The input holds integer indices from 0 to ${v - 1}; each becomes its row of the ${v} × ${d} table. The table does not depend on the sequence length.`
        ];
        if (args.mask_zero === true) {
            notes.push(`mask_zero=True: index 0 means padding, and the steps holding it are skipped by the recurrent layers after; real tokens use 1 … ${v - 1}.`);
        }
        if (input.length > 2) {
            notes.push(`The input ${formatShape(input)} has ${input.length - 1} axes per sample; Embedding adds one more, giving ${formatShape(output)}. It expects (batch, steps) of indices, not (steps, features) of measurements.`);
        }
        const warnings: LayerIssue[] = [];
        // Keras 2 reads input_length (the input shape when Embedding is first); Keras 3 deprecates and ignores it.
        if (keras !== 2 && args.input_length !== null && args.input_length !== undefined) {
            warnings.push({
                code: 'invalid-argument',
                severity: 'warning',
                argument: 'input_length',
                message: `input_length=${formatValue(args.input_length)} is deprecated in Keras 3 and ignored ("Argument \`input_length\` is deprecated. Just remove it."); the sequence length comes from the input shape, here ${formatShape(input, { hideBatch: true })}.`
            });
        }
        return {
            output,
            params,
            shapeSteps: [`${formatShape(input)} → ${formatShape(output)}: every index becomes a vector of ${d}, a new last axis`],
            formula,
            notes: r === null ? notes : [...notes, `With lora_rank=${r}, ${formatCount(params.trainable)} parameters are trained and the ${formatCount(table)} of the table are frozen.`],
            warnings
        };
    },
    tfjs(context) {
        rejectActivityRegularizer(context);
        rejectLora(context, 'Embedding');
        rejectIfSet(context, 'weights', 'RNN Lens cannot load a pretrained table from a .rnn file; remove weights= to train the table from embeddings_initializer.');
        // Keras's "uniform" is RandomUniform(-0.05, 0.05), passed explicitly; input_length and sparse change nothing in Keras 3.
        return context.tf.layers.embedding({
            ...context.base,
            inputDim: context.args.input_dim as number,
            outputDim: context.args.output_dim as number,
            maskZero: context.args.mask_zero === true,
            ...weightConfig(context, ['embeddings'])
        });
    }
};
