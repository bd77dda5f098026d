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

export function activate(name: FastActivation, z: number): number {
    switch (name) {
        case 'linear': return z;
        case 'relu': return z > 0 ? z : 0;
        case 'sigmoid': return 1 / (1 + Math.exp(-z));
        case 'tanh': return Math.tanh(z);
    }
}

/** The derivative at the point where the activation gave `y`. */
export function slope(name: FastActivation, y: number): number {
    switch (name) {
        case 'linear': return 1;
        case 'relu': return y > 0 ? 1 : 0;
        case 'sigmoid': return y * (1 - y);
        case 'tanh': return 1 - y * y;
    }
}

export interface CellActivations {
    readonly act: FastActivation;
    readonly rec: FastActivation;
}

/** What one forward step keeps for the backward pass. */
export interface StepRecord {
    /** LSTM: i, f, g, o; GRU: z, r, ĥ, and the recurrent part of the candidate (rh); SimpleRNN: h. */
    readonly gates: Float32Array;
    /** LSTM: the new cell state and act(c). */
    readonly c?: Float32Array;
    readonly actC?: Float32Array;
}

/**
 * LSTM step: z = xw + h·U already summed into `z` [B, 4h]. Writes h and c (before step masks).
 */
export function lstmForward(z: Float32Array, cPrev: Float32Array, batch: number, h: number, a: CellActivations, hOut: Float32Array, cOut: Float32Array): StepRecord {
    const gates = new Float32Array(batch * 4 * h);
    const actC = new Float32Array(batch * h);
    for (let b = 0; b < batch; b++) {
        const zb = b * 4 * h;
        for (let k = 0; k < h; k++) {
            const i = activate(a.rec, z[zb + k]);
            const f = activate(a.rec, z[zb + h + k]);
            const g = activate(a.act, z[zb + 2 * h + k]);
            const o = activate(a.rec, z[zb + 3 * h + k]);
            gates[zb + k] = i; gates[zb + h + k] = f; gates[zb + 2 * h + k] = g; gates[zb + 3 * h + k] = o;
            const c = f * cPrev[b * h + k] + i * g;
            const ac = activate(a.act, c);
            cOut[b * h + k] = c;
            actC[b * h + k] = ac;
            hOut[b * h + k] = o * ac;
        }
    }
    return { gates, c: cOut.slice(), actC };
}

/**
 * LSTM step backwards: from dh and dc of this step's outputs (after the step masks are undone)
 * to dz [B, 4h] and the cell-state gradient passed to the previous step.
 */
export function lstmBackward(record: StepRecord, cPrev: Float32Array, dh: Float32Array, dc: Float32Array, batch: number, h: number, a: CellActivations, dz: Float32Array, dcPrev: Float32Array): void {
    const { gates, actC } = record;
    for (let b = 0; b < batch; b++) {
        const zb = b * 4 * h;
        for (let k = 0; k < h; k++) {
            const n = b * h + k;
            const i = gates[zb + k], f = gates[zb + h + k], g = gates[zb + 2 * h + k], o = gates[zb + 3 * h + k];
            const ac = actC![n];
            const dcTotal = dc[n] + dh[n] * o * slope(a.act, ac);
            dz[zb + k] = dcTotal * g * slope(a.rec, i);
            dz[zb + h + k] = dcTotal * cPrev[n] * slope(a.rec, f);
            dz[zb + 2 * h + k] = dcTotal * i * slope(a.act, g);
            dz[zb + 3 * h + k] = dh[n] * ac * slope(a.rec, o);
            dcPrev[n] = dcTotal * f;
        }
    }
}

/** SimpleRNN step: h = act(z). */
export function simpleForward(z: Float32Array, batch: number, h: number, a: CellActivations, hOut: Float32Array): StepRecord {
    for (let n = 0; n < batch * h; n++) hOut[n] = activate(a.act, z[n]);
    return { gates: hOut.slice() };
}

export function simpleBackward(record: StepRecord, dh: Float32Array, batch: number, h: number, a: CellActivations, dz: Float32Array): void {
    for (let n = 0; n < batch * h; n++) dz[n] = dh[n] * slope(a.act, record.gates[n]);
}

/**
 * GRU step with reset_after=True: `xw` [B, 3h] the input part (with the input bias), `inner`
 * [B, 3h] = h·U + b_r. z = σ(xz + rz), r = σ(xr + rr), ĥ = act(xh + r ⊙ rh),
 * h = z ⊙ h_prev + (1 − z) ⊙ ĥ (the previous state undropped, as Keras).
 */
export function gruForward(xw: Float32Array, xwOffset: number, xwStride: number, inner: Float32Array, hPrev: Float32Array, batch: number, h: number, a: CellActivations, hOut: Float32Array): StepRecord {
    const gates = new Float32Array(batch * 4 * h);
    for (let b = 0; b < batch; b++) {
        const xb = xwOffset + b * xwStride;
        const ib = b * 3 * h;
        const gb = b * 4 * h;
        for (let k = 0; k < h; k++) {
            const z = activate(a.rec, xw[xb + k] + inner[ib + k]);
            const r = activate(a.rec, xw[xb + h + k] + inner[ib + h + k]);
            const rh = inner[ib + 2 * h + k];
            const cand = activate(a.act, xw[xb + 2 * h + k] + r * rh);
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
    const { gates } = record;
    for (let b = 0; b < batch; b++) {
        const gb = b * 4 * h;
        const ib = b * 3 * h;
        for (let k = 0; k < h; k++) {
            const n = b * h + k;
            const z = gates[gb + k], r = gates[gb + h + k], cand = gates[gb + 2 * h + k], rh = gates[gb + 3 * h + k];
            const d = dh[n];
            const dzPre = d * (hPrev[n] - cand) * slope(a.rec, z);
            const dcPre = d * (1 - z) * slope(a.act, cand);
            const drPre = dcPre * rh * slope(a.rec, r);
            dx[ib + k] = dzPre; dx[ib + h + k] = drPre; dx[ib + 2 * h + k] = dcPre;
            dInner[ib + k] = dzPre; dInner[ib + h + k] = drPre; dInner[ib + 2 * h + k] = dcPre * r;
            dhPrevDirect[n] = d * z;
        }
    }
}
