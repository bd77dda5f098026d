/**
 * A Dropout layer's mask for the whole step. The per-layer path runs tfjs's own Dropout layer,
 * so the whole step draws the mask tf.dropout draws: one tf.randomUniform (alea seeded with
 * String(Math.random()), one value after another), a value kept where floor(u + keep) is 1 and
 * scaled by 1 / keep, in float32. Drawn here without a tensor: tf.randomUniform makes one on
 * the backend and reads it back, 3× the time of the draw itself, on the calling thread while
 * the kernel threads wait (test/training/whole-step/tfjs-dropout.test.ts checks it is tfjs's).
 */
import seedrandom from 'seedrandom';

export function tfjsDropoutMask(size: number, rate: number): Float32Array {
    const keep = Math.fround(1 - rate);
    const kept = Math.fround(1 / keep);
    const uniform = seedrandom.alea(String(Math.random()));
    const mask = new Float32Array(size);
    for (let i = 0; i < size; i++) mask[i] = Math.fround(Math.fround(uniform()) + keep) >= 1 ? kept : 0;
    return mask;
}
