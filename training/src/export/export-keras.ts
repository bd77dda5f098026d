/**
 * `rnn-lens export --to keras`: a model as a runnable Python script — the imports, the constants
 * it uses, the Sequential model with Keras's argument names (what the model gives; Keras's
 * defaults are left out), compile, `model.summary()`, and where the model has `data(...)`, the
 * loading, windowing, scaling and fit of export-data.ts.
 */
import {
    type DocumentAnalysis, type ModelAnalysis, findLayerKind, signatureOf, type LayerKind, kerasLayerArguments,
    kerasLayerPath, kerasStatementArguments, findStatementKind, type BoundCall, type LayerDescription,
    type StatementDescription, type KerasVersion
} from '../../../language/src/index.js';
import { ExportValues } from '../../../language/src/parse.js';
import { DATA_SCRIPT_NAMES, dataCode } from './export-data.js';

const SCRIPT_NAMES = ['keras', 'layers', 'model', ...DATA_SCRIPT_NAMES];

export function exportKeras(text: string, analysis: DocumentAnalysis, model: ModelAnalysis, rnnFile: string): string {
    const values = new ExportValues(text, analysis.description, SCRIPT_NAMES);
    const description = model.description;
    const inputKind = findLayerKind('Input')!;
    const stack = [
        ...(description.input?.call ? [layerCall(inputKind, description.input.call, undefined, values)] : []),
        ...description.layers.map(layer => layerCall(findLayerKind(layer.kind)!, layer, layer.inner, values))
    ];
    const compile = description.compile ? [`model.compile(${statementArguments(description.compile, values).join(', ')})`] : [];
    const data = dataCode(description, values, rnnFile);
    const fit = fitLines(description.fit, data !== undefined, values);
    const constants = values.constantLines();
    const sections = [
        [`"""${model.name}, exported from ${rnnFile} by RNN Lens (\`rnn-lens export --to keras\`).`, '', runsWith(model.keras), '"""',
            'import keras', 'from keras import layers', ...(data?.imports ?? [])],
        constants,
        [
            'model = keras.Sequential([',
            ...stack.map(layer => `    ${layer},`),
            `], name=${JSON.stringify(model.name)})`,
            ...compile,
            'model.summary()'
        ],
        data?.lines ?? [],
        fit
    ];
    return `${sections.filter(s => s.length > 0).map(s => s.join('\n')).join('\n\n')}\n`;
}

/** The Keras the numbers were worked out for: the file's `keras N` or the default. */
function runsWith(keras: KerasVersion): string {
    return keras === 2
        ? 'Written for Keras 2 (tf-keras): TensorFlow 2.15 or earlier, where `import keras` is Keras 2; with the tf-keras package on a later TensorFlow, import tf_keras as keras and take layers from it.'
        : 'Written for Keras 3: `pip install keras`, or TensorFlow 2.16 and later.';
}

/** `layers.LSTM(30, activation="relu")`; a wrapper's layer is written the same way inside it. */
function layerCall(kind: LayerKind, call: BoundCall, inner: LayerDescription | undefined, values: ExportValues): string {
    const signature = signatureOf(kind);
    const args = kerasLayerArguments(kind, call).map(({ name, positional }) => {
        const nested = name === kind.wraps?.argument ? inner : name === kind.wraps?.second ? (call as LayerDescription).second : undefined;
        const type = signature.find(s => s.name === name)?.type;
        const code = call.args[name];
        const value = nested
            ? layerCall(findLayerKind(nested.kind)!, nested, nested.inner, values)
            // Python code kept as a string in .rnn (Lambda's function) is code again in Keras.
            : type?.kind === 'python' && typeof code === 'string' ? code
            : values.argument(call, name, type)!;
        return positional ? value : `${name}=${value}`;
    });
    return `${kerasLayerPath(kind)}(${args.join(', ')})`;
}

function statementArguments(call: StatementDescription, values: ExportValues): string[] {
    const kind = findStatementKind(call.kind)!;
    return kerasStatementArguments(kind, call).map(({ name }) => `${name}=${values.argument(call, name, kind.args.find(a => a.name === name)?.type)}`);
}

/** fit(...) on the windows of data(...); without data, what to call it with is the reader's (a comment says so). */
function fitLines(fit: StatementDescription | undefined, hasData: boolean, values: ExportValues): string[] {
    const args = fit ? statementArguments(fit, values) : [];
    if (hasData) {
        return [
            `model.fit(${['X_train', 'y_train', 'validation_data=(X_val, y_val) if n_val > 0 else None', ...args].join(', ')})`,
            'if n_test > 0:',
            '    print(model.evaluate(X_test, y_test, return_dict=True))'
        ];
    }
    if (!fit) return [];
    return [
        '# The model has no data(...) with a CSV file: train it on your own windows,',
        '# X of shape (samples, steps, features) and y, with:',
        `# model.fit(${['X', 'y', ...args].join(', ')})`
    ];
}
