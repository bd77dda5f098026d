/**
 * `rnn-lens train FILE [--model NAME] [--epochs N] [--batch-size N] [--learning-rate X]
 * [--backend auto|wasm|cpu] [--threads N|auto|off] [--json] [--save DIR]`: trains a model with tfjs on its data.
 * --threads: the kernel threads (training/src/threads/; RNN_LENS_THREADS likewise; by default every core for the whole-step
 * engine where a model is big enough to share its batches, one thread for the others and the per-layer path).
 * A progress bar on a terminal, a line per epoch otherwise, JSON lines with --json.
 * Ctrl-C stops between batches and still prints the results so far.
 */
import { dirname, resolve } from 'node:path';
import { type ModelAnalysis, severalOutputs } from '../../../language/src/index.js';
import {
    prepareDataset, DataError, createCustomLayers, stopKernelThreads, TrainingBlocked, trainModel
} from '../../../training/src/index.js';
import {
    directoryLoader, selectNodeBackend, type BackendRequest, startNodeThreads, saveModelToDirectory, useNativeProducts
} from '../../../training/src/node.js';
import { CliError, analyzeFile, placeOf, type Io } from '../io.js';
import { KERAS_OPTION, kerasOption, parseOptions, singleFile } from './options.js';
import { batchLine, epochLine } from '../progress-bar.js';
import { failureLine, ModelErrors, type FailureContext } from '../train-failure.js';
import { resultLines, resultJson } from '../train-results.js';

export async function runTrain(args: string[], io: Io): Promise<number> {
    // --json ends with one object, also when training cannot even start (a bad option, a bad file).
    const json = args.includes('--json');
    const context: FailureContext = {};
    try {
        return await train(args, io, context);
    } catch (error) {
        if (json) io.out(failureLine(error, context));
        if (error instanceof ModelErrors) {
            for (const d of error.errors) io.err(`${context.place?.(d.range) ?? `${context.file}:${d.range.start.line + 1}:${d.range.start.character + 1}`} error ${d.code} ${d.message}`);
            io.err(`rnn-lens train: model "${error.model}" cannot be trained until the errors above are fixed.`);
            return 1;
        }
        if (error instanceof DataError) {
            io.err(`rnn-lens train: ${error.message}`);
            return 1;
        }
        if (error instanceof TrainingBlocked) {
            io.err(`rnn-lens train: model "${context.model?.name}" cannot be trained in tfjs:\n${error.message}`);
            return 1;
        }
        throw error;
    }
}

async function train(args: string[], io: Io, context: FailureContext): Promise<number> {
    const { values, positionals } = parseOptions(args, {
        ...KERAS_OPTION,
        model: { type: 'string' }, epochs: { type: 'string' }, 'batch-size': { type: 'string' },
        'learning-rate': { type: 'string' }, backend: { type: 'string' }, threads: { type: 'string' }, json: { type: 'boolean' }, save: { type: 'string' }
    });
    const file = singleFile(positionals);
    context.file = file;
    const analysis = analyzeFile(file, { keras: kerasOption(values.keras) });
    context.place = range => placeOf(file, analysis, range);
    const model = pickModel(analysis.models, values.model, file);
    context.model = model;
    // A bad cell is left to the data pipeline below, which names it with its file, row and column.
    const errors = analysis.diagnostics.filter(d => d.severity === 'error' && d.code !== 'data-bad-cell');
    if (errors.length > 0 || !model.complete) throw new ModelErrors(model.name, errors);
    const outputs = severalOutputs(model);
    if (outputs) throw new TrainingBlocked([{ layer: model.layers.at(-1)!.name, message: outputs }]);
    const backendRequest = (values.backend ?? 'auto') as BackendRequest;
    if (!['auto', 'wasm', 'cpu'].includes(backendRequest)) throw new CliError(`--backend must be auto, wasm or cpu, not "${values.backend}".`);
    const epochs = positiveOption(values.epochs, '--epochs', true);
    const batchSize = positiveOption(values['batch-size'], '--batch-size', true);
    const learningRate = positiveOption(values['learning-rate'], '--learning-rate', false);

    // The kernel threads start (a worker each, ~85 ms) while this thread prepares the data and tfjs.
    // The matrix products are decided first (selectNodeBackend decides them again, the same way):
    // a worker takes the products this thread has when it starts.
    useNativeProducts();
    const threadsStarting = startNodeThreads(values.threads).then(choice => ({ choice }), (error: unknown) => ({ error }));
    try {
        const data = prepareDataset(model.description, model.description.input?.shape, directoryLoader(dirname(resolve(file))), { outputUnits: model.output?.[model.output.length - 1] ?? undefined });

        quietTfjsNotices();
        const tf = await import('@tensorflow/tfjs');
        const backend = await selectNodeBackend(tf, backendRequest);
        const started = await threadsStarting;
        if ('error' in started) throw new CliError(`${(started.error as Error).message}.`);
        const threads = started.choice;
        const json = values.json === true;
        const tty = !json && process.stderr.isTTY === true;
        if (!json) {
            io.out(`Training "${model.name}" (${model.totals.total.toLocaleString('en-US')} params) on ${data.summary}`);
            io.out(`Backend: ${backend.backend} (${backend.reason})`);
            io.out(`Threads: ${threads.reason}`);
        }
        let stop = false;
        const onSigint = () => {
            if (stop) process.exit(130);
            stop = true;
            io.err('\nStopping after this batch (Ctrl-C again to quit now)...');
        };
        process.on('SIGINT', onSigint);
        const tensorsBefore = tf.memory().numTensors;
        try {
            const result = await trainModel(tf, model, data, createCustomLayers(tf), {
                epochs, batchSize, learningRate,
                shouldStop: () => stop,
                onBatch: p => { if (tty) process.stderr.write(`\r\x1b[K${batchLine(p)}`); },
                onEpoch: log => {
                    if (json) io.out(JSON.stringify({ epoch: log.epoch, epochs: log.epochs, ...log.logs, seconds: round(log.seconds), samplesPerSecond: Math.round(log.samplesPerSecond) }));
                    else if (tty) process.stderr.write(`\r\x1b[K${epochLine(log)}\n`);
                    else io.out(epochLine(log));
                }
            });
            try {
                if (values.save) {
                    const written = await saveModelToDirectory(tf, result.tfModel, values.save);
                    if (!json) io.out(`Saved the trained model (tfjs format) to ${written.join(', ')}`);
                }
                if (json) io.out(JSON.stringify(resultJson(result, backend.backend, data)));
                else io.out(resultLines(result, data).join('\n'));
            } finally {
                result.tfModel.dispose();
            }
            const leaked = tf.memory().numTensors - tensorsBefore;
            if (leaked !== 0) io.err(`rnn-lens train: warning: ${leaked} tensors were not released.`);
            return 0;
        } finally {
            process.off('SIGINT', onSigint);
        }
    } finally {
        await threadsStarting;
        stopKernelThreads();
    }
}

function pickModel(models: readonly ModelAnalysis[], name: string | undefined, file: string): ModelAnalysis {
    if (models.length === 0) throw new CliError(`${file} has no model.`);
    if (name === undefined) return models[0];
    const model = models.find(m => m.name === name);
    if (!model) throw new CliError(`no model named "${name}" in ${file}; its models are: ${models.map(m => m.name).join(', ')}.`);
    return model;
}

function positiveOption(text: string | undefined, flag: string, integer: boolean): number | undefined {
    if (text === undefined) return undefined;
    const value = Number(text);
    if (!Number.isFinite(value) || value <= 0 || (integer && !Number.isInteger(value))) {
        throw new CliError(`${flag} must be a positive ${integer ? 'whole ' : ''}number, not "${text}".`);
    }
    return value;
}

/** tfjs warns that its orthogonal initializer is slow on matrices over 2,000 elements: true, and not the user's concern. */
function quietTfjsNotices(): void {
    const warn = console.warn;
    console.warn = (...args: unknown[]) => {
        if (typeof args[0] === 'string' && args[0].startsWith('Orthogonal initializer is being called')) return;
        warn(...args);
    };
}

function round(x: number): number {
    return Math.round(x * 1000) / 1000;
}
