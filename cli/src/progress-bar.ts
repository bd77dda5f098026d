/** A Keras-like progress bar for a terminal: `Epoch 3/30 [=====>....] 22/32 - loss: 0.0123 - 812 samples/s - ETA 12s`. */
import { duration, fmt, type BatchProgress, type EpochLog } from '../../training/src/index.js';

const WIDTH = 30;

export function batchLine(p: BatchProgress): string {
    const filled = Math.round((p.batch / p.batches) * WIDTH);
    const bar = p.batch === p.batches ? '='.repeat(WIDTH) : `${'='.repeat(Math.max(0, filled - 1))}>${'.'.repeat(WIDTH - Math.max(1, filled))}`;
    return `Epoch ${p.epoch}/${p.epochs} [${bar}] ${String(p.batch).padStart(String(p.batches).length)}/${p.batches} - loss: ${fmt(p.loss)} - ${Math.round(p.samplesPerSecond)} samples/s - ETA ${duration(p.secondsLeft)}`;
}

export function epochLine(log: EpochLog): string {
    const metrics = Object.entries(log.logs).map(([k, v]) => `${k}: ${fmt(v)}`).join(' - ');
    return `Epoch ${log.epoch}/${log.epochs} - ${log.seconds.toFixed(1)}s - ${Math.round(log.samplesPerSecond)} samples/s - ${metrics}`;
}
