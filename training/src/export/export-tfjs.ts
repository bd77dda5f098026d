/**
 * `rnn-lens export --to tfjs`: a model as TypeScript with @tensorflow/tfjs, built layer by layer
 * exactly as `rnn-lens train` builds it (the catalog's tfjs builds, run against a recorder):
 * Keras's defaults spelt out where tfjs's differ, and RNN Lens's own layers where tfjs has no
 * Keras equivalent (GRU with reset_after=True, Keras's dropout masks, causal Conv1D ...), each
 * with the catalog's note saying why.
 */
import {
    type ModelAnalysis, findLayerKind, NotTrainable, type Tf, type TfjsCustomLayers, ExportError
} from '../../../language/src/index.js';
import { buildLayers, masksBefore } from '../build/build-model.js';
import { compileSettings } from '../build/compile.js';
import { earlyStoppingFrom } from '../train/early-stopping.js';
import { fitRunSettings } from '../train/run-settings.js';
import { code, isRecordedCall, recorder, typescriptValue, type RecordedCall } from './tfjs-record.js';

const CUSTOM = 'rnnLens';

export function exportTfjs(model: ModelAnalysis, rnnFile: string): string {
    const tf = recorder<Tf>('tf');
    const custom = recorder<TfjsCustomLayers>(CUSTOM);
    const problems: string[] = [];
    const adds: string[] = [];
    model.layers.forEach((layer, index) => {
        try {
            // stockLayers: tfjs's own layers wherever they compute what Keras does.
            const built = buildLayers(tf, layer.description, layer.input!, layer.name, index === 0 ? model.input : undefined, custom, { stockLayers: true, keras: model.keras, masked: masksBefore(model, index) }) as unknown as RecordedCall[];
            const note = findLayerKind(layer.kind)?.tfjsNote?.(layer.description.args);
            adds.push(...(note ? wrapComment(note) : []), ...built.map(part => `model.add(${typescriptValue(withoutDefaults(part))});`));
        } catch (error) {
            if (!(error instanceof NotTrainable)) throw error;
            problems.push(`${layer.name} (${layer.kind}): ${error.message}`);
        }
    });
    let compile: string[] = [];
    const description = model.description;
    try {
        if (description.compile) {
            const settings = compileSettings(tf, description.compile);
            compile = [`model.compile(${typescriptValue({ optimizer: settings.optimizer, loss: settings.loss, metrics: settings.metrics.map(m => m.tfjs) })});`];
        }
    } catch (error) {
        if (!(error instanceof NotTrainable)) throw error;
        problems.push(`compile: ${error.message}`);
    }
    if (problems.length > 0) throw new ExportError(`tfjs cannot build model "${model.name}":\n${problems.join('\n')}`);
    const usesCustom = adds.some(line => line.includes(`${CUSTOM}.`));
    return [
        '/**',
        ` * ${model.name}, exported from ${rnnFile} by RNN Lens (\`rnn-lens export --to tfjs\`): the model`,
        ' * \`rnn-lens train\` builds, with Keras\'s defaults given where tfjs\'s own differ.',
        ' */',
        'import * as tf from \'@tensorflow/tfjs\';',
        ...(usesCustom ? [
            '// RNN Lens\'s own layers, for what tfjs lacks (see the notes below): training/src/layers of RNN Lens.',
            'import { createCustomLayers } from \'rnn-lens/training/src/layers/index.js\';',
            '',
            `const ${CUSTOM} = createCustomLayers(tf);`
        ] : []),
        '',
        `export const model = tf.sequential({ name: ${JSON.stringify(model.name)} });`,
        ...adds,
        ...compile,
        'model.summary();',
        '',
        ...trainFunction(model)
    ].join('\n') + '\n';
}

/** `train(...)`: fit(...)'s settings, for the windows of data(...) (`rnn-lens train` prepares them). */
function trainFunction(model: ModelAnalysis): string[] {
    const args = model.description.fit?.args ?? {};
    const { epochs, batchSize } = fitRunSettings(args);
    const stop = earlyStoppingFrom(args.callbacks);
    const callbacks = stop ? [{
        monitor: stop.monitor, minDelta: stop.minDelta, patience: stop.patience, mode: stop.mode,
        ...(stop.baseline === null ? {} : { baseline: stop.baseline })
    }] : [];
    return [
        '/** Trains on windows of shape [samples, steps, features], as fit(...) says; `validation` is the validation part of data(...). */',
        'export async function train(x: tf.Tensor, y: tf.Tensor, validation?: [tf.Tensor, tf.Tensor]): Promise<tf.History> {',
        ...(stop?.restoreBestWeights ? ['    // tfjs\'s EarlyStopping has no restore_best_weights: `rnn-lens train` keeps the best weights itself.'] : []),
        `    return model.fit(x, y, ${typescriptValue({
            epochs, batchSize, shuffle: args.shuffle !== false, validationData: code('validation'),
            ...(callbacks.length > 0 ? { callbacks: callbacks.map(c => recorder<(c: object) => unknown>('tf.callbacks.earlyStopping')(c)) } : {})
        }, '    ')});`,
        '}'
    ];
}

/** `trainable: true` is tfjs's default everywhere: left out, at every depth. */
function withoutDefaults(value: unknown): unknown {
    if (isRecordedCall(value)) return { ...value, args: value.args.map(withoutDefaults) };
    if (Array.isArray(value)) return value.map(withoutDefaults);
    if (typeof value !== 'object' || value === null) return value;
    const entries = Object.entries(value).filter(([k, v]) => !(k === 'trainable' && v === true))
        // `fastLoop: false` comes with stockLayers (the benchmark's baseline); the export keeps RNN Lens's fast loop.
        .filter(([k]) => k !== 'fastLoop');
    return Object.fromEntries(entries.map(([k, v]) => [k, withoutDefaults(v)]));
}

function wrapComment(text: string): string[] {
    const lines: string[] = [];
    let line = '//';
    for (const word of text.split(' ')) {
        if (line.length + word.length > 100) {
            lines.push(line);
            line = '//';
        }
        line += ` ${word}`;
    }
    return [...lines, line];
}
