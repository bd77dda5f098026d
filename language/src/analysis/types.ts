/** What analysis answers for a document: per model, per layer, shapes, parameters and explanations. */
import type { LayerOutcome, ParamCount } from '../catalog/layer-kind.js';
import type { Shape } from '../catalog/shape.js';
import type { DocumentDescription, LayerDescription, ModelDescription } from '../model/description.js';
import type { RnnDiagnostic } from '../model/diagnostic.js';
import type { KerasVersion } from '../model/keras-version.js';

export interface LayerAnalysis {
    readonly index: number;
    /** The Keras layer name: `lstm`, `lstm_1`, ... numbered within the model, or the user's `name=`. */
    readonly name: string;
    /** The catalog name: `LSTM`. */
    readonly kind: string;
    readonly description: LayerDescription;
    /** Undefined where an earlier problem leaves the shape unknown. */
    readonly input?: Shape;
    readonly output?: Shape;
    /** Every output of a last layer with several (Keras 3: `return_state=True`, `merge_mode=None`); `output` is the first. */
    readonly outputs?: readonly Shape[];
    readonly params?: ParamCount;
    readonly outcome?: LayerOutcome;
    /**
     * How RNN Lens's own training differs from stock tfjs for this layer (or the layer it wraps),
     * and why: shown in the hover and the training panel, never as a diagnostic.
     */
    readonly training?: string;
}

export interface ParamTotals {
    readonly total: number;
    readonly trainable: number;
    readonly nonTrainable: number;
}

export interface ModelAnalysis {
    readonly name: string;
    readonly description: ModelDescription;
    /** The input shape with the batch dimension, when the model declares one. */
    readonly input?: Shape;
    readonly layers: readonly LayerAnalysis[];
    /** The sums over the layers whose parameters are known. */
    readonly totals: ParamTotals;
    /** True when every layer's shape and parameters are known (Keras could build it). */
    readonly complete: boolean;
    readonly output?: Shape;
    /** False when a count exceeds 2^53 and is shown approximately. */
    readonly exact: boolean;
    /** The Keras version whose behaviour the analysis follows. */
    readonly keras: KerasVersion;
}

export interface DocumentAnalysis {
    readonly description: DocumentDescription;
    readonly models: readonly ModelAnalysis[];
    /** Every diagnostic: lowering's and analysis's, in document order, at the levels asked for (off ones left out). */
    readonly diagnostics: readonly RnnDiagnostic[];
    /** The Keras version the document follows: its `keras N` statement, else the caller's default, else 3. */
    readonly keras: KerasVersion;
}
