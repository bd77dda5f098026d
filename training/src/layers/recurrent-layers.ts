/**
 * The `recurrent` member of TfjsCustomLayers: RNN Lens's Keras-exact recurrent layer
 * (training/src/layers/recurrent.ts), for what tfjs's own layers do differently from Keras:
 * GRU with reset_after=True (Keras's default), per-gate recurrent dropout masks, seeded dropout.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { TfjsCustomLayers } from '../../../language/src/index.js';
import { kerasRecurrentClass, type KerasRecurrentConfig } from './recurrent.js';

export { KERAS_RECURRENT_CLASS, kerasRecurrentClass, type KerasRecurrentConfig } from './recurrent.js';

/** `recurrent(kind, config)`: config in tfjs spelling (`units`, `recurrentActivation`, `resetAfter`, `returnSequences`, ...). */
export function createRecurrent(tf: typeof tfjs): TfjsCustomLayers['recurrent'] {
    const Layer = kerasRecurrentClass(tf);
    return (kind, config) => new Layer({ ...(config as Omit<KerasRecurrentConfig, 'kind'>), kind } as KerasRecurrentConfig);
}
