/**
 * Lambda: a layer that runs a Python function. RNN Lens cannot run Python, so it knows the
 * output shape only from `output_shape=` (without the batch dimension, as Keras 3 reads it:
 * Keras 3.15 uses it as given, even when the function gives another shape; tf_keras 2.21 runs the
 * function and ignores it). Without it, the shapes after the layer are unknown: an information,
 * not an error (Keras builds the model), and nothing after it is checked.
 * In `.rnn` the function is written as a string of its Python code: `Lambda("lambda x: x * 2")`.
 */
import { arg, optional, required } from './arg-spec.js';
import { fail, type LayerKind } from './layer-kind.js';
import { formatShape } from './shape.js';
import { NotTrainable } from './tfjs-build.js';
import { sequenceItems } from '../model/values.js';

export const Lambda: LayerKind = {
    name: 'Lambda',
    kerasName: 'lambda',
    category: 'core',
    summary: 'Runs a Python function on its input (`lambda x: ...`); it has no weights. RNN Lens cannot run the function, so output_shape= gives the shape after it.',
    args: [
        required('function', { kind: 'python' }, 'The Python function, written as a string of its code: "lambda x: x[:, -1, :]". RNN Lens keeps it as code and cannot run it.'),
        arg('output_shape', optional({ kind: 'shape' }), null,
            'The shape the function gives, without the batch dimension, e.g. (32,). Keras 3 takes it as the output shape; Keras 2 runs the function instead. Without it, RNN Lens cannot know the shapes after the layer.'),
        arg('mask', { kind: 'any', describe: 'a mask or a function computing one' }, null, 'The output mask, or a function computing it from the input and its mask.'),
        arg('arguments', { kind: 'any', describe: 'a dict of keyword arguments' }, null, 'Keyword arguments passed to the function.')
    ],
    inputRank: { min: 1 },
    compute({ input, args, keras }) {
        const given = sequenceItems(args.output_shape);
        if (!given) {
            return fail('unknown-output-shape',
                `Lambda runs Python code that RNN Lens cannot run, so its output shape, and every shape and count after it, are unknown here (Keras finds them by calling the function). Give output_shape=(...), the shape without the batch dimension, to see them.`,
                'function');
        }
        const output = [input[0], ...given.map(d => (typeof d === 'number' ? d : null))];
        return {
            output,
            params: { trainable: 0, nonTrainable: 0 },
            shapeSteps: [`output_shape=${formatShape(output.slice(1))} gives the shape: ${formatShape(input)} → ${formatShape(output)}`],
            notes: [
                keras === 2
                    ? 'Keras 2 runs the function to find the shape and ignores output_shape: the shapes after this layer are right when output_shape is what the function gives.'
                    : 'Keras 3 takes output_shape as the layer\'s shape without checking it against the function: if the function gives another shape, the summary is wrong and the model fails when it runs.',
                'A Lambda has no weights.'
            ],
            warnings: []
        };
    },
    tfjs: () => {
        throw new NotTrainable('Lambda runs Python code, which tfjs cannot run, so RNN Lens cannot train a model with a Lambda layer. Replace it with the Keras layer it stands for to train here.', 'function');
    }
};
