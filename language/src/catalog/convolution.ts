/** Convolution, pooling and 1D reshaping layers. */
import { Conv1DTranspose } from './conv1d-transpose.js';
import { Conv1D } from './conv1d.js';
import type { LayerKind } from './layer-kind.js';
import { AveragePooling1D, GlobalAveragePooling1D, GlobalMaxPooling1D, MaxPooling1D } from './pooling.js';
import { Cropping1D, UpSampling1D, ZeroPadding1D } from './reshaping-1d.js';
import { SeparableConv1D } from './separable-conv1d.js';

export const CONVOLUTION_LAYERS: readonly LayerKind[] = [
    Conv1D,
    Conv1DTranspose,
    SeparableConv1D,
    MaxPooling1D,
    AveragePooling1D,
    GlobalMaxPooling1D,
    GlobalAveragePooling1D,
    ZeroPadding1D,
    Cropping1D,
    UpSampling1D
];
