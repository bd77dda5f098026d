/**
 * Keras's `orthogonal` initializer, every recurrent kernel's default, without tfjs's slowness:
 * tfjs's Orthogonal runs `linalg.qr` as hundreds of small tensor ops, 140–210 ms for one 30×30
 * kernel and 360 ms for 120×120 on the wasm backend — most of a small model's time before its
 * first batch. The same draw (tfjs's `randomNormal` with the initializer's seed) goes through
 * a QR factorisation in plain float64 JavaScript instead. The Q with a positive diagonal in R
 * is unique, so this gives tfjs's (and Keras's) matrix for the same draw, up to float rounding.
 */
import type * as tfjs from '@tensorflow/tfjs';

interface OrthogonalLike {
    getClassName(): string;
    getConfig(): { gain?: number; seed?: number };
    apply(shape: number[], dtype?: tfjs.DataType): tfjs.Tensor;
}

const patched = new WeakSet<object>();

/** The same initializer object, its `apply` replaced when it is an Orthogonal (config and class name unchanged, so saving is too). */
export function withFastOrthogonal<T>(tf: typeof tfjs, initializer: T): T {
    const init = initializer as unknown as OrthogonalLike;
    if (typeof init?.getClassName !== 'function' || init.getClassName() !== 'Orthogonal' || patched.has(init)) return initializer;
    const { gain = 1, seed } = init.getConfig();
    init.apply = (shape: number[], dtype?: tfjs.DataType) => orthogonalTensor(tf, shape, gain, seed, dtype);
    patched.add(init);
    return initializer;
}

function orthogonalTensor(tf: typeof tfjs, shape: number[], gain: number, seed: number | undefined, dtype?: tfjs.DataType): tfjs.Tensor {
    if (shape.length < 2) throw new Error('Orthogonal initializer: the shape must be at least 2D.');
    const rows = shape.slice(0, -1).reduce((a, b) => a * b, 1);
    const cols = shape[shape.length - 1];
    const tall = Math.max(rows, cols), narrow = Math.min(rows, cols);
    const draw = tf.tidy(() => tf.randomNormal([tall, narrow], 0, 1, 'float32', seed));
    const values = draw.dataSync();
    draw.dispose();
    const q = orthonormalColumns(values, tall, narrow);
    const out = new Float32Array(rows * cols);
    // q is [tall, narrow]; a wide kernel takes its transpose, as Keras's does.
    for (let i = 0; i < tall; i++) {
        for (let j = 0; j < narrow; j++) {
            const v = gain * q[i * narrow + j];
            if (rows >= cols) out[i * cols + j] = v;
            else out[j * cols + i] = v;
        }
    }
    return tf.tensor(out, shape, dtype ?? 'float32');
}

/**
 * Q of A = QR with R's diagonal positive, for A [m, n] (m ≥ n, row-major): Gram–Schmidt run
 * twice over each column ("twice is enough" makes it as orthogonal as Householder's), in float64.
 */
export function orthonormalColumns(a: ArrayLike<number>, m: number, n: number): Float64Array {
    const q = Float64Array.from(a as ArrayLike<number>);
    for (let j = 0; j < n; j++) {
        for (let pass = 0; pass < 2; pass++) {
            for (let k = 0; k < j; k++) {
                let dot = 0;
                for (let i = 0; i < m; i++) dot += q[i * n + k] * q[i * n + j];
                for (let i = 0; i < m; i++) q[i * n + j] -= dot * q[i * n + k];
            }
        }
        let norm = 0;
        for (let i = 0; i < m; i++) norm += q[i * n + j] * q[i * n + j];
        norm = Math.sqrt(norm);
        for (let i = 0; i < m; i++) q[i * n + j] = norm > 0 ? q[i * n + j] / norm : 0;
    }
    return q;
}
