/**
 * tfjs's Adam with each variable's update as one loop over plain arrays instead of a dozen tfjs
 * operations per variable per batch (m, v, the bias corrections, sqrt, the step, four assigns):
 * ~200 operations a batch for a four-layer model, 1–4 ms of per-operation overhead, a fifth of
 * a small model's batch. The same arithmetic as tfjs's AdamOptimizer.applyGradients, in its
 * order (epsilon added to √v̂ after the bias correction; β^t accumulated in float32), so the
 * same weights come out within float rounding (fused-adam.test.ts: 1e-5 relative).
 *
 * The moments live in Float32Arrays of this object; getWeights/setWeights read and write them
 * in tfjs's layout (iterations, every `name/m`, every `name/v`). Each weight is written back
 * with one assign of a new tensor, never in place: backends cache what they derive from a
 * weight's buffer (wasm's packed matMul operands), keyed by that buffer.
 */
import type * as tfjs from '@tensorflow/tfjs';

type Tf = typeof tfjs;
interface NamedTensor { name: string; tensor: tfjs.Tensor }
type Gradients = tfjs.NamedTensorMap | NamedTensor[];

interface Moments { readonly name: string; readonly m: Float32Array; readonly v: Float32Array; readonly shape: number[] }

const classes = new WeakMap<object, new (lr: number, b1: number, b2: number, eps: number) => tfjs.Optimizer>();

/** An Adam optimizer for this tfjs module: the tfjs class, with its update fused. */
export function fusedAdam(tf: Tf, learningRate: number, beta1: number, beta2: number, epsilon: number): tfjs.Optimizer {
    let Fused = classes.get(tf.AdamOptimizer);
    if (!Fused) {
        Fused = defineClass(tf);
        classes.set(tf.AdamOptimizer, Fused);
    }
    return new Fused(learningRate, beta1, beta2, epsilon);
}

/**
 * One Adam step of one weight, in place: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
 * w ← w − lr · (m / (1−β₁^t)) / (√(v / (1−β₂^t)) + ε). In double precision between the
 * float32 loads and stores (tfjs rounds after every operation: the results differ in the last
 * bits, and this loop runs twice as fast). A function of its own, so that V8 optimizes it alone.
 */
export function adamStep(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array,
    beta1: number, beta2: number, power1: number, power2: number, epsilon: number, learningRate: number): void {
    const c1 = 1 - beta1, c2 = 1 - beta2;
    const correction1 = 1 - power1, correction2 = 1 - power2;
    for (let i = 0; i < w.length; i++) {
        const gi = g[i];
        const mi = m[i] * beta1 + gi * c1;
        const vi = v[i] * beta2 + gi * gi * c2;
        m[i] = mi;
        v[i] = vi;
        w[i] -= learningRate * (mi / correction1) / (Math.sqrt(vi / correction2) + epsilon);
    }
}

function defineClass(tf: Tf) {
    class FusedAdamOptimizer extends tf.AdamOptimizer {
        private readonly moments = new Map<string, Moments>();
        /** β₁^t and β₂^t of the next step, as tfjs's float32 accumulators hold them. */
        private power1: number;
        private power2: number;

        constructor(lr: number, b1: number, b2: number, eps: number) {
            super(lr, b1, b2, eps);
            this.power1 = Math.fround(b1);
            this.power2 = Math.fround(b2);
        }

        override applyGradients(gradients: Gradients): void {
            const named: Array<[string, tfjs.Tensor | undefined]> = Array.isArray(gradients)
                ? gradients.map(g => [g.name, g.tensor])
                : Object.entries(gradients);
            const { beta1, beta2, epsilon, learningRate } = this as unknown as { beta1: number; beta2: number; epsilon: number; learningRate: number };
            for (const [name, gradient] of named) {
                if (!gradient) continue;
                const variable = tf.engine().registeredVariables[name];
                const g = gradient.dataSync() as Float32Array;
                // A copy: on cpu, dataSync hands out the backend's own array.
                const w = (variable.dataSync() as Float32Array).slice();
                let state = this.moments.get(name);
                if (!state) {
                    state = { name, m: new Float32Array(w.length), v: new Float32Array(w.length), shape: variable.shape };
                    this.moments.set(name, state);
                }
                adamStep(w, g, state.m, state.v, beta1, beta2, this.power1, this.power2, epsilon, learningRate);
                const next = tf.tensor(w, variable.shape, 'float32');
                variable.assign(next);
                next.dispose(); // the variable holds its own reference
            }
            this.power1 = Math.fround(this.power1 * Math.fround(beta1));
            this.power2 = Math.fround(this.power2 * Math.fround(beta2));
            this.incrementIterations();
        }

        override async getWeights(): Promise<NamedTensor[]> {
            const states = [...this.moments.values()];
            return [
                await this.saveIterations(),
                ...states.map(s => ({ name: `${s.name}/m`, tensor: tf.tensor(s.m, s.shape) })),
                ...states.map(s => ({ name: `${s.name}/v`, tensor: tf.tensor(s.v, s.shape) }))
            ];
        }

        override async setWeights(weights: NamedTensor[]): Promise<void> {
            const rest = await this.extractIterations(weights);
            const { beta1, beta2 } = this as unknown as { beta1: number; beta2: number };
            const t = (this as unknown as { iterations_: number }).iterations_;
            this.power1 = Math.fround(beta1 ** (t + 1));
            this.power2 = Math.fround(beta2 ** (t + 1));
            this.moments.clear();
            const half = rest.length / 2;
            rest.slice(0, half).forEach((first, i) => {
                const name = first.name.replace(/\/m$/, '');
                this.moments.set(name, {
                    name,
                    m: Float32Array.from(first.tensor.dataSync() as Float32Array),
                    v: Float32Array.from(rest[half + i].tensor.dataSync() as Float32Array),
                    shape: first.tensor.shape
                });
            });
        }
    }
    return FusedAdamOptimizer;
}
