/**
 * Where Keras 3 and Keras 2 (tf-keras) build the same code differently, layer by layer: each
 * difference says what the target version does (an error where it refuses the code) and, as
 * `keras-version-difference`, what the other version would do, so that code moving between
 * them is not a surprise. Each rule was checked against real Keras (test/fixtures/keras-versions/).
 */
import type { InputDescription, LayerDescription, ModelDescription } from '../model/description.js';
import { diagnostic, type QuickFix, type RnnDiagnostic, type TextEdit } from '../model/diagnostic.js';
import { addArgumentEdit, removeArgumentEdit } from '../model/edits.js';
import type { KerasVersion } from '../model/keras-version.js';
import { findLayerKind } from '../catalog/index.js';
import { formatValue, isTuple, type Value } from '../model/values.js';

export interface VersionCheck {
    readonly diagnostics: readonly RnnDiagnostic[];
    /** True when the target version refuses the layer: nothing after it can be known. */
    readonly fails: boolean;
}

const FINE: VersionCheck = { diagnostics: [], fails: false };

/** The arguments of Keras 2's base Layer that Keras 3's SpatialDropout1D (rate, seed, name, dtype) does not take. */
const SPATIAL_DROPOUT_KERAS2_ONLY = ['input_shape', 'batch_input_shape', 'batch_size', 'input_dim', 'trainable'] as const;

/** Arguments Keras 3 added: Keras 2's base Layer refuses them ("Keyword argument not understood:"). */
const KERAS3_ONLY: Readonly<Record<string, readonly string[]>> = {
    Dense: ['lora_rank', 'lora_alpha'],
    Conv1D: ['lora_rank', 'lora_alpha'],
    Embedding: ['lora_rank', 'lora_alpha'],
    // Keras 2's LeakyReLU takes `alpha`; Keras 3 renamed it negative_slope.
    LeakyReLU: ['negative_slope'],
    LayerNormalization: ['rms_scaling'],
    SimpleRNN: ['seed'],
    LSTM: ['seed', 'use_cudnn'],
    GRU: ['seed', 'use_cudnn']
    // tf_keras 2.21 takes RNN's zero_output_for_mask and the cells' seed (checked): not here.
};

/** A layer and every layer or cell inside it (a wrapper's, an RNN's cells, stacked cells). */
function withNested(layer: LayerDescription): LayerDescription[] {
    return [layer, ...[layer.inner, layer.second, ...(layer.items ?? [])].filter(l => l !== undefined).flatMap(withNested)];
}

/** `first`: the layer gives the model its input (it is the first, after no `Input(...)`). */
export function layerVersionCheck(layer: LayerDescription, keras: KerasVersion, first = true): VersionCheck {
    const check = versionCheckOf(layer, keras, first);
    const frozen = wrapperTrainable(layer, keras);
    return frozen ? { ...check, diagnostics: [...check.diagnostics, frozen] } : check;
}

function versionCheckOf(layer: LayerDescription, keras: KerasVersion, first: boolean): VersionCheck {
    if (keras === 2) {
        const newer = withNested(layer).flatMap(keras3OnlyArguments);
        if (newer.length > 0) return { diagnostics: newer, fails: true };
    }
    if (layer.kind === 'AveragePooling1D' && !layer.given.includes('pool_size')) return averagePoolingWithoutSize(layer, keras);
    if (layer.kind === 'Bidirectional' && layer.inner?.args.go_backwards === true) return backwardsInBidirectional(layer.inner, keras);
    if (layer.kind === 'SpatialDropout1D') return spatialDropoutKeywords(layer, keras);
    if (layer.given.includes('batch_input_shape')) return batchInputShape(layer, keras, first);
    return FINE;
}

/**
 * `batch_input_shape=` on a layer: Keras 2's base Layer takes it, Keras 3's refuses every keyword
 * it does not know ("Unrecognized keyword arguments passed to LSTM: {'batch_input_shape': ...}").
 * `Input(shape=..., batch_size=...)` first says the same in both.
 */
function batchInputShape(layer: LayerDescription, keras: KerasVersion, first: boolean): VersionCheck {
    const value = layer.args.batch_input_shape;
    const written = value === undefined ? '...' : formatValue(value);
    const remove = removeArgumentEdit(layer, 'batch_input_shape');
    const input = first && isTuple(value) && value.items.length > 1 ? inputWithBatch(value.items) : undefined;
    const fixes: QuickFix[] = !remove ? []
        : input ? [{ title: `Move the shape to ${input} before ${layer.kind}`, edits: [inputBefore(layer, input), remove], preferred: true }]
        : first ? [] : [{ title: 'Remove batch_input_shape', edits: [remove], preferred: true }];
    const range = layer.argRanges.batch_input_shape ?? layer.nameRange;
    const keras3 = `"Unrecognized keyword arguments passed to ${layer.kind}: {'batch_input_shape': ${written}}"`;
    const instead = !first ? 'remove it (only a first layer takes an input shape)'
        : input ? `put ${input} first instead` : 'put Input(shape=..., batch_size=...) first instead';
    return keras === 3
        ? fails(diagnostic('unknown-argument', `Keras 3 has no batch_input_shape: ${keras3}. Keras 2 accepted it; ${instead}.`, range, fixes))
        : notes(diagnostic('keras-version-difference', `Keras 2 accepts batch_input_shape; Keras 3 refuses it (${keras3}). For code that runs on both, ${instead}.`, range, fixes));
}

/**
 * `trainable=False` given to Bidirectional or TimeDistributed: Keras 2 freezes the wrapped layer,
 * Keras 3 ignores it (its weights count as trainable and train; catalog/trainable.ts). The wrapped
 * layer's own `trainable=False` freezes it in both. A warning under Keras 3, where the code does
 * not do what it says.
 */
function wrapperTrainable(layer: LayerDescription, keras: KerasVersion): RnnDiagnostic | undefined {
    const inner = layer.inner;
    if (!inner || layer.args.trainable !== false || inner.args.trainable === false) return undefined;
    const remove = removeArgumentEdit(layer, 'trainable');
    const add = addArgumentEdit(inner, 'trainable=False');
    const fixes: QuickFix[] = remove && add
        ? [{ title: `Move trainable=False to the ${inner.kind} inside ${layer.kind}`, edits: [add, remove], preferred: true }] : [];
    const range = layer.argRanges.trainable ?? layer.nameRange;
    if (keras === 3) {
        return {
            ...diagnostic('keras-version-difference',
                `Keras 3 ignores trainable=False given to ${layer.kind}: the ${inner.kind} inside it stays trainable, its weights count as trainable and change in training (Keras 2 froze them). Put trainable=False on the ${inner.kind} to freeze it in both.`,
                range, fixes),
            severity: 'warning'
        };
    }
    return diagnostic('keras-version-difference',
        `Keras 2 freezes the ${inner.kind} inside ${layer.kind} for this trainable=False; Keras 3 ignores it there (the weights stay trainable and train). Put trainable=False on the ${inner.kind} for a model frozen in both.`,
        range, fixes);
}

/** `Input(shape=(steps, features), batch_size=n)` for a batch_input_shape of `(n, steps, features)`. */
function inputWithBatch([batch, ...shape]: readonly Value[]): string {
    const dims = shape.map(formatValue).join(', ');
    const tuple = shape.length === 1 ? `(${dims},)` : `(${dims})`;
    return batch === null ? `Input(shape=${tuple})` : `Input(shape=${tuple}, batch_size=${formatValue(batch)})`;
}

function keras3OnlyArguments(layer: LayerDescription): RnnDiagnostic[] {
    return (KERAS3_ONLY[layer.kind] ?? []).filter(name => layer.given.includes(name)).map(name => {
        const remove = removeArgumentEdit(layer, name);
        return diagnostic('unknown-argument',
            `Keras 2 does not take ${name} on ${layer.kind}: ("Keyword argument not understood:", "${name}"). It came with Keras 3; remove it for Keras 2.`,
            layer.argRanges[name] ?? layer.nameRange,
            remove ? [{ title: `Remove ${name}`, edits: [remove], preferred: true }] : []);
    });
}

function averagePoolingWithoutSize(layer: LayerDescription, keras: KerasVersion): VersionCheck {
    const edit = addArgumentEdit(layer, 'pool_size=2');
    const fixes = edit ? [{ title: 'Add pool_size=2 (what Keras 2 used)', edits: [edit], preferred: true }] : [];
    const keras3 = '"AveragePooling1D.__init__() missing 1 required positional argument: \'pool_size\'"';
    if (keras === 3) {
        return fails(diagnostic('missing-argument',
            `AveragePooling1D needs pool_size in Keras 3: ${keras3}. Keras 2 averaged 2 steps at a time when it was left out; write AveragePooling1D(2) for the same model in both.`,
            layer.nameRange, fixes));
    }
    return notes(diagnostic('keras-version-difference',
        `Keras 2 averages 2 steps at a time when pool_size is left out; Keras 3 refuses this call (${keras3}). Write pool_size=2 for the same model in both.`,
        layer.nameRange, fixes));
}

function backwardsInBidirectional(inner: LayerDescription, keras: KerasVersion): VersionCheck {
    const range = inner.valueRanges.go_backwards ?? inner.nameRange;
    const edit = removeArgumentEdit(inner, 'go_backwards');
    const fixes = edit ? [{ title: 'Remove go_backwards (Bidirectional already runs a backward copy)', edits: [edit], preferred: true }] : [];
    if (keras === 3) {
        return fails(diagnostic('invalid-argument',
            `Bidirectional makes a backward copy of ${inner.kind} itself, so the layer it wraps must read forwards. Keras 3: "Forward layer and backward layer should have different \`go_backwards\` value. Received: forward_layer.go_backwards True, backward_layer.go_backwards=True". Keras 2 built this, with the two directions swapped. Remove go_backwards=True.`,
            range, fixes));
    }
    return notes(diagnostic('keras-version-difference',
        `Keras 2 builds this with the directions swapped: the "forward" copy reads backwards and its backward copy forwards (same shapes and parameters). Keras 3 refuses it ("Forward layer and backward layer should have different \`go_backwards\` value"). Remove go_backwards=True for a model both build.`,
        range, fixes));
}

function spatialDropoutKeywords(layer: LayerDescription, keras: KerasVersion): VersionCheck {
    const found: RnnDiagnostic[] = [];
    for (const name of SPATIAL_DROPOUT_KERAS2_ONLY) {
        if (!layer.given.includes(name)) continue;
        const fixes = spatialDropoutFixes(layer, name);
        const keras3 = `"SpatialDropout1D.__init__() got an unexpected keyword argument '${name}'"`;
        const instead = name === 'trainable' ? 'it has no weights, so leave it out' : 'put Input(shape=...) first instead';
        found.push(keras === 3
            ? diagnostic('unknown-argument',
                `Keras 3's SpatialDropout1D takes only rate, seed, name and dtype: ${keras3}. Keras 2 accepted ${name}; ${instead}.`,
                layer.argRanges[name] ?? layer.nameRange, fixes)
            : diagnostic('keras-version-difference',
                `Keras 2 accepts ${name} on SpatialDropout1D; Keras 3 refuses it (${keras3}). For code that runs on both, ${instead}.`,
                layer.argRanges[name] ?? layer.nameRange, fixes));
    }
    return { diagnostics: found, fails: keras === 3 && found.length > 0 };
}

function spatialDropoutFixes(layer: LayerDescription, name: string): QuickFix[] {
    const remove = removeArgumentEdit(layer, name);
    if (!remove) return [];
    if (name !== 'input_shape') return [{ title: `Remove ${name}`, edits: [remove], preferred: true }];
    const insert = inputBefore(layer, `Input(shape=${formatValue(layer.args.input_shape)})`);
    return [{ title: 'Move the shape to Input(shape=...) before SpatialDropout1D', edits: [insert, remove], preferred: true }];
}

/** Inserts an `Input(...)` call on its own line before the layer, at the layer's indentation. */
function inputBefore(layer: LayerDescription, input: string): TextEdit {
    const door = layer.insertion;
    if (door) return { range: { start: door.at, end: door.at }, newText: `${door.prefix}${input}${door.suffix}` };
    const at = layer.range.start;
    return { range: { start: at, end: at }, newText: `${input}\n${' '.repeat(at.character)}` };
}

export interface ModelInput {
    readonly input?: InputDescription;
    readonly diagnostics: readonly RnnDiagnostic[];
}

/**
 * `Embedding(..., input_length=n)` as the only input shape: Keras 2 builds `(None, n)` from it,
 * Keras 3 ignores the argument and leaves the model unbuilt ("?" and "0 (unbuilt)" in its summary).
 */
export function modelInput(model: ModelDescription, keras: KerasVersion): ModelInput {
    const input = model.input;
    if (input?.source === 'input_dim' && keras === 2) return recurrentInputDim(model, input);
    if (input?.source !== 'input_length') return { input, diagnostics: [] };
    const embedding = model.layers[0];
    const shape = `(${input.shape.map(d => (d === null ? 'None' : String(d))).join(', ')},)`;
    const remove = removeArgumentEdit(embedding, 'input_length');
    const fixes = remove ? [{ title: `Put Input(shape=${shape}) first`, edits: [inputBefore(embedding, `Input(shape=${shape})`), remove], preferred: true }] : [];
    if (keras === 3) {
        return {
            input: undefined,
            diagnostics: [diagnostic('missing-input-shape',
                `Keras 3 ignores input_length ("Argument \`input_length\` is deprecated. Just remove it."), so model "${model.name}" has no input shape: Keras 3's summary shows "?" and "0 (unbuilt)" for every layer. Keras 2 built it as ${shape} from input_length. Put Input(shape=${shape}) first.`,
                input.range, fixes)]
        };
    }
    return {
        input,
        diagnostics: [diagnostic('keras-version-difference',
            `Keras 2 takes the input shape ${shape} from input_length; Keras 3 ignores input_length and leaves the model unbuilt (no shapes, "0 (unbuilt)"). Input(shape=${shape}) first builds it in both.`,
            input.range, fixes)]
    };
}

/**
 * `input_dim=n` on a first recurrent layer: Keras 2's RNN base class reads it as the features of
 * each step, input (None, None, n); Keras 3 reads it as input_shape=(n,), which a recurrent layer
 * refuses (the catalog's rank error says so).
 */
function recurrentInputDim(model: ModelDescription, input: InputDescription): ModelInput {
    const first = model.layers[0];
    if (!first || !findLayerKind(first.kind)?.recurrent) return { input, diagnostics: [] };
    const features = input.shape[0];
    const shape = `(None, ${features === null ? 'None' : features})`;
    const remove = removeArgumentEdit(first, 'input_dim');
    const fixes = remove ? [{ title: `Put Input(shape=${shape}) first`, edits: [inputBefore(first, `Input(shape=${shape})`), remove], preferred: true }] : [];
    return {
        input: { ...input, shape: [null, features] },
        diagnostics: [diagnostic('keras-version-difference',
            `Keras 2 reads input_dim on ${first.kind} as the features of each step: the input is ${shape}, any number of steps. Keras 3 reads it as input_shape=(${features},), which ${first.kind} refuses (it needs (steps, features)). Input(shape=${shape}) first means the same in both.`,
            input.range, fixes)]
    };
}

function fails(d: RnnDiagnostic): VersionCheck {
    return { diagnostics: [d], fails: true };
}

function notes(d: RnnDiagnostic): VersionCheck {
    return { diagnostics: [d], fails: false };
}
