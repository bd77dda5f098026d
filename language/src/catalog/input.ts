/**
 * `Input(shape=...)`: not a layer of the stack (Keras's Sequential summary does not list it),
 * but the place the model's input shape comes from. Lowering reads it; it is in the catalog
 * so that binding, completion and hovers treat it like the layers.
 */
import { BOOL, POSITIVE_INT, STRING, arg, optional } from './arg-spec.js';
import type { LayerKind } from './layer-kind.js';

export const InputLayer: LayerKind = {
    name: 'Input',
    kerasName: 'input_layer',
    // `layers.InputLayer(input_shape=...)` (Keras 2) declares the same input.
    keras: { aliases: { InputLayer: { input_shape: 'shape', batch_input_shape: 'batch_shape' } } },
    category: 'input',
    summary: 'Declares the shape of one sample, without the batch dimension: (steps, features).',
    args: [
        arg('shape', optional({ kind: 'shape' }), null, 'The shape of one sample, without the batch dimension: (steps, features). None for a variable length.'),
        arg('batch_size', optional(POSITIVE_INT), null, 'A fixed batch size; None lets it vary.'),
        arg('dtype', optional(STRING), null, 'The input dtype, e.g. "float32" or "int32" for Embedding indices.'),
        arg('sparse', optional(BOOL), null, 'Whether the input is a sparse tensor.'),
        arg('batch_shape', optional({ kind: 'shape' }), null, 'The shape with the batch dimension first, instead of `shape` and `batch_size`.'),
        arg('name', optional(STRING), null, 'The input\'s name.'),
        arg('tensor', { kind: 'any', describe: 'an existing tensor' }, null, 'An existing tensor to wrap.'),
        arg('optional', BOOL, false, 'Whether the input may be None.')
    ],
    inputRank: { min: 1 },
    compute: ({ input }) => ({ output: input, params: { trainable: 0, nonTrainable: 0 }, shapeSteps: [], notes: [], warnings: [] })
};
