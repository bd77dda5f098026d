/**
 * Activations by tfjs name as plain functions. The common ones call the op directly: applying a
 * tfjs Activation layer costs a Layer.apply (name scopes, input checks) per call, which a
 * recurrent layer pays several times per time step. The ops are the ones tfjs's Activation
 * layer runs (tfjs-layers activations.ts), so the results are the same.
 */
import type * as tfjs from '@tensorflow/tfjs';

type Tf = typeof tfjs;
type Tensor = tfjs.Tensor;

const DIRECT: Record<string, (tf: Tf) => (x: Tensor) => Tensor> = {
    linear: () => x => x,
    relu: tf => x => tf.relu(x),
    sigmoid: tf => x => tf.sigmoid(x),
    tanh: tf => x => tf.tanh(x)
};

export function activationOf(tf: Tf, name: string): (x: Tensor) => Tensor {
    const direct = DIRECT[name];
    if (direct) return direct(tf);
    const layer = tf.layers.activation({ activation: name as never });
    return x => layer.apply(x) as Tensor;
}
