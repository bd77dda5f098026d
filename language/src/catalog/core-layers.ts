/** Core, activation, noise, regularization, normalization, reshaping and embedding layers (Dense is in core-dense.ts). */
import { ACTIVATION_LAYERS } from './core-activations.js';
import { Activation, Masking } from './core-elementwise.js';
import { Embedding } from './core-embedding.js';
import { NOISE_LAYERS } from './core-noise.js';
import { BatchNormalization, LayerNormalization } from './core-normalization.js';
import { Dropout, SpatialDropout1D } from './core-regularization.js';
import { Flatten, Permute, RepeatVector, Reshape } from './core-reshaping.js';
import type { LayerKind } from './layer-kind.js';

export const CORE_LAYERS: readonly LayerKind[] = [
    Dropout,
    SpatialDropout1D,
    ...NOISE_LAYERS,
    Activation,
    ...ACTIVATION_LAYERS,
    Masking,
    Flatten,
    Reshape,
    RepeatVector,
    Permute,
    Embedding,
    BatchNormalization,
    LayerNormalization
];
