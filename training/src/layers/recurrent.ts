/**
 * RNN Lens's own recurrent layer: Keras 3's SimpleRNNCell, LSTMCell and GRUCell run over the
 * sequence, with Keras's weight layout (`kernel` [i, g·h], `recurrent_kernel` [h, g·h], `bias`
 * [g·h], or [2, 3h] for GRU with reset_after=True) and Keras's dropout: one input mask shared
 * by the gates (implementation 2), or one mask per gate for the inputs and the state when
 * `recurrent_dropout` > 0 (Keras switches to implementation 1 then). The masks are drawn once
 * per call and shared by every time step. tfjs's own GRU has no reset_after=True, and its
 * LSTM/GRU share one recurrent mask between the gates (and GRU mixes the dropped state into h).
 *
 * tfjs is passed in (the trainer picks the backend), so the class is made once per tfjs module.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { activationOf } from './activations.js';
import { asFastActivation, fastPathSupports, fastRecurrent, type FastPlan } from './fast-recurrent.js';
import { mulberry32 } from '../data/synthetic.js';
import { registered, resolve, serialize } from './tfjs-objects.js';
import { withFastOrthogonal } from './orthogonal.js';

type Tf = typeof tfjs;
type Tensor = tfjs.Tensor;
type Kind = 'SimpleRNN' | 'LSTM' | 'GRU';

/** The layer's options, in tfjs spelling; initializers, regularizers and constraints as tfjs objects, identifiers or `{className, config}`. */
export interface KerasRecurrentConfig {
    readonly kind: Kind;
    readonly units: number;
    readonly activation?: string;
    readonly recurrentActivation?: string;
    readonly useBias?: boolean;
    readonly kernelInitializer?: unknown;
    readonly recurrentInitializer?: unknown;
    readonly biasInitializer?: unknown;
    readonly unitForgetBias?: boolean;
    readonly kernelRegularizer?: unknown;
    readonly recurrentRegularizer?: unknown;
    readonly biasRegularizer?: unknown;
    readonly kernelConstraint?: unknown;
    readonly recurrentConstraint?: unknown;
    readonly biasConstraint?: unknown;
    readonly dropout?: number;
    readonly recurrentDropout?: number;
    readonly returnSequences?: boolean;
    readonly goBackwards?: boolean;
    readonly resetAfter?: boolean;
    readonly seed?: number | null;
    readonly name?: string;
    readonly trainable?: boolean;
    readonly batchInputShape?: Array<number | null>;
    /** false: the taped loop even where the fast one applies (tests compare the two). */
    readonly fastLoop?: boolean;
}

export const KERAS_RECURRENT_CLASS = 'RnnLensRecurrent';

const GATES: Record<Kind, number> = { SimpleRNN: 1, LSTM: 4, GRU: 3 };

type Ctor = new (config: KerasRecurrentConfig) => tfjs.layers.Layer;
/** The registered layer class for this tfjs module. */
export function kerasRecurrentClass(tf: Tf): Ctor {
    return registered(tf, KERAS_RECURRENT_CLASS, () => defineClass(tf));
}

function defineClass(tf: Tf): Ctor {
    class RnnLensRecurrent extends tf.layers.Layer {
        static className = KERAS_RECURRENT_CLASS;
        readonly kind: Kind;
        readonly units: number;
        readonly returnSequences: boolean;
        readonly returnState = false;
        readonly goBackwards: boolean;
        readonly resetAfter: boolean;
        readonly useBias: boolean;
        readonly unitForgetBias: boolean;
        readonly dropout: number;
        readonly recurrentDropout: number;
        readonly seed: number | null;
        private readonly activationName: string;
        private readonly recurrentActivationName: string;
        /** Whether the loop over time runs as one operation with its own gradient (fast-recurrent.ts). */
        private readonly fast: boolean;
        private readonly act: (x: Tensor) => Tensor;
        private readonly recurrentAct: (x: Tensor) => Tensor;
        private readonly inits: Record<'kernel' | 'recurrent' | 'bias', unknown>;
        private readonly regularizers: Record<'kernel' | 'recurrent' | 'bias', unknown>;
        private readonly constraints: Record<'kernel' | 'recurrent' | 'bias', unknown>;
        private kernel?: tfjs.LayerVariable;
        private recurrentKernel?: tfjs.LayerVariable;
        private bias?: tfjs.LayerVariable;
        private draws = 0;

        constructor(config: KerasRecurrentConfig) {
            super(config as ConstructorParameters<typeof tf.layers.Layer>[0]);
            // Copy every option: tfjs's Bidirectional edits the config object after cloning from it.
            this.kind = recurrentKind(config.kind);
            this.units = config.units;
            this.returnSequences = config.returnSequences === true;
            this.goBackwards = config.goBackwards === true;
            this.resetAfter = this.kind === 'GRU' && config.resetAfter !== false;
            this.useBias = config.useBias !== false;
            this.unitForgetBias = this.kind === 'LSTM' && config.unitForgetBias !== false;
            this.dropout = Math.min(1, Math.max(0, config.dropout ?? 0));
            this.recurrentDropout = Math.min(1, Math.max(0, config.recurrentDropout ?? 0));
            this.seed = config.seed ?? null;
            this.activationName = config.activation ?? 'tanh';
            this.recurrentActivationName = config.recurrentActivation ?? 'sigmoid';
            this.fast = config.fastLoop !== false && fastPathSupports(this.kind, this.activationName, this.recurrentActivationName);
            this.act = activationOf(tf, this.activationName);
            this.recurrentAct = activationOf(tf, this.recurrentActivationName);
            this.inits = {
                kernel: withFastOrthogonal(tf, resolve(tf.initializers, config.kernelInitializer, 'glorotUniform')),
                recurrent: withFastOrthogonal(tf, resolve(tf.initializers, config.recurrentInitializer, 'orthogonal')),
                bias: resolve(tf.initializers, config.biasInitializer, 'zeros')
            };
            this.regularizers = {
                kernel: resolve(tf.regularizers, config.kernelRegularizer),
                recurrent: resolve(tf.regularizers, config.recurrentRegularizer),
                bias: resolve(tf.regularizers, config.biasRegularizer)
            };
            this.constraints = {
                kernel: resolve(tf.constraints, config.kernelConstraint),
                recurrent: resolve(tf.constraints, config.recurrentConstraint),
                bias: resolve(tf.constraints, config.biasConstraint)
            };
            this.supportsMasking = true;
            this.inputSpec = [{ ndim: 3 }];
        }

        override build(inputShape: tfjs.Shape | tfjs.Shape[]): void {
            const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfjs.Shape;
            const inputDim = shape[shape.length - 1] as number;
            const gh = GATES[this.kind] * this.units;
            const add = (name: string, dims: number[], which: 'kernel' | 'recurrent' | 'bias') =>
                this.addWeight(name, dims, 'float32', this.inits[which] as never, this.regularizers[which] as never, true, this.constraints[which] as never);
            this.kernel = add('kernel', [inputDim, gh], 'kernel');
            this.recurrentKernel = add('recurrent_kernel', [this.units, gh], 'recurrent');
            if (this.useBias) {
                this.bias = add('bias', this.resetAfter ? [2, gh] : [gh], 'bias');
                if (this.unitForgetBias) {
                    // Keras: bias_initializer for i, ones for f, bias_initializer for c and o.
                    const init = this.inits.bias as { apply(shape: number[]): Tensor };
                    const h = this.units;
                    tf.tidy(() => { this.bias!.write(tf.concat([init.apply([h]), tf.ones([h]), init.apply([2 * h])])); });
                }
            }
            this.built = true;
        }

        override computeOutputShape(inputShape: tfjs.Shape | tfjs.Shape[]): tfjs.Shape {
            const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tfjs.Shape;
            return this.returnSequences ? [shape[0], shape[1], this.units] : [shape[0], this.units];
        }

        override computeMask(_inputs: Tensor | Tensor[], mask?: Tensor | Tensor[]): Tensor | Tensor[] {
            return (this.returnSequences ? mask ?? null : null) as Tensor;
        }

        /**
         * `count` dropout masks of `size` values (one, when count is 1): 0, or 1 / (1 − rate) with
         * probability 1 − rate, as Keras's. Drawn in plain JavaScript (tf.dropout drew them with
         * several tfjs operations and a slow generator: ~3 ms a batch for four LSTM layers); with a
         * seed, every call draws the next masks of that seed's sequence.
         */
        private masks(size: number, rate: number, count: number): Float32Array[] {
            return Array.from({ length: count }, () => dropoutMask(size, rate, this.seed === null ? null : mixSeed(this.seed, this.draws++)));
        }

        /**
         * This call's dropout masks ([B·in] on the input, [B·h] on the state: one for every gate,
         * or one per gate under recurrent_dropout, Keras's implementation 1), in training only.
         */
        private drawMasks(batch: number, inputDim: number, training: boolean): { input: Float32Array[] | null; state: Float32Array[] | null } {
            const count = this.recurrentDropout > 0 && this.kind !== 'SimpleRNN' ? GATES[this.kind] : 1;
            return {
                input: training && this.dropout > 0 && this.dropout < 1 ? this.masks(batch * inputDim, this.dropout, count) : null,
                state: training && this.recurrentDropout > 0 && this.recurrentDropout < 1 ? this.masks(batch * this.units, this.recurrentDropout, count) : null
            };
        }

        /** A training call's dropout masks, drawn as that call draws them: the whole-step engine's (training/src/train/whole-step/). */
        dropoutMasks(batch: number, inputDim: number): { input: Float32Array[] | null; state: Float32Array[] | null } {
            return this.drawMasks(batch, inputDim, true);
        }

        /** Whether this layer's loop runs as one operation (fastPlan gives its inputs). */
        get fastLoop(): boolean {
            return this.fast;
        }

        /**
         * What the fast loop needs for this call (the weights, the masks drawn for it), or null
         * where the taped loop runs it. Bidirectional (bidirectional.ts) asks both directions for
         * theirs and runs them as one operation.
         */
        fastPlan(x: tfjs.Tensor3D, kwargs: Record<string, unknown>): FastPlan | null {
            if (!this.fast) return null;
            const maskIn = (Array.isArray(kwargs?.mask) ? kwargs.mask[0] : kwargs?.mask) as Tensor | undefined;
            const [batch, steps, inputDim] = x.shape;
            const masks = this.drawMasks(batch, inputDim, kwargs?.training === true);
            return {
                kernel: this.kernel!.read() as tfjs.Tensor2D,
                recurrent: this.recurrentKernel!.read() as tfjs.Tensor2D,
                bias: this.bias?.read(),
                options: {
                    owner: this,
                    kind: this.kind === 'GRU' && !this.resetAfter ? 'GRUClassic' : this.kind,
                    units: this.units,
                    activations: { act: asFastActivation(this.activationName), rec: asFastActivation(this.kind === 'SimpleRNN' ? 'linear' : this.recurrentActivationName) },
                    returnSequences: this.returnSequences,
                    goBackwards: this.goBackwards,
                    inputMasks: masks.input,
                    stateMasks: masks.state,
                    stepMask: maskIn ? stepMaskValues(maskIn, batch, steps, this.goBackwards) : null
                }
            };
        }

        override call(inputs: Tensor | Tensor[], kwargs: Record<string, unknown>): Tensor {
            return tf.tidy(() => {
                const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tfjs.Tensor3D;
                const plan = this.fastPlan(x, kwargs);
                if (plan) return fastRecurrent(tf, x, plan);
                const maskIn = (Array.isArray(kwargs?.mask) ? kwargs.mask[0] : kwargs?.mask) as Tensor | undefined;
                const [batch, steps, inputDim] = x.shape;
                const g = GATES[this.kind];
                const h = this.units;
                const perGate = this.recurrentDropout > 0 && this.kind !== 'SimpleRNN'; // Keras's implementation 1
                const { input: inputMaskValues, state: stateMaskValues } = this.drawMasks(batch, inputDim, kwargs?.training === true);
                const kernel = this.kernel!.read() as tfjs.Tensor2D;
                const recurrent = this.recurrentKernel!.read() as tfjs.Tensor2D;
                const bias = this.bias?.read();
                const inputMasks = inputMaskValues?.map(m => tf.tensor2d(m, [batch, inputDim])) ?? null;
                const inputBias = bias && (this.resetAfter ? tf.squeeze(tf.slice(bias, [0, 0], [1, g * h]), [0]) : bias);
                const recurrentBias = bias && this.resetAfter ? tf.squeeze(tf.slice(bias, [1, 0], [1, g * h]), [0]) : undefined;
                // A product per gate only where each gate's input has its own mask (each split is
                // taped ops forwards and a concat backwards).
                const kernels = inputMasks && inputMasks.length > 1 ? tf.split(kernel, g, 1) : [kernel];

                // The input projection x·W + b of every step at once (the input masks do not change over time).
                const flat = tf.reshape(x, [batch * steps, inputDim]);
                const projected = kernels.map((k, gate) => {
                    const m = inputMasks ? tf.reshape(tf.tile(tf.expandDims(inputMasks[kernels.length === 1 ? 0 : gate], 1), [1, steps, 1]), [batch * steps, inputDim]) : null;
                    return tf.matMul(m ? tf.mul(flat, m) : flat, k);
                });
                let xw = projected.length === 1 ? projected[0] : tf.concat(projected, 1);
                if (inputBias) xw = tf.add(xw, inputBias);
                const recurrents = perGate || (this.kind === 'GRU' && !this.resetAfter) ? tf.split(recurrent, g, 1) : [recurrent];
                const stateMasks = stateMaskValues ? stateMaskValues.map(m => tf.tensor2d(m, [batch, h])) : null;
                let xs = tf.unstack(tf.reshape(xw, [batch, steps, g * h]), 1);
                let stepMasks = maskIn ? tf.unstack(tf.cast(tf.reshape(maskIn, [batch, steps, 1]), 'float32'), 1) : null;
                if (this.goBackwards) {
                    // Copies: the arrays tf.unstack returns are the tape's own record of its outputs,
                    // and reversing them in place would send each step's gradient to the wrong step.
                    xs = [...xs].reverse();
                    stepMasks = stepMasks ? [...stepMasks].reverse() : null;
                }

                let state = tf.zeros([batch, h]);
                let carry = this.kind === 'LSTM' ? tf.zeros([batch, h]) : null;
                const outputs: Tensor[] = [];
                xs.forEach((xt, t) => {
                    const [nextState, nextCarry] = this.step(xt, state, carry, stateMasks, recurrents, recurrentBias);
                    const m = stepMasks?.[t];
                    // A masked step carries the state over (and repeats the last output), as Keras.
                    state = m ? tf.add(tf.mul(nextState, m), tf.mul(state, tf.sub(1, m))) : nextState;
                    if (carry && nextCarry) carry = m ? tf.add(tf.mul(nextCarry, m), tf.mul(carry, tf.sub(1, m))) : nextCarry;
                    if (this.returnSequences) outputs.push(state);
                });
                return this.returnSequences ? tf.stack(outputs, 1) : state;
            });
        }

        /** One Keras cell step; `xw` is the input projection with the input bias. Returns [h, c]. */
        private step(xw: Tensor, hPrev: Tensor, cPrev: Tensor | null, stateMasks: Tensor[] | null,
            recurrents: Tensor[], recurrentBias: Tensor | undefined): [Tensor, Tensor | null] {
            const dropped = (gate: number) => (stateMasks ? tf.mul(hPrev, stateMasks[stateMasks.length === 1 ? 0 : gate]) : hPrev);
            /** h_(t−1)·U for every gate, each gate with its own recurrent mask when there is one per gate. */
            const allGates = () => recurrents.length === 1
                ? tf.matMul(dropped(0), recurrents[0])
                : tf.concat(recurrents.map((u, gate) => tf.matMul(dropped(gate), u)), 1);
            if (this.kind === 'SimpleRNN') {
                return [this.act(tf.add(xw, allGates())), null];
            }
            if (this.kind === 'LSTM') {
                const [zi, zf, zc, zo] = tf.split(tf.add(xw, allGates()), 4, 1);
                const i = this.recurrentAct(zi);
                const f = this.recurrentAct(zf);
                const c = tf.add(tf.mul(f, cPrev!), tf.mul(i, this.act(zc)));
                const o = this.recurrentAct(zo);
                return [tf.mul(o, this.act(c)), c];
            }
            const [xz, xr, xh] = tf.split(xw, 3, 1);
            let candidate: Tensor;
            let z: Tensor;
            if (this.resetAfter) {
                // h̃ = act(x·W_h + b_h + r ⊙ (h·U_h + b_rh))
                let inner = allGates();
                if (recurrentBias) inner = tf.add(inner, recurrentBias);
                const [rz, rr, rh] = tf.split(inner, 3, 1);
                z = this.recurrentAct(tf.add(xz, rz));
                const r = this.recurrentAct(tf.add(xr, rr));
                candidate = this.act(tf.add(xh, tf.mul(r, rh)));
            } else {
                // h̃ = act(x·W_h + b_h + (r ⊙ h)·U_h)
                z = this.recurrentAct(tf.add(xz, tf.matMul(dropped(0), recurrents[0])));
                const r = this.recurrentAct(tf.add(xr, tf.matMul(dropped(1), recurrents[1])));
                candidate = this.act(tf.add(xh, tf.matMul(tf.mul(r, dropped(2)), recurrents[2])));
            }
            // Keras mixes the undropped previous state.
            return [tf.add(tf.mul(z, hPrev), tf.mul(tf.sub(1, z), candidate)), null];
        }

        override getConfig(): tfjs.serialization.ConfigDict {
            return {
                ...super.getConfig(),
                kind: this.kind,
                units: this.units,
                activation: this.activationName,
                recurrentActivation: this.recurrentActivationName,
                useBias: this.useBias,
                kernelInitializer: serialize(this.inits.kernel),
                recurrentInitializer: serialize(this.inits.recurrent),
                biasInitializer: serialize(this.inits.bias),
                unitForgetBias: this.unitForgetBias,
                kernelRegularizer: serialize(this.regularizers.kernel),
                recurrentRegularizer: serialize(this.regularizers.recurrent),
                biasRegularizer: serialize(this.regularizers.bias),
                kernelConstraint: serialize(this.constraints.kernel),
                recurrentConstraint: serialize(this.constraints.recurrent),
                biasConstraint: serialize(this.constraints.bias),
                dropout: this.dropout,
                recurrentDropout: this.recurrentDropout,
                returnSequences: this.returnSequences,
                goBackwards: this.goBackwards,
                resetAfter: this.resetAfter,
                seed: this.seed
            } as tfjs.serialization.ConfigDict;
        }
    }
    return RnnLensRecurrent as unknown as Ctor;
}

/**
 * The kind from a config: tfjs's deserializer rewrites string values it takes for Python names
 * (`LSTM` comes back from a saved model as `lstm`, `SimpleRNN` as `simple_rnn`).
 */
function recurrentKind(value: unknown): Kind {
    const bare = String(value).replace(/_/g, '').toLowerCase();
    const kind = (Object.keys(GATES) as Kind[]).find(k => k.toLowerCase() === bare);
    if (!kind) throw new Error(`unknown recurrent kind ${String(value)}`);
    return kind;
}

/** A mask of `size` values: 0 with probability `rate`, else 1 / (1 − rate); from `seed`'s generator, or Math.random. */
export function dropoutMask(size: number, rate: number, seed: number | null): Float32Array {
    const random = seed === null ? Math.random : mulberry32(seed);
    const kept = 1 / (1 - rate);
    const mask = new Float32Array(size);
    for (let i = 0; i < size; i++) mask[i] = random() >= rate ? kept : 0;
    return mask;
}

/** The seed of a layer's n-th draw: the layer's seed and n mixed into 32 bits. */
function mixSeed(seed: number, draw: number): number {
    return (Math.imul(Math.trunc(seed) | 0, 0x9e3779b1) ^ Math.imul(draw + 1, 0x85ebca77)) >>> 0;
}

/** A [B, T] mask as ones and zeros in processing order (reversed in time for go_backwards). */
function stepMaskValues(mask: Tensor, batch: number, steps: number, backwards: boolean): Float32Array {
    const values = mask.dataSync();
    const out = new Float32Array(batch * steps);
    for (let b = 0; b < batch; b++) {
        for (let t = 0; t < steps; t++) out[b * steps + t] = values[b * steps + (backwards ? steps - 1 - t : t)] ? 1 : 0;
    }
    return out;
}
