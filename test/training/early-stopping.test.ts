/** Keras's EarlyStopping rules, epoch by epoch, on made-up logs. */
import { describe, expect, it } from 'vitest';
import { EarlyStopper, earlyStoppingFrom } from '../../training/src/train/early-stopping.js';

/** A stand-in for a tfjs model: its "weights" are the epoch at which they were taken. */
function fakeModel() {
    let epoch = 0;
    let restored: number | undefined;
    const tensor = (value: number) => ({ value, clone: () => tensor(value), dispose: () => {} });
    return {
        setEpoch: (e: number) => { epoch = e; },
        restored: () => restored,
        model: {
            getWeights: () => [tensor(epoch)],
            setWeights: (weights: Array<{ value: number }>) => { restored = weights[0].value; }
        } as never
    };
}

function run(callbacks: string, values: number[], monitor = 'val_loss') {
    const config = earlyStoppingFrom({ kind: 'list', items: [{ kind: 'call', callee: 'EarlyStopping', positional: [], keywords: parse(callbacks) }] })!;
    const stopper = new EarlyStopper(config);
    const fake = fakeModel();
    let stoppedAt = -1;
    for (let epoch = 0; epoch < values.length; epoch++) {
        fake.setEpoch(epoch);
        if (stopper.onEpochEnd(epoch, { [monitor]: values[epoch] }, fake.model)) { stoppedAt = epoch; break; }
    }
    stopper.restore(fake.model);
    return { stoppedAt, restored: fake.restored(), best: stopper.bestEpoch };
}

function parse(text: string): Record<string, number | boolean | string> {
    return Object.fromEntries(text.split(',').filter(Boolean).map(pair => {
        const [k, v] = pair.split('=');
        return [k.trim(), v === 'True' ? true : v === 'False' ? false : /^[\d.e-]+$/.test(v) ? Number(v) : v.replace(/"/g, '')];
    }));
}

describe('EarlyStopping', () => {
    it('stops after `patience` epochs without improvement and restores the best weights', () => {
        const result = run('patience=2,restore_best_weights=True', [1.0, 0.8, 0.9, 0.85, 0.7]);
        expect(result.stoppedAt).toBe(3);
        expect(result.best).toBe(1);
        expect(result.restored).toBe(1);
    });

    it('does not restore unless asked', () => {
        const result = run('patience=1', [1.0, 0.8, 0.9]);
        expect(result.stoppedAt).toBe(2);
        expect(result.restored).toBeUndefined();
    });

    it('counts an improvement only when it beats min_delta', () => {
        expect(run('patience=2,min_delta=0.1', [1.0, 0.95, 0.91, 0.5]).stoppedAt).toBe(2);
        expect(run('patience=2,min_delta=0.01', [1.0, 0.95, 0.91, 0.5]).stoppedAt).toBe(-1);
    });

    it('maximises accuracy-like quantities in "auto" mode', () => {
        expect(run('monitor="val_accuracy",patience=1', [0.5, 0.6, 0.7, 0.65], 'val_accuracy').stoppedAt).toBe(3);
        expect(run('monitor="val_accuracy",patience=1', [0.5, 0.6, 0.7, 0.8], 'val_accuracy').stoppedAt).toBe(-1);
    });

    it('never stops at the first epoch, as Keras (epoch > 0)', () => {
        expect(run('patience=0', [1.0, 2.0]).stoppedAt).toBe(1);
    });

    it('takes Keras\'s defaults: monitor val_loss, patience 0', () => {
        const config = earlyStoppingFrom({ kind: 'list', items: [{ kind: 'call', callee: 'EarlyStopping', positional: [], keywords: {} }] });
        expect(config).toMatchObject({ monitor: 'val_loss', patience: 0, minDelta: 0, mode: 'min', restoreBestWeights: false });
        expect(earlyStoppingFrom(null)).toBeUndefined();
    });
});
