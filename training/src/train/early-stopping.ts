/**
 * Keras's EarlyStopping: monitor, min_delta, patience, mode, baseline, restore_best_weights,
 * start_from_epoch. tfjs's own callback has no restore_best_weights, so RNN Lens keeps its own.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { isCall, sequenceItems, type Value } from '../../../language/src/index.js';

export interface EarlyStoppingConfig {
    readonly monitor: string;
    readonly minDelta: number;
    readonly patience: number;
    readonly mode: 'min' | 'max';
    readonly baseline: number | null;
    readonly restoreBestWeights: boolean;
    readonly startFromEpoch: number;
}

/** The EarlyStopping of `fit(callbacks=[...])`, with Keras's defaults, or undefined. */
export function earlyStoppingFrom(callbacks: Value | undefined): EarlyStoppingConfig | undefined {
    const call = (sequenceItems(callbacks ?? null) ?? []).find(c => isCall(c) && c.callee === 'EarlyStopping');
    if (!isCall(call)) return undefined;
    const k = call.keywords;
    const monitor = typeof k.monitor === 'string' ? k.monitor : 'val_loss';
    const modeValue = typeof k.mode === 'string' ? k.mode : 'auto';
    // Keras's "auto": maximise accuracy-like quantities, minimise the rest.
    const mode = modeValue === 'max' || (modeValue === 'auto' && /acc|auc|precision|recall/.test(monitor)) ? 'max' : 'min';
    return {
        monitor,
        minDelta: Math.abs(typeof k.min_delta === 'number' ? k.min_delta : 0),
        patience: typeof k.patience === 'number' ? k.patience : 0,
        mode,
        baseline: typeof k.baseline === 'number' ? k.baseline : null,
        restoreBestWeights: k.restore_best_weights === true,
        startFromEpoch: typeof k.start_from_epoch === 'number' ? k.start_from_epoch : 0
    };
}

/** Follows the monitored value epoch by epoch, as Keras's callback does. */
export class EarlyStopper {
    private best: number;
    private wait = 0;
    private bestWeights: tfjs.Tensor[] | undefined;
    bestEpoch = -1;
    stoppedEpoch = -1;

    constructor(private readonly config: EarlyStoppingConfig) {
        this.best = config.baseline ?? (config.mode === 'min' ? Infinity : -Infinity);
    }

    /** Returns true when training should stop after this epoch (Keras's `on_epoch_end`). */
    onEpochEnd(epoch: number, logs: Readonly<Record<string, number>>, model: tfjs.LayersModel): boolean {
        const current = logs[this.config.monitor];
        if (current === undefined || Number.isNaN(current) || epoch < this.config.startFromEpoch) return false;
        if (this.config.restoreBestWeights && !this.bestWeights) this.keep(model);
        this.wait += 1;
        if (this.improves(current, this.best)) {
            this.best = current;
            this.bestEpoch = epoch;
            if (this.config.restoreBestWeights) this.keep(model);
            if (this.config.baseline === null || this.improves(current, this.config.baseline)) this.wait = 0;
            return false;
        }
        if (this.wait >= this.config.patience && epoch > 0) {
            this.stoppedEpoch = epoch;
            return true;
        }
        return false;
    }

    /** When it stopped training: put back the best weights if asked (Keras restores only then). */
    restore(model: tfjs.LayersModel): boolean {
        if (this.stoppedEpoch < 0 || !this.config.restoreBestWeights || !this.bestWeights) return false;
        model.setWeights(this.bestWeights);
        return true;
    }

    dispose(): void {
        this.bestWeights?.forEach(t => t.dispose());
        this.bestWeights = undefined;
    }

    /** Keras: `monitor_op(current - min_delta, reference)` with min_delta negated for "min". */
    private improves(current: number, reference: number): boolean {
        return this.config.mode === 'min' ? current + this.config.minDelta < reference : current - this.config.minDelta > reference;
    }

    private keep(model: tfjs.LayersModel): void {
        this.bestWeights?.forEach(t => t.dispose());
        this.bestWeights = model.getWeights().map(w => w.clone());
    }
}
