/** What training reports as it goes: per batch and per epoch, with Keras's log names. */

export interface BatchProgress {
    readonly epoch: number;
    readonly epochs: number;
    readonly batch: number;
    readonly batches: number;
    readonly loss: number;
    /** Training samples per second so far in this epoch. */
    readonly samplesPerSecond: number;
    /** Estimated seconds left in the whole training (at the current pace, all epochs). */
    readonly secondsLeft: number;
}

export interface EpochLog {
    /** 1-based, as Keras prints "Epoch 3/50". */
    readonly epoch: number;
    readonly epochs: number;
    /** `loss`, `val_loss`, and each metric (`mae`, `val_mae`, `accuracy`, ...), Keras's names. */
    readonly logs: Readonly<Record<string, number>>;
    readonly seconds: number;
    readonly samplesPerSecond: number;
}

export interface TrainingCallbacks {
    onBatch?(progress: BatchProgress): void;
    onEpoch?(log: EpochLog): void;
}
