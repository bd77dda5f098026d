/** RNN Lens's own tfjs layers, for what tfjs lacks or does differently from Keras. */
import type * as tfjs from '@tensorflow/tfjs';
import { NotTrainable, type TfjsCustomLayers } from '../../../language/src/catalog/tfjs-build.js';
import { createRecurrent } from './recurrent-layers.js';

export function createCustomLayers(tf: typeof tfjs): TfjsCustomLayers {
    const missing = (what: string) => () => { throw new NotTrainable(`RNN Lens cannot train ${what} yet.`); };
    return {
        conv1d: missing('this Conv1D'),
        conv1dTranspose: missing('Conv1DTranspose'),
        separableConv1d: missing('SeparableConv1D'),
        zeroPadding1d: missing('ZeroPadding1D'),
        upSampling1d: missing('UpSampling1D'),
        recurrent: createRecurrent(tf)
    };
}
