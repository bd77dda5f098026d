/**
 * The conv-family members of TfjsCustomLayers: RNN Lens's Keras-exact Conv1D, Conv1DTranspose,
 * SeparableConv1D, ZeroPadding1D and UpSampling1D, and the optional ones (Cropping1D, which
 * tfjs lacks, and pooling with data_format, keepdims and Keras 3's masked average). Configs are
 * in tfjs spelling.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { TfjsCustomLayers } from '../../../language/src/index.js';
import { kerasConv1DClass, type KerasConv1DConfig } from './conv1d.js';
import { kerasConv1DTransposeClass, type KerasConv1DTransposeConfig } from './conv1d-transpose.js';
import { kerasGlobalPooling1DClass, kerasPooling1DClass, type KerasGlobalPooling1DConfig, type KerasPooling1DConfig } from './pooling-1d.js';
import {
    kerasCropping1DClass, kerasUpSampling1DClass, kerasZeroPadding1DClass,
    type KerasCropping1DConfig, type KerasUpSampling1DConfig, type KerasZeroPadding1DConfig
} from './reshaping-1d.js';
import { kerasSeparableConv1DClass, type KerasSeparableConv1DConfig } from './separable-conv1d.js';

export type ConvCustomLayers = Required<Omit<TfjsCustomLayers, 'recurrent' | 'bidirectional'>>;

/** Makes (and registers, once per tfjs module) the conv-family layer classes. */
export function createConvLayers(tf: typeof tfjs): ConvCustomLayers {
    const Conv1D = kerasConv1DClass(tf);
    const Conv1DTranspose = kerasConv1DTransposeClass(tf);
    const SeparableConv1D = kerasSeparableConv1DClass(tf);
    const ZeroPadding1D = kerasZeroPadding1DClass(tf);
    const Cropping1D = kerasCropping1DClass(tf);
    const UpSampling1D = kerasUpSampling1DClass(tf);
    const Pooling1D = kerasPooling1DClass(tf);
    const GlobalPooling1D = kerasGlobalPooling1DClass(tf);
    return {
        conv1d: config => new Conv1D(config as unknown as KerasConv1DConfig),
        conv1dTranspose: config => new Conv1DTranspose(config as unknown as KerasConv1DTransposeConfig),
        separableConv1d: config => new SeparableConv1D(config as unknown as KerasSeparableConv1DConfig),
        zeroPadding1d: config => new ZeroPadding1D(config as KerasZeroPadding1DConfig),
        upSampling1d: config => new UpSampling1D(config as KerasUpSampling1DConfig),
        cropping1d: config => new Cropping1D(config as KerasCropping1DConfig),
        pooling1d: config => new Pooling1D(config as unknown as KerasPooling1DConfig),
        globalPooling1d: config => new GlobalPooling1D(config as unknown as KerasGlobalPooling1DConfig)
    };
}
