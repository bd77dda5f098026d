/**
 * tfjs's Adam with each variable's update as one call into RNN Lens's wasm module
 * (training/wasm/assembly/optimizer.ts, four values at a time) instead of a dozen tfjs
 * operations per variable per batch (m, v, the bias corrections, sqrt, the step, four assigns):
 * ~200 operations a batch for a four-layer model, 1–4 ms of per-operation overhead, a fifth of
 * a small model's batch. The same float32 arithmetic as tfjs's AdamOptimizer.applyGradients, in
 * its order, so the same weights come out within float rounding (fused-adam.test.ts: 1e-5
 * relative).
 *
 * The moments live in the module's memory, a block per variable, given back by dispose (or when
 * the optimizer is collected); getWeights/setWeights read and write them in tfjs's layout
 * (iterations, every `name/m`, every `name/v`). Each weight is written back with one assign of
 * a new tensor, never in place: backends cache what they derive from a weight's buffer (wasm's
 * packed matMul operands), keyed by that buffer.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { kernelModule } from '../layers/kernel-module.js';
import { tensorFrom, valuesOf } from '../layers/tensor-values.js';

type Tf = typeof tfjs;
interface NamedTensor { name: string; tensor: tfjs.Tensor }
type Gradients = tfjs.NamedTensorMap | NamedTensor[];

/** A variable's moments in kernel memory: m at `at`, v right after it, `size` values each. */
interface Moments { readonly name: string; readonly at: number; readonly size: number; readonly shape: number[] }

/** Gives an optimizer's moment blocks back when it is collected without dispose. */
const collected = new FinalizationRegistry<Map<string, Moments>>(moments => releaseAll(moments));

function releaseAll(moments: Map<string, Moments>): void {
    const { memory } = kernelModule();
    for (const state of moments.values()) memory.release(state.at);
    moments.clear();
}

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
            collected.register(this, this.moments, this);
        }

        /** The moments of `name` (zero at first), `size` values each. */
        private momentsOf(name: string, size: number, shape: number[]): Moments {
            let state = this.moments.get(name);
            if (!state) {
                const { memory } = kernelModule();
                const at = memory.allocate(2 * size);
                memory.view().fill(0, at, at + 2 * size);
                state = { name, at, size, shape };
                this.moments.set(name, state);
            }
            return state;
        }

        override applyGradients(gradients: Gradients): void {
            const named: Array<[string, tfjs.Tensor | undefined]> = Array.isArray(gradients)
                ? gradients.map(g => [g.name, g.tensor])
                : Object.entries(gradients);
            const { beta1, beta2, epsilon, learningRate } = this as unknown as { beta1: number; beta2: number; epsilon: number; learningRate: number };
            const { exports: kernel, memory } = kernelModule();
            for (const [name, gradient] of named) {
                if (!gradient) continue;
                const variable = tf.engine().registeredVariables[name];
                const size = variable.size;
                const state = this.momentsOf(name, size, variable.shape);
                const scratch = memory.allocate(2 * size);
                try {
                    const f = memory.view();
                    f.set(valuesOf(tf, variable), scratch);
                    f.set(valuesOf(tf, gradient), scratch + size);
                    kernel.adamUpdate(scratch * 4, (scratch + size) * 4, state.at * 4, (state.at + size) * 4, size,
                        beta1, Math.fround(1 - beta1), beta2, Math.fround(1 - beta2), 1 - this.power1, 1 - this.power2, epsilon, learningRate);
                    const next = tensorFrom(tf, memory.view().subarray(scratch, scratch + size), variable.shape);
                    variable.assign(next);
                    next.dispose(); // the variable holds its own reference
                } finally {
                    memory.release(scratch);
                }
            }
            this.power1 = Math.fround(this.power1 * Math.fround(beta1));
            this.power2 = Math.fround(this.power2 * Math.fround(beta2));
            this.incrementIterations();
        }

        override dispose(): void {
            releaseAll(this.moments);
            collected.unregister(this);
            super.dispose();
        }

        override async getWeights(): Promise<NamedTensor[]> {
            const states = [...this.moments.values()];
            const f = kernelModule().memory.view();
            return [
                await this.saveIterations(),
                ...states.map(s => ({ name: `${s.name}/m`, tensor: tf.tensor(f.slice(s.at, s.at + s.size), s.shape) })),
                ...states.map(s => ({ name: `${s.name}/v`, tensor: tf.tensor(f.slice(s.at + s.size, s.at + 2 * s.size), s.shape) }))
            ];
        }

        override async setWeights(weights: NamedTensor[]): Promise<void> {
            const rest = await this.extractIterations(weights);
            const { beta1, beta2 } = this as unknown as { beta1: number; beta2: number };
            const t = (this as unknown as { iterations_: number }).iterations_;
            this.power1 = Math.fround(beta1 ** (t + 1));
            this.power2 = Math.fround(beta2 ** (t + 1));
            releaseAll(this.moments);
            const half = rest.length / 2;
            rest.slice(0, half).forEach((first, i) => {
                const state = this.momentsOf(first.name.replace(/\/m$/, ''), first.tensor.size, first.tensor.shape);
                const f = kernelModule().memory.view();
                f.set(first.tensor.dataSync() as Float32Array, state.at);
                f.set(rest[half + i].tensor.dataSync() as Float32Array, state.at + state.size);
            });
        }
    }
    return FusedAdamOptimizer;
}
