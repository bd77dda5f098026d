/** RNN Lens's own tfjs layers, for what tfjs lacks or does differently from Keras. */
import type * as tfjs from '@tensorflow/tfjs';
import type { TfjsCustomLayers } from '../../../language/src/index.js';
import { kerasBidirectionalClass } from './bidirectional.js';
import { createConvLayers } from './conv-layers.js';
import { createRecurrent } from './recurrent-layers.js';

/** Every custom layer; the conv factory also supplies cropping1d and the pooling variants (see conv-tfjs.ts). */
export function createCustomLayers(tf: typeof tfjs): TfjsCustomLayers {
    const Bidirectional = kerasBidirectionalClass(tf);
    return { ...createConvLayers(tf), recurrent: createRecurrent(tf), bidirectional: config => new Bidirectional(config) };
}
