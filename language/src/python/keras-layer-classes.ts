/**
 * Every layer class that Keras's `keras.layers` module holds (Keras 3.15.1, then the names only
 * tf-keras 2.21 adds), as printed by `dir(keras.layers)`: a layer of real Keras that the catalog
 * does not describe is not a misspelling, so the Python door stops following the model there
 * (an information note) instead of reporting `unknown-layer`.
 */
export const KERAS_LAYER_CLASSES: ReadonlySet<string> = new Set([
    'Activation', 'ActivityRegularization', 'AdaptiveAveragePooling1D', 'AdaptiveAveragePooling2D',
    'AdaptiveAveragePooling3D', 'AdaptiveMaxPooling1D', 'AdaptiveMaxPooling2D', 'AdaptiveMaxPooling3D', 'Add',
    'AdditiveAttention', 'AlphaDropout', 'Attention', 'AugMix', 'AutoContrast', 'Average', 'AveragePooling1D',
    'AveragePooling2D', 'AveragePooling3D', 'AvgPool1D', 'AvgPool2D', 'AvgPool3D', 'BatchNormalization',
    'Bidirectional', 'CategoryEncoding', 'CenterCrop', 'Concatenate', 'ContrastLimitedAdaptiveHistogramEqualization',
    'Conv1D', 'Conv1DTranspose', 'Conv2D', 'Conv2DTranspose', 'Conv3D', 'Conv3DTranspose', 'ConvLSTM1D', 'ConvLSTM2D',
    'ConvLSTM3D', 'Convolution1D', 'Convolution1DTranspose', 'Convolution2D', 'Convolution2DTranspose', 'Convolution3D',
    'Convolution3DTranspose', 'Cropping1D', 'Cropping2D', 'Cropping3D', 'CutMix', 'Dense', 'DepthwiseConv1D',
    'DepthwiseConv2D', 'Discretization', 'Dot', 'Dropout', 'ELU', 'EinsumDense', 'Embedding', 'Equalization', 'Flatten',
    'FlaxLayer', 'GRU', 'GRUCell', 'GaussianDropout', 'GaussianNoise', 'GlobalAveragePooling1D',
    'GlobalAveragePooling2D', 'GlobalAveragePooling3D', 'GlobalAvgPool1D', 'GlobalAvgPool2D', 'GlobalAvgPool3D',
    'GlobalMaxPool1D', 'GlobalMaxPool2D', 'GlobalMaxPool3D', 'GlobalMaxPooling1D', 'GlobalMaxPooling2D',
    'GlobalMaxPooling3D', 'GroupNormalization', 'GroupQueryAttention', 'HashedCrossing', 'Hashing', 'Identity',
    'InputLayer', 'InputSpec', 'IntegerLookup', 'JaxLayer', 'LSTM', 'LSTMCell', 'Lambda', 'Layer', 'LayerNormalization',
    'LeakyReLU', 'Masking', 'MaxNumBoundingBoxes', 'MaxPool1D', 'MaxPool2D', 'MaxPool3D', 'MaxPooling1D',
    'MaxPooling2D', 'MaxPooling3D', 'Maximum', 'MelSpectrogram', 'Minimum', 'MixUp', 'MultiHeadAttention', 'Multiply',
    'Normalization', 'PReLU', 'Permute', 'Pipeline', 'RMSNormalization', 'RNN', 'RandAugment', 'RandomBrightness',
    'RandomColorDegeneration', 'RandomColorJitter', 'RandomContrast', 'RandomCrop', 'RandomElasticTransform',
    'RandomErasing', 'RandomFlip', 'RandomGaussianBlur', 'RandomGrayscale', 'RandomHue', 'RandomInvert',
    'RandomPerspective', 'RandomPosterization', 'RandomRotation', 'RandomSaturation', 'RandomSharpness', 'RandomShear',
    'RandomTranslation', 'RandomZoom', 'ReLU', 'RepeatVector', 'Rescaling', 'Reshape', 'Resizing',
    'ReversibleEmbedding', 'STFTSpectrogram', 'SeparableConv1D', 'SeparableConv2D', 'SeparableConvolution1D',
    'SeparableConvolution2D', 'SimpleRNN', 'SimpleRNNCell', 'Softmax', 'Solarization', 'SpatialDropout1D',
    'SpatialDropout2D', 'SpatialDropout3D', 'SpectralNormalization', 'StackedRNNCells', 'StringLookup', 'Subtract',
    'TFSMLayer', 'TextVectorization', 'TimeDistributed', 'TorchModuleWrapper', 'UnitNormalization', 'UpSampling1D',
    'UpSampling2D', 'UpSampling3D', 'Wrapper', 'ZeroPadding1D', 'ZeroPadding2D', 'ZeroPadding3D',
    'AbstractRNNCell', 'BatchNormalizationV1', 'BatchNormalizationV2', 'ClassMethod', 'CuDNNGRU', 'CuDNNLSTM',
    'DeviceWrapper', 'DropoutWrapper', 'GRUCellV1', 'GRUCellV2', 'GRUV1', 'GRUV2', 'InstanceMethod', 'InstanceProperty',
    'LSTMCellV1', 'LSTMCellV2', 'LSTMV1', 'LSTMV2', 'LocallyConnected1D', 'LocallyConnected2D', 'PreprocessingLayer',
    'RandomFourierFeatures', 'RandomHeight', 'RandomWidth', 'ResidualWrapper', 'SlicingOpLambda',
    'SyncBatchNormalization', 'TFOpLambda', 'ThresholdedReLU', 'VersionAwareLayers',
    // Models are layers too (`Sequential([functional_model, ...])`): keras.Model, keras.Sequential, Functional.
    'Model', 'Sequential', 'Functional',
]);
