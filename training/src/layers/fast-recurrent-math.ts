/**
 * The element-wise part of Keras's recurrent cells on plain Float32Arrays, forwards and
 * backwards through time: the gates of one step for a whole batch in one loop, instead of a
 * dozen tfjs operations that each cost more in overhead than their arithmetic. The matrix
 * products stay with tfjs (fast-recurrent.ts), where wasm's matMul is many times faster than
 * JavaScript's.
 *
 * Layout: a step's pre-activations z are [batch, g·h], gates side by side in Keras's order
 * (LSTM i, f, c, o; GRU z, r, h). Activations are those whose derivative is a function of
 * their output: linear, relu, sigmoid, tanh (the ones the fast path accepts).
 */

export type FastActivation = 'linear' | 'relu' | 'sigmoid' | 'tanh';

export const FAST_ACTIVATIONS: readonly string[] = ['linear', 'relu', 'sigmoid', 'tanh'];

/**
 * The activations as small integers for the loops: V8 compiles a comparison of numbers in the
 * hot loop far better than a switch over strings (the forward gates ran ~35% faster).
 */
const CODES: Record<FastActivation, number> = { linear: 0, relu: 1, sigmoid: 2, tanh: 3 };

export function activationCode(name: FastActivation): number {
    return CODES[name];
}

/** linear, relu, sigmoid or tanh of z, by code. */
export function activateCode(code: number, z: number): number {
    return code === 2 ? 1 / (1 + Math.exp(-z)) : code === 1 ? (z > 0 ? z : 0) : code === 3 ? Math.tanh(z) : z;
}

/** The derivative at the point where the activation gave `y`. */
export function slopeCode(code: number, y: number): number {
    return code === 2 ? y * (1 - y) : code === 1 ? (y > 0 ? 1 : 0) : code === 3 ? 1 - y * y : 1;
}

export interface CellActivations {
    readonly act: FastActivation;
    readonly rec: FastActivation;
}

/** What one forward step keeps for the backward pass. */
export interface StepRecord {
    /** LSTM: i, f, g, o; GRU: z, r, ĥ, and the recurrent part of the candidate (rh); SimpleRNN: h. */
    readonly gates: Float32Array;
    /** LSTM: act(c) of the new cell state. */
    readonly actC?: Float32Array;
}

/**
 * LSTM step: z = xw + h·U already summed into `z` [B, 4h]. Writes h and c (before step masks).
 * `sigmoidZ`: σ(z) computed already (wasm's kernel), when the recurrent activation is sigmoid.
 */
export function lstmForward(z: Float32Array, cPrev: Float32Array, batch: number, h: number, a: CellActivations, hOut: Float32Array, cOut: Float32Array,
    sigmoidZ?: Float32Array | null): StepRecord {
    const rec = CODES[a.rec], act = CODES[a.act];
    const gates = new Float32Array(batch * 4 * h);
    const actC = new Float32Array(batch * h);
    for (let b = 0; b < batch; b++) {
        const zb = b * 4 * h;
        for (let k = 0; k < h; k++) {
            const i = sigmoidZ ? sigmoidZ[zb + k] : activateCode(rec, z[zb + k]);
            const f = sigmoidZ ? sigmoidZ[zb + h + k] : activateCode(rec, z[zb + h + k]);
            const g = activateCode(act, z[zb + 2 * h + k]);
            const o = sigmoidZ ? sigmoidZ[zb + 3 * h + k] : activateCode(rec, z[zb + 3 * h + k]);
            gates[zb + k] = i; gates[zb + h + k] = f; gates[zb + 2 * h + k] = g; gates[zb + 3 * h + k] = o;
            const c = f * cPrev[b * h + k] + i * g;
            const ac = activateCode(act, c);
            cOut[b * h + k] = c;
            actC[b * h + k] = ac;
            hOut[b * h + k] = o * ac;
        }
    }
    return { gates, actC };
}

/**
 * LSTM step backwards: from dh and dc of this step's outputs (after the step masks are undone)
 * to dz [B, 4h] and the cell-state gradient passed to the previous step.
 */
export function lstmBackward(record: StepRecord, cPrev: Float32Array, dh: Float32Array, dc: Float32Array, batch: number, h: number, a: CellActivations, dz: Float32Array, dcPrev: Float32Array): void {
    const rec = CODES[a.rec], act = CODES[a.act];
    const { gates, actC } = record;
    for (let b = 0; b < batch; b++) {
        const zb = b * 4 * h;
        for (let k = 0; k < h; k++) {
            const n = b * h + k;
            const i = gates[zb + k], f = gates[zb + h + k], g = gates[zb + 2 * h + k], o = gates[zb + 3 * h + k];
            const ac = actC![n];
            const dcTotal = dc[n] + dh[n] * o * slopeCode(act, ac);
            dz[zb + k] = dcTotal * g * slopeCode(rec, i);
            dz[zb + h + k] = dcTotal * cPrev[n] * slopeCode(rec, f);
            dz[zb + 2 * h + k] = dcTotal * i * slopeCode(act, g);
            dz[zb + 3 * h + k] = dh[n] * ac * slopeCode(rec, o);
            dcPrev[n] = dcTotal * f;
        }
    }
}

/** SimpleRNN step: h = act(z). */
export function simpleForward(z: Float32Array, batch: number, h: number, a: CellActivations, hOut: Float32Array): StepRecord {
    const act = CODES[a.act];
    for (let n = 0; n < batch * h; n++) hOut[n] = activateCode(act, z[n]);
    return { gates: hOut.slice() };
}

export function simpleBackward(record: StepRecord, dh: Float32Array, batch: number, h: number, a: CellActivations, dz: Float32Array): void {
    const act = CODES[a.act];
    for (let n = 0; n < batch * h; n++) dz[n] = dh[n] * slopeCode(act, record.gates[n]);
}

/**
 * GRU step with reset_after=True: `xw` [B, 3h] the input part (with the input bias), `inner`
 * [B, 3h] = h·U + b_r. z = σ(xz + rz), r = σ(xr + rr), ĥ = act(xh + r ⊙ rh),
 * h = z ⊙ h_prev + (1 − z) ⊙ ĥ (the previous state undropped, as Keras).
 */
export function gruForward(xw: Float32Array, xwOffset: number, xwStride: number, inner: Float32Array, hPrev: Float32Array, batch: number, h: number, a: CellActivations, hOut: Float32Array): StepRecord {
    const rec = CODES[a.rec], act = CODES[a.act];
    const gates = new Float32Array(batch * 4 * h);
    for (let b = 0; b < batch; b++) {
        const xb = xwOffset + b * xwStride;
        const ib = b * 3 * h;
        const gb = b * 4 * h;
        for (let k = 0; k < h; k++) {
            const z = activateCode(rec, xw[xb + k] + inner[ib + k]);
            const r = activateCode(rec, xw[xb + h + k] + inner[ib + h + k]);
            const rh = inner[ib + 2 * h + k];
            const cand = activateCode(act, xw[xb + 2 * h + k] + r * rh);
            gates[gb + k] = z; gates[gb + h + k] = r; gates[gb + 2 * h + k] = cand; gates[gb + 3 * h + k] = rh;
            hOut[b * h + k] = z * hPrev[b * h + k] + (1 - z) * cand;
        }
    }
    return { gates };
}

/**
 * GRU (reset_after=True) step backwards: from dh to the input-part gradient dx [B, 3h], the
 * inner-part gradient dInner [B, 3h] (for U and b_r) and the direct share of dh_prev (z ⊙ dh).
 */
export function gruBackward(record: StepRecord, hPrev: Float32Array, dh: Float32Array, batch: number, h: number, a: CellActivations, dx: Float32Array, dInner: Float32Array, dhPrevDirect: Float32Array): void {
    const rec = CODES[a.rec], act = CODES[a.act];
    const { gates } = record;
    for (let b = 0; b < batch; b++) {
        const gb = b * 4 * h;
        const ib = b * 3 * h;
        for (let k = 0; k < h; k++) {
            const n = b * h + k;
            const z = gates[gb + k], r = gates[gb + h + k], cand = gates[gb + 2 * h + k], rh = gates[gb + 3 * h + k];
            const d = dh[n];
            const dzPre = d * (hPrev[n] - cand) * slopeCode(rec, z);
            const dcPre = d * (1 - z) * slopeCode(act, cand);
            const drPre = dcPre * rh * slopeCode(rec, r);
            dx[ib + k] = dzPre; dx[ib + h + k] = drPre; dx[ib + 2 * h + k] = dcPre;
            dInner[ib + k] = dzPre; dInner[ib + h + k] = drPre; dInner[ib + 2 * h + k] = dcPre * r;
            dhPrevDirect[n] = d * z;
        }
    }
}
