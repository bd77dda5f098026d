/**
 * Trains one analysed model on its prepared data: builds the Keras model in tfjs, compiles it
 * as `compile(...)` says, fits it as `fit(...)` says (EarlyStopping included), reports progress,
 * stops between batches when asked, evaluates on the test part, and leaks no tensor.
 */
import type * as tfjs from '@tensorflow/tfjs';
import type { ModelAnalysis, TfjsCustomLayers } from '../../../language/src/index.js';
import { buildTfjsModel, type BuildOptions, type BuildProblem } from '../build/build-model.js';
import { compileSettings } from '../build/compile.js';
import type { PreparedDataset } from '../data/dataset.js';
import { EarlyStopper, earlyStoppingFrom } from './early-stopping.js';
import { chooseEngine, type EngineChoice } from './whole-step/choose.js';
import { fitWholeStep } from './whole-step/fit.js';
import { evaluateOnTest, type TestResult } from './evaluate.js';
import type { EpochLog, TrainingCallbacks } from './progress.js';
import { fitRunSettings } from './run-settings.js';
import { layerKernelThreads } from '../threads/batch-shares.js';
import { productsInUse } from '../layers/native-products.js';

/**
 * Without `yieldEachBatch`, the whole-step engine yields to the event loop (a stop, a progress
 * line written to a pipe) at most every 25 ms, not after every batch (tfjs's 'auto' is 125 ms).
 */
const YIELD_EVERY_MS = 25;

export interface TrainOptions extends TrainingCallbacks {
    /** Overrides `fit(epochs=...)`. */
    readonly epochs?: number;
    readonly batchSize?: number;
    readonly learningRate?: number;
    /** Asked after every batch; true ends training there (the results so far are kept). */
    readonly shouldStop?: () => boolean;
    /** How the tfjs model is built (the benchmark's stock baseline). */
    readonly build?: BuildOptions;
    /**
     * Awaited after every batch, before `shouldStop` is asked, instead of tfjs's own yield
     * (requestAnimationFrame where there is one, which caps a web worker at 60 batches a second).
     * A worker passes a macrotask yield here so that a stop message that arrives during a batch
     * is seen at the end of that batch.
     */
    readonly yieldEachBatch?: () => Promise<void>;
    /** Which engine trains (whole-step/choose.ts); default: RNN_LENS_ENGINE, else the whole-step one wherever it can. */
    readonly engine?: EngineChoice;
}

export interface TrainResult {
    readonly model: string;
    readonly params: number;
    readonly epochsRun: number;
    readonly epochs: number;
    readonly batchSize: number;
    readonly optimizer: string;
    readonly loss: string;
    readonly history: readonly EpochLog[];
    readonly stoppedEarly: boolean;
    readonly stoppedByUser: boolean;
    readonly restoredBestEpoch?: number;
    /** The loss and metrics on the test part (scaled, as Keras's evaluate reports them). */
    readonly testLogs: Readonly<Record<string, number>>;
    readonly test?: TestResult;
    readonly seconds: number;
    /** The engine that trained: one wasm call per batch, or tfjs's fit over the layers (and why). */
    readonly engine: 'whole-step' | 'layers';
    readonly engineReason?: string;
    /** Threads that trained: the whole-step engine's parts of a batch, or the per-layer path's kernel threads. */
    readonly threads: number;
    /** Which matrix products RNN Lens's kernels ran: "native AVX-512", "native AVX2" or "wasm SIMD" (layers/native-products.ts). */
    readonly products: string;
    /** The trained tfjs model; the caller disposes it. */
    readonly tfModel: tfjs.Sequential;
}

/** The model cannot be trained: said before training starts, with the layer at fault. */
export class TrainingBlocked extends Error {
    constructor(readonly problems: readonly BuildProblem[]) {
        super(problems.map(p => `${p.layer}: ${p.message}`).join('\n'));
        this.name = 'TrainingBlocked';
    }
}

export async function trainModel(tf: typeof tfjs, analysis: ModelAnalysis, data: PreparedDataset, custom: TfjsCustomLayers, options: TrainOptions = {}): Promise<TrainResult> {
    let settings;
    try {
        settings = compileSettings(tf, analysis.description.compile, options.learningRate);
    } catch (error) {
        throw new TrainingBlocked([{ layer: analysis.name, message: (error as Error).message }]);
    }
    const built = buildTfjsModel(tf, analysis, custom, options.build);
    if (!built.ok) {
        settings.optimizer.dispose();
        throw new TrainingBlocked(built.problems);
    }
    const model = built.model;
    const fitArgs = analysis.description.fit?.args ?? {};
    const { epochs, batchSize } = fitRunSettings(fitArgs, options);
    const stopper = earlyStoppingFrom(fitArgs.callbacks) ? new EarlyStopper(earlyStoppingFrom(fitArgs.callbacks)!) : undefined;
    const history: EpochLog[] = [];
    const [steps, features] = data.inputShape;
    const tensors: tfjs.Tensor[] = [];
    const keep = <T extends tfjs.Tensor>(t: T) => { tensors.push(t); return t; };
    const started = Date.now();
    let stoppedEarly = false;
    let stoppedByUser = false;
    let decision: ReturnType<typeof chooseEngine> | undefined;
    try {
        model.compile({ optimizer: settings.optimizer, loss: settings.loss, metrics: settings.metrics.map(m => m.tfjs) });
        decision = chooseEngine(tf, model, settings.loss, settings.metrics.map(m => m.tfjs), settings.optimizer, batchSize, options.engine);
        const batches = Math.ceil(data.train.n / batchSize);
        let epochStarted = Date.now();
        const callbacks = {
            onEpochBegin: async () => { epochStarted = Date.now(); },
            onBatchEnd: async (batch: number, logs?: tfjs.Logs) => {
                const seconds = (Date.now() - epochStarted) / 1000;
                const done = Math.min((batch + 1) * batchSize, data.train.n);
                const perSecond = seconds > 0 ? done / seconds : 0;
                const epochIndex = history.length;
                const samplesLeft = (epochs - epochIndex) * data.train.n - done;
                options.onBatch?.({
                    epoch: epochIndex + 1, epochs, batch: batch + 1, batches, loss: logs?.loss ?? NaN,
                    samplesPerSecond: perSecond, secondsLeft: perSecond > 0 ? samplesLeft / perSecond : NaN
                });
                if (options.yieldEachBatch) await options.yieldEachBatch();
                if (options.shouldStop?.()) {
                    stoppedByUser = true;
                    model.stopTraining = true;
                }
            },
            onEpochEnd: async (epoch: number, logs?: tfjs.Logs) => {
                const seconds = (Date.now() - epochStarted) / 1000;
                const entry: EpochLog = { epoch: epoch + 1, epochs, logs: kerasLogNames(logs ?? {}, settings.metrics), seconds, samplesPerSecond: seconds > 0 ? data.train.n / seconds : 0 };
                history.push(entry);
                options.onEpoch?.(entry);
                if (stopper?.onEpochEnd(epoch, entry.logs, model)) {
                    stoppedEarly = true;
                    model.stopTraining = true;
                }
            }
        };
        const shuffle = fitArgs.shuffle !== false;
        if (decision.program) {
            await fitWholeStep(tf, decision.program, data.train, data.validation.n > 0 ? data.validation : undefined, {
                epochs, batchSize, shuffle, yieldEveryMs: options.yieldEachBatch ? null : YIELD_EVERY_MS,
                loss: settings.loss === 'meanAbsoluteError' ? 'absolute' : 'squared',
                metrics: settings.metrics.map(m => ({ name: m.tfjs, of: m.tfjs === 'mae' ? 'absolute' as const : 'squared' as const }))
            }, { ...callbacks, stopRequested: () => stoppedByUser || stoppedEarly });
        } else {
            // The data as tensors only for tfjs's fit (the whole-step engine reads the arrays).
            const xTrain = keep(tf.tensor3d(data.train.x, [data.train.n, steps, features]));
            const yTrain = keep(tf.tensor2d(data.train.y, [data.train.n, data.targetWidth]));
            const validation = data.validation.n > 0
                ? [keep(tf.tensor3d(data.validation.x, [data.validation.n, steps, features])), keep(tf.tensor2d(data.validation.y, [data.validation.n, data.targetWidth]))] as [tfjs.Tensor, tfjs.Tensor]
                : undefined;
            await model.fit(xTrain, yTrain, {
                epochs, batchSize, shuffle, validationData: validation, verbose: 0,
                yieldEvery: options.yieldEachBatch ? 'never' : 'batch',
                callbacks
            });
        }
        const restored = stopper?.restore(model) ? stopper.bestEpoch + 1 : undefined;
        const testLogs = data.test.n > 0 ? evaluateLogs(tf, model, data, settings.metrics) : {};
        return {
            model: analysis.name,
            params: analysis.totals.total,
            epochsRun: history.length,
            epochs,
            batchSize,
            optimizer: settings.optimizerText,
            loss: settings.kerasLoss,
            history,
            stoppedEarly,
            stoppedByUser,
            restoredBestEpoch: restored,
            testLogs,
            test: evaluateOnTest(tf, model, data),
            seconds: (Date.now() - started) / 1000,
            engine: decision.engine,
            engineReason: decision.reason,
            threads: decision.program?.threads ?? layerKernelThreads(),
            products: productsInUse().text,
            tfModel: model
        };
    } catch (error) {
        model.dispose();
        throw error;
    } finally {
        stopper?.dispose();
        decision?.program?.dispose();
        tensors.forEach(t => t.dispose());
        settings.optimizer.dispose();
    }
}

/** tfjs logs `acc`, `val_acc`; Keras users read `accuracy` and the names they wrote. */
function kerasLogNames(logs: Readonly<Record<string, number>>, metrics: ReadonlyArray<{ keras: string; tfjs: string }>): Record<string, number> {
    const result: Record<string, number> = {};
    // Keras's order: loss and metrics, then their validation counterparts.
    const keys = Object.keys(logs).sort((a, b) => Number(a.startsWith('val_')) - Number(b.startsWith('val_')));
    for (const key of keys) {
        const value = logs[key];
        const validation = key.startsWith('val_');
        const bare = validation ? key.slice(4) : key;
        const metric = metrics.find(m => m.tfjs === bare || (m.tfjs === 'accuracy' && bare === 'acc'));
        const name = metric ? metric.keras : bare;
        result[validation ? `val_${name}` : name] = value;
    }
    return result;
}

function evaluateLogs(tf: typeof tfjs, model: tfjs.LayersModel, data: PreparedDataset, metrics: ReadonlyArray<{ keras: string }>): Record<string, number> {
    const [steps, features] = data.inputShape;
    const values = tf.tidy(() => {
        const x = tf.tensor3d(data.test.x, [data.test.n, steps, features]);
        const y = tf.tensor2d(data.test.y, [data.test.n, data.targetWidth]);
        const result = model.evaluate(x, y, { batchSize: 256 });
        return (Array.isArray(result) ? result : [result]).map(t => t.dataSync()[0]);
    });
    const names = ['loss', ...metrics.map(m => m.keras)];
    return Object.fromEntries(values.map((v, i) => [names[i] ?? `metric_${i}`, v]));
}
