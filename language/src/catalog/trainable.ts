/**
 * What `trainable=False` does to a layer, per Keras version: both freeze a layer's own weights,
 * but Keras 3 ignores it when it is given to a wrapper's constructor (Bidirectional,
 * TimeDistributed): the wrapped layer is made afterwards and stays trainable, so its weights
 * count as trainable and train (checked with Keras 3.15: `Bidirectional(LSTM(4), trainable=False)`
 * has 256 trainable parameters and fit changes them). Keras 2 freezes the wrapped layer too.
 * The analysis's counts and the tfjs build both ask here.
 */
import type { Value } from '../model/values.js';
import type { KerasVersion } from '../model/keras-version.js';
import type { LayerKind } from './layer-kind.js';

export function freezesWeights(kind: LayerKind | undefined, args: Readonly<Record<string, Value>>, keras: KerasVersion): boolean {
    if (args.trainable !== false) return false;
    return !(keras === 3 && kind?.wraps);
}
