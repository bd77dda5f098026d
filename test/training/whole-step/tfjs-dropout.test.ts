/**
 * The whole step's Dropout mask (training/src/train/whole-step/tfjs-dropout.ts) is the one
 * tf.dropout draws from the same Math.random: the per-layer path runs tfjs's own Dropout layer.
 */
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../../../training/src/data/synthetic.js';
import { tfjsDropoutMask } from '../../../training/src/train/whole-step/tfjs-dropout.js';

/** Runs `draw` with Math.random seeded. */
function seeded<T>(seed: number, draw: () => T): T {
    const random = Math.random;
    Math.random = mulberry32(seed);
    try {
        return draw();
    } finally {
        Math.random = random;
    }
}

describe('a Dropout layer\'s mask in the whole step', () => {
    it('is the one tf.dropout draws from the same Math.random, value for value, reading Math.random as often', () => {
        for (const [size, rate] of [[1920, 0.1], [37, 0.5], [640, 0.25]] as const) {
            const input = tf.ones([size]);
            const byTfjs = seeded(size, () => {
                const dropped = tf.dropout(input, rate);
                const values = dropped.dataSync() as Float32Array;
                dropped.dispose();
                return { values, next: Math.random() };
            });
            input.dispose();
            const ours = seeded(size, () => ({ values: tfjsDropoutMask(size, rate), next: Math.random() }));
            expect(Array.from(ours.values), `${size} values at rate ${rate}`).toEqual(Array.from(byTfjs.values));
            expect(ours.next).toBe(byTfjs.next);
            expect(new Set(ours.values)).toEqual(new Set([0, Math.fround(1 / Math.fround(1 - rate))]));
        }
    });
});
