/**
 * A whole training step in one call: forwards through a model's layers, the loss and its
 * gradient, backwards through the layers, and Adam, on arrays that stay in this module's
 * memory from batch to batch (training/src/train/whole-step/ lays them out and writes the
 * program). A JavaScript loop over layers cost a third of each batch in calls, copies and
 * tfjs's bookkeeping; here a batch is one call.
 *
 * The program (i32 values at `program`):
 *   [0] layer operations  [1] their records' address (RECORD i32 each)
 *   [2] loss kind  [3] target width  [4] the prediction  [5] the targets  [6] the prediction's gradient
 *   [7] weights  [8] their records' address (w, gradient, m, v, size: 5 i32 each)  [9] the loss sums (2 f64)
 * Every operation's record starts with its kind, its input, its output, its output's gradient
 * and its input's gradient; what follows is the kind's own (see each case below).
 *
 * `batch` is the number of rows staged (the program's arrays hold up to its batch size); a
 * step over part of a batch passes the whole batch's row count as `total` (the loss is a
 * mean over it), so that parts can be computed apart and their gradients summed.
 */
import { classicGruBackward, classicGruForward } from './gru-classic';
import { adamUpdate } from './optimizer';
import { addInto } from './products';
import { convBackward, convForward } from './conv1d';
import { projectInputs, projectInputsBackward } from './projection';
import { sequenceBackward, sequenceForward } from './recurrent';
import {
    activateInPlace, denseBackward, denseForward, lossAndGradient, mergeBackward, mergeForward, poolBackward, poolForward, slopeInPlace
} from './step-layers';
import { multiplyInto } from './products';

export const RECORD = 40;

const CONV = 1;
const POOL = 2;
const RECURRENT = 3;
const MERGE = 4;
const SUM_INPUTS = 5;
const DENSE = 6;
const DROPOUT = 7;

const GRU_CLASSIC = 3;

// @ts-ignore: decorator
@inline function field(p: usize, k: i32): i32 { return load<i32>(p + ((<usize>k) << 2)); }
// @ts-ignore: decorator
@inline function ptr(p: usize, k: i32): usize { return <usize>load<u32>(p + ((<usize>k) << 2)); }

/** The record size in i32 values (the planner checks it against its own). */
export function wholeStepRecord(): i32 {
    return RECORD;
}

function gatesOf(kind: i32): i32 {
    return kind == 0 ? 1 : kind == 1 ? 4 : 3;
}

function forwardOp(op: usize, batch: i32, training: bool): void {
    const kind = field(op, 0);
    const x = ptr(op, 1), y = ptr(op, 2);
    if (kind == CONV) {
        // steps, channels, filters, kernel, stride, dilation, padLeft, outSteps, act, w, bias, dw, dbias, scratch
        convForward(batch, field(op, 5), field(op, 6), field(op, 7), field(op, 8), field(op, 9), field(op, 10), field(op, 11), field(op, 12),
            x, ptr(op, 14), ptr(op, 15), y, ptr(op, 18));
        activateInPlace(field(op, 13), y, batch * field(op, 12) * field(op, 7));
    } else if (kind == POOL) {
        // steps, channels, mode, pool, stride, padLeft, outSteps, from
        poolForward(batch, field(op, 5), field(op, 6), field(op, 7), field(op, 8), field(op, 9), field(op, 10), field(op, 11), x, y, ptr(op, 12));
    } else if (kind == RECURRENT) {
        recurrentForward(op, batch, training);
    } else if (kind == MERGE) {
        // mode, sequences, steps, hf, hb, outF, outB, dOutF, dOutB
        const sequences = field(op, 6) != 0;
        mergeForward(sequences ? batch * field(op, 7) : batch, field(op, 5), sequences, field(op, 7), field(op, 8), field(op, 9), ptr(op, 10), ptr(op, 11), y);
    } else if (kind == DENSE) {
        // rows per sample, inputs, units, act, w, bias, dw, dbias, scratch
        denseForward(batch * field(op, 5), field(op, 6), field(op, 7), field(op, 8), x, ptr(op, 9), ptr(op, 10), y);
    } else if (kind == DROPOUT) {
        // values per sample, mask
        const n = batch * field(op, 5);
        if (training) multiplyInto(x, ptr(op, 6), y, n); else memory.copy(y, x, (<usize>n) << 2);
    }
}

function backwardOp(op: usize, batch: i32): void {
    const kind = field(op, 0);
    const x = ptr(op, 1), y = ptr(op, 2), dy = ptr(op, 3), dx = ptr(op, 4);
    if (kind == CONV) {
        slopeInPlace(field(op, 13), y, dy, batch * field(op, 12) * field(op, 7));
        convBackward(batch, field(op, 5), field(op, 6), field(op, 7), field(op, 8), field(op, 9), field(op, 10), field(op, 11), field(op, 12),
            x, ptr(op, 14), dy, dx, ptr(op, 16), ptr(op, 17), ptr(op, 18));
    } else if (kind == POOL) {
        if (dx) poolBackward(batch, field(op, 5), field(op, 6), field(op, 7), field(op, 8), field(op, 9), field(op, 10), field(op, 11), dy, dx, ptr(op, 12));
    } else if (kind == RECURRENT) {
        recurrentBackward(op, batch);
    } else if (kind == MERGE) {
        const sequences = field(op, 6) != 0;
        mergeBackward(sequences ? batch * field(op, 7) : batch, field(op, 5), sequences, field(op, 7), field(op, 8), field(op, 9),
            ptr(op, 10), ptr(op, 11), dy, ptr(op, 12), ptr(op, 13));
    } else if (kind == SUM_INPUTS) {
        // values per sample, the forward direction's input gradient, the backward one's: dx = their sum
        const n = batch * field(op, 5);
        if (dx) {
            memory.copy(dx, ptr(op, 6), (<usize>n) << 2);
            addInto(dx, ptr(op, 7), n);
        }
    } else if (kind == DENSE) {
        denseBackward(batch * field(op, 5), field(op, 6), field(op, 7), field(op, 8), x, ptr(op, 9), y, dy, dx, ptr(op, 11), ptr(op, 12), ptr(op, 13));
    } else if (kind == DROPOUT) {
        if (dx) multiplyInto(dy, ptr(op, 6), dx, batch * field(op, 5));
    }
}

/*
 * A recurrent direction's record: [5] kind (SimpleRNN 0, LSTM 1, GRU 2, GRU reset_after=False 3)
 * [6] steps [7] inputs [8] units [9] activation [10] recurrent activation [11] return sequences
 * [12] go backwards [13] kernel [14] recurrent kernel [15] bias (or 0) [16] recurrent bias (or 0)
 * [17] input masks [18] their count [19] state masks [20] their count [21] masked inputs
 * [22] states [23] cells [24] seen [25] gates [26] act(c) [27] projection [28] product
 * [29] projection's gradient [30] dW [31] dU [32] dbias (or 0) [33] d recurrent bias (or 0) [34] scratch
 */
function recurrentForward(op: usize, batch: i32, training: bool): void {
    const kind = field(op, 5), steps = field(op, 6), inputs = field(op, 7), h = field(op, 8);
    const inputMasks = training ? field(op, 18) : 0, stateMasks = training ? field(op, 20) : 0;
    const xw = ptr(op, 27);
    projectInputs(batch, steps, inputs, gatesOf(kind), h, ptr(op, 1), ptr(op, 13), ptr(op, 15), ptr(op, 17), inputMasks, ptr(op, 21), xw);
    const retSeq = field(op, 11) != 0, reverse = field(op, 12) != 0;
    if (kind == GRU_CLASSIC) {
        classicGruForward(batch, steps, h, field(op, 9), field(op, 10), retSeq, reverse, xw, ptr(op, 14), ptr(op, 19), stateMasks, 0,
            ptr(op, 22), ptr(op, 24), ptr(op, 25), ptr(op, 2), ptr(op, 28));
    } else {
        sequenceForward(kind, batch, steps, h, field(op, 9), field(op, 10), retSeq, reverse, xw, ptr(op, 14), ptr(op, 16), ptr(op, 19), stateMasks, 0,
            ptr(op, 22), ptr(op, 23), ptr(op, 24), ptr(op, 25), ptr(op, 26), ptr(op, 2), ptr(op, 28));
    }
}

function recurrentBackward(op: usize, batch: i32): void {
    const kind = field(op, 5), steps = field(op, 6), inputs = field(op, 7), h = field(op, 8);
    const retSeq = field(op, 11) != 0, reverse = field(op, 12) != 0;
    const dxw = ptr(op, 29), scratch = ptr(op, 34);
    if (kind == GRU_CLASSIC) {
        classicGruBackward(batch, steps, h, field(op, 9), field(op, 10), retSeq, reverse, ptr(op, 3), ptr(op, 14), ptr(op, 19), field(op, 20), 0,
            ptr(op, 22), ptr(op, 24), ptr(op, 25), dxw, ptr(op, 31), scratch);
    } else {
        sequenceBackward(kind, batch, steps, h, field(op, 9), field(op, 10), retSeq, reverse, ptr(op, 3), ptr(op, 14), ptr(op, 19), field(op, 20), 0,
            ptr(op, 22), ptr(op, 23), ptr(op, 24), ptr(op, 25), ptr(op, 26), dxw, ptr(op, 31), ptr(op, 33), scratch);
    }
    projectInputsBackward(batch, steps, inputs, gatesOf(kind), h, ptr(op, 1), ptr(op, 13), ptr(op, 17), field(op, 18), ptr(op, 21), dxw,
        ptr(op, 4), ptr(op, 30), ptr(op, 32), scratch);
}

/** Forwards through every layer (`training`: with the staged dropout masks). */
export function wholeForward(program: usize, batch: i32, training: bool): void {
    const count = field(program, 0), ops = ptr(program, 1);
    for (let i = 0; i < count; i++) forwardOp(ops + ((<usize>(i * RECORD)) << 2), batch, training);
}

/** The loss sums of the staged rows (into [9]); with `grad`, the prediction's gradient for a batch of `total` rows. */
export function wholeLoss(program: usize, batch: i32, total: i32, grad: bool): void {
    lossAndGradient(field(program, 2), batch, total, field(program, 3), ptr(program, 4), ptr(program, 5), ptr(program, 6), grad, ptr(program, 9));
}

/** Backwards through every layer, from the prediction's gradient to every weight's. */
export function wholeBackward(program: usize, batch: i32): void {
    const count = field(program, 0), ops = ptr(program, 1);
    for (let i = count - 1; i >= 0; i--) backwardOp(ops + ((<usize>(i * RECORD)) << 2), batch);
}

/** Adam's update of every weight from its gradient (optimizer.ts; the same arithmetic as the fused Adam). */
export function wholeAdam(program: usize, beta1: f32, oneMinusBeta1: f32, beta2: f32, oneMinusBeta2: f32, correction1: f32, correction2: f32,
    epsilon: f32, learningRate: f32): void {
    const count = field(program, 7), weights = ptr(program, 8);
    for (let i = 0; i < count; i++) {
        const w = weights + ((<usize>(i * 5)) << 2);
        adamUpdate(ptr(w, 0), ptr(w, 1), ptr(w, 2), ptr(w, 3), field(w, 4), beta1, oneMinusBeta1, beta2, oneMinusBeta2, correction1, correction2, epsilon, learningRate);
    }
}

/**
 * Adds the gradients of `from` (a program of the same plan: a part of the batch on another
 * thread, its records naming its own gradient arrays) to this program's.
 */
export function wholeAddGradients(program: usize, from: usize): void {
    const count = field(program, 7), mine = ptr(program, 8), theirs = ptr(from, 8);
    for (let i = 0; i < count; i++) {
        const at = (<usize>(i * 5)) << 2;
        addInto(ptr(mine + at, 1), ptr(theirs + at, 1), field(mine + at, 4));
    }
}

/** One training batch: forwards, the loss and its gradient, backwards, Adam. */
export function trainStep(program: usize, batch: i32, beta1: f32, oneMinusBeta1: f32, beta2: f32, oneMinusBeta2: f32, correction1: f32, correction2: f32,
    epsilon: f32, learningRate: f32): void {
    wholeForward(program, batch, true);
    wholeLoss(program, batch, batch, true);
    wholeBackward(program, batch);
    wholeAdam(program, beta1, oneMinusBeta1, beta2, oneMinusBeta2, correction1, correction2, epsilon, learningRate);
}

/** The loss sums of a batch in inference (no dropout): validation. */
export function evaluateStep(program: usize, batch: i32): void {
    wholeForward(program, batch, false);
    wholeLoss(program, batch, batch, false);
}
