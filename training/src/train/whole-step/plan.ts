/**
 * Which models the whole-step engine trains, and what it needs of each layer: read off the
 * built tfjs model. A model trains whole-step when every layer has a kernel in the module
 * (Conv1D, pooling, SimpleRNN/LSTM/GRU and Bidirectional around them, Dense, Dropout), the
 * loss is MSE or MAE with MSE/MAE metrics, the optimizer is Adam, and nothing adds to the loss
 * or the update (regularizers, constraints, frozen weights); anything else says why not, and
 * the model keeps the per-layer path.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { KERNEL_ACTIVATIONS } from '../../layers/recurrent-kernel.js';
import { samePadding } from '../../layers/conv-ops.js';

/** Activation codes, as training/wasm/assembly/activations.ts numbers them. */
const ACTIVATION_CODES: Record<string, number> = { linear: 0, relu: 1, sigmoid: 2, tanh: 3 };
const RECURRENT_CODES = { SimpleRNN: 0, LSTM: 1, GRU: 2, GRUClassic: 3 } as const;
const GATES = [1, 4, 3, 3];
const MERGE_CODES: Record<string, number> = { concat: 0, sum: 1, ave: 2, mul: 3 };
const LOSS_CODES: Record<string, number> = { meanSquaredError: 0, meanAbsoluteError: 1 };
export const STEP_METRICS = ['mse', 'mae'] as const;

export type Variable = tfjs.LayerVariable;

/** One direction of a recurrent layer. */
export interface DirectionPlan {
    /** The tfjs layer: it draws this direction's dropout masks, as on the per-layer path. */
    readonly layer: RecurrentFields;
    readonly kind: number;
    readonly gates: number;
    readonly steps: number;
    readonly inputs: number;
    readonly units: number;
    readonly act: number;
    readonly rec: number;
    readonly returnSequences: boolean;
    readonly goBackwards: boolean;
    readonly kernel: Variable;
    readonly recurrentKernel: Variable;
    readonly bias: Variable | null;
    /** GRU with reset_after=True: the bias is [2, gh], its second row the recurrent bias. */
    readonly recurrentBias: boolean;
    readonly inputMaskCount: number;
    readonly stateMaskCount: number;
}

export type LayerPlan =
    | { readonly kind: 'conv'; readonly steps: number; readonly channels: number; readonly filters: number; readonly kernelSize: number; readonly stride: number;
        readonly dilation: number; readonly padLeft: number; readonly outSteps: number; readonly act: number; readonly kernel: Variable; readonly bias: Variable | null }
    | { readonly kind: 'pool'; readonly steps: number; readonly channels: number; readonly mode: number; readonly pool: number; readonly stride: number;
        readonly padLeft: number; readonly outSteps: number }
    | { readonly kind: 'recurrent'; readonly direction: DirectionPlan }
    | { readonly kind: 'bidirectional'; readonly mode: number; readonly forward: DirectionPlan; readonly backward: DirectionPlan }
    | { readonly kind: 'dense'; readonly rowsPerSample: number; readonly inputs: number; readonly units: number; readonly act: number; readonly kernel: Variable; readonly bias: Variable | null }
    | { readonly kind: 'dropout'; readonly size: number; readonly rate: number };

export interface StepPlan {
    readonly layers: readonly LayerPlan[];
    /** Values per sample of the input ([T, C]) and the prediction. */
    readonly inputSize: number;
    readonly outputWidth: number;
    readonly lossCode: number;
    /** Every trainable weight, in the model's order. */
    readonly weights: readonly Variable[];
}

export type PlanResult = { readonly ok: true; readonly plan: StepPlan } | { readonly ok: false; readonly reason: string };

/** What the plan reads of RNN Lens's recurrent layer (training/src/layers/recurrent.ts). */
export interface RecurrentFields {
    readonly kind: 'SimpleRNN' | 'LSTM' | 'GRU';
    readonly units: number;
    readonly returnSequences: boolean;
    readonly goBackwards: boolean;
    readonly resetAfter: boolean;
    readonly dropout: number;
    readonly recurrentDropout: number;
    readonly fastLoop: boolean;
    readonly activationName: string;
    readonly recurrentActivationName: string;
    readonly kernel: Variable;
    readonly recurrentKernel: Variable;
    readonly bias?: Variable;
    dropoutMasks(batch: number, inputDim: number): { input: Float32Array[] | null; state: Float32Array[] | null };
}

class Unsupported extends Error {}

function need(condition: boolean, reason: string): asserts condition {
    if (!condition) throw new Unsupported(reason);
}

/** A sample's shape between layers: [steps, width], steps null for a 2-D output. */
interface Shape { readonly steps: number | null; readonly width: number }

export function planWholeStep(model: tfjs.Sequential, loss: string, metrics: readonly string[], optimizer: tfjs.Optimizer): PlanResult {
    try {
        need(optimizer.getClassName() === 'Adam', 'the optimizer is not Adam'); // tfjs's optimizers answer instanceof for one another
        need(LOSS_CODES[loss] !== undefined, `the loss ${loss} has no kernel`);
        for (const m of metrics) need((STEP_METRICS as readonly string[]).includes(m), `the metric ${m} has no kernel`);
        need(model.nonTrainableWeights.length === 0, 'the model has non-trainable weights');
        const input = model.inputs[0].shape;
        need(input.length === 3 && typeof input[1] === 'number' && typeof input[2] === 'number', 'the input is not [batch, steps, features]');
        let shape: Shape = { steps: input[1] as number, width: input[2] as number };
        const layers: LayerPlan[] = [];
        for (const layer of model.layers) {
            need(layer.trainable || layer.trainableWeights.length === 0, `${layer.name} is frozen`);
            need(layer.losses.length === 0 && !(layer as unknown as { activityRegularizer?: unknown }).activityRegularizer, `${layer.name} adds to the loss`);
            const [plan, next] = planLayer(layer, shape);
            layers.push(plan);
            shape = next;
        }
        need(shape.steps === null, 'the model\'s output is not [batch, width]');
        const weights = model.trainableWeights as unknown as Variable[];
        need(weights.every(w => !(w as unknown as { constraint?: unknown }).constraint), 'a weight has a constraint');
        return { ok: true, plan: { layers, inputSize: input[1] as number * (input[2] as number), outputWidth: shape.width, lossCode: LOSS_CODES[loss], weights } };
    } catch (error) {
        if (error instanceof Unsupported) return { ok: false, reason: error.message };
        throw error;
    }
}

function activationCode(name: string | undefined, layer: string): number {
    const code = ACTIVATION_CODES[name ?? 'linear'];
    need(code !== undefined, `${layer}: the activation ${name} has no kernel`);
    return code;
}

function planLayer(layer: tfjs.layers.Layer, shape: Shape): [LayerPlan, Shape] {
    const name = layer.getClassName();
    const fields = layer as unknown as Record<string, unknown>;
    if (name === 'RnnLensConv1D') {
        const w = fields.window as { filters: number; kernelSize: number; strides: number; padding: string; dataFormat: string; dilationRate: number; activation: string };
        need(fields.groups === 1 && w.dataFormat === 'channelsLast' && shape.steps !== null, `${layer.name}: grouped or channels-first convolution`);
        const span = (w.kernelSize - 1) * w.dilationRate + 1;
        const padLeft = w.padding === 'causal' ? span - 1 : w.padding === 'same' ? samePadding(shape.steps, span, w.strides)[0] : 0;
        const out = layer.computeOutputShape([null, shape.steps, shape.width]) as number[];
        return [{
            kind: 'conv', steps: shape.steps, channels: shape.width, filters: w.filters, kernelSize: w.kernelSize, stride: w.strides, dilation: w.dilationRate,
            padLeft, outSteps: out[1], act: activationCode(w.activation, layer.name), kernel: fields.kernel as Variable, bias: (fields.bias as Variable | undefined) ?? null
        }, { steps: out[1], width: w.filters }];
    }
    if (name === 'RnnLensPooling1D') {
        need(fields.dataFormat === 'channelsLast' && shape.steps !== null, `${layer.name}: channels-first pooling`);
        const pool = fields.poolSize as number, stride = fields.strides as number;
        const out = layer.computeOutputShape([null, shape.steps, shape.width]) as number[];
        const padLeft = fields.padding === 'same' ? samePadding(shape.steps, pool, stride)[0] : 0;
        return [{ kind: 'pool', steps: shape.steps, channels: shape.width, mode: fields.mode === 'max' ? 0 : 1, pool, stride, padLeft, outSteps: out[1] },
            { steps: out[1], width: shape.width }];
    }
    if (name === 'RnnLensRecurrent') {
        const direction = planDirection(layer as unknown as RecurrentFields, shape, layer.name);
        return [{ kind: 'recurrent', direction }, { steps: direction.returnSequences ? shape.steps : null, width: direction.units }];
    }
    if (name === 'RnnLensBidirectional') {
        const mode = MERGE_CODES[String(fields.mergeMode)];
        need(mode !== undefined && fields.returnState !== true, `${layer.name}: merge_mode ${String(fields.mergeMode)} has no kernel`);
        const forward = planDirection(fields.forwardLayer as RecurrentFields, shape, layer.name);
        const backward = planDirection(fields.backwardLayer as RecurrentFields, shape, layer.name);
        need(forward.returnSequences === backward.returnSequences && (mode === 0 || forward.units === backward.units), `${layer.name}: unlike directions`);
        return [{ kind: 'bidirectional', mode, forward, backward },
            { steps: forward.returnSequences ? shape.steps : null, width: mode === 0 ? forward.units + backward.units : forward.units }];
    }
    if (name === 'Dense') {
        const activation = (fields.activation as { getClassName(): string } | undefined)?.getClassName();
        const units = fields.units as number;
        return [{
            kind: 'dense', rowsPerSample: shape.steps ?? 1, inputs: shape.width, units, act: activationCode(activation, layer.name),
            kernel: fields.kernel as Variable, bias: (fields.bias as Variable | null | undefined) ?? null
        }, { steps: shape.steps, width: units }];
    }
    if (name === 'Dropout') {
        need(fields.noiseShape == null, `${layer.name}: noise_shape has no kernel`);
        return [{ kind: 'dropout', size: (shape.steps ?? 1) * shape.width, rate: fields.rate as number }, shape];
    }
    throw new Unsupported(`${layer.name} (${name}) has no whole-step kernel`);
}

function planDirection(layer: RecurrentFields, shape: Shape, name: string): DirectionPlan {
    need(layer.fastLoop === true && shape.steps !== null, `${name}: no fast loop`);
    need(KERNEL_ACTIVATIONS.includes(layer.activationName), `${name}: activation`);
    const kind = layer.kind === 'GRU' && !layer.resetAfter ? RECURRENT_CODES.GRUClassic : RECURRENT_CODES[layer.kind];
    const perGate = layer.recurrentDropout > 0 && layer.kind !== 'SimpleRNN' ? GATES[kind] : 1;
    const dropping = (rate: number) => rate > 0 && rate < 1;
    return {
        layer, kind, gates: GATES[kind], steps: shape.steps, inputs: shape.width, units: layer.units,
        act: ACTIVATION_CODES[layer.activationName], rec: layer.kind === 'SimpleRNN' ? 0 : ACTIVATION_CODES[layer.recurrentActivationName],
        returnSequences: layer.returnSequences, goBackwards: layer.goBackwards,
        kernel: layer.kernel, recurrentKernel: layer.recurrentKernel, bias: layer.bias ?? null,
        recurrentBias: layer.kind === 'GRU' && layer.resetAfter && !!layer.bias,
        inputMaskCount: dropping(layer.dropout) ? perGate : 0,
        stateMaskCount: dropping(layer.recurrentDropout) ? perGate : 0
    };
}
