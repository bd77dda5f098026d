/**
 * GRU with reset_after=False (Keras's original GRU: the reset gate acts on the state BEFORE the
 * product, ĥ = act(x·W_h + b_h + (r ⊙ h)·U_h)) as one tfjs operation with its own
 * backpropagation through time, like fast-recurrent.ts does for the other cells. Each step takes
 * two rounds of products, the z and r gates first (h·U_z, h·U_r), then the candidate's
 * (r ⊙ h)·U_h; each gate multiplies its own copy of the state (dropped by that gate's
 * recurrent mask when there is one per gate, as Keras's implementation 1).
 *
 * Input: the input projection of every step [B, T, 3h] (x·W + b, by the caller, taped), in
 * processing order; U [h, 3h]. Output: every step's state [B, T, h] or the last [B, h].
 */
import type * as tfjs from '@tensorflow/tfjs';
import { stepProducts } from './fast-products.js';
import { activateCode, activationCode, slopeCode } from './fast-recurrent-math.js';
import type { FastSequenceOptions } from './fast-recurrent.js';

type Tf = typeof tfjs;

export function fastClassicGru(tf: Tf, xw: tfjs.Tensor3D, recurrent: tfjs.Tensor2D, o: FastSequenceOptions): tfjs.Tensor {
    const op = tf.customGrad(((...args: unknown[]) => {
        const [xwIn, uIn] = args.slice(0, 2) as [tfjs.Tensor3D, tfjs.Tensor2D];
        const [batch, steps, gh] = xwIn.shape;
        const h = o.units;
        if (gh !== 3 * h) throw new Error(`fastClassicGru: expects ${3 * h} projected features, got ${gh}`);
        const n = batch * h;
        const rec = activationCode(o.activations.rec);
        const act = activationCode(o.activations.act);
        /** The state mask of gate k (z, r, h), or none. */
        const maskOf = (k: number) => (o.stateMasks ? o.stateMasks[o.stateMasks.length === 1 ? 0 : k] : null);
        const x = xwIn.dataSync() as Float32Array;

        // Per step, [T, B·h] each: the state each gate multiplied (z, r: the masked state; h: r ⊙ masked state), and the gates.
        const seen = [0, 1, 2].map(() => new Float32Array(steps * n));
        const zs = new Float32Array(steps * n);
        const rs = new Float32Array(steps * n);
        const cands = new Float32Array(steps * n);
        const states = new Float32Array((steps + 1) * n); // the state before step t at t
        const outputs = new Float32Array(o.returnSequences ? steps * n : n);
        const forwardU = tf.tidy(() => tf.split(uIn, 3, 1)) as tfjs.Tensor2D[];
        const products = stepProducts(tf, forwardU, batch);
        const masked = new Float32Array(n);
        for (let t = 0; t < steps; t++) {
            const hPrev = states.subarray(t * n, (t + 1) * n);
            const at = t * n;
            for (let k = 0; k < 2; k++) {
                const mask = maskOf(k);
                const s = seen[k].subarray(at, at + n);
                for (let i = 0; i < n; i++) s[i] = mask ? hPrev[i] * mask[i] : hPrev[i];
                const p = products.multiply(s, k);
                const gate = k === 0 ? zs : rs;
                for (let b = 0; b < batch; b++) {
                    const xb = (b * steps + t) * gh + k * h;
                    for (let j = 0; j < h; j++) gate[at + b * h + j] = activateCode(rec, x[xb + j] + p[b * h + j]);
                }
            }
            const maskH = maskOf(2);
            for (let i = 0; i < n; i++) masked[i] = maskH ? hPrev[i] * maskH[i] : hPrev[i];
            const q = seen[2].subarray(at, at + n);
            for (let i = 0; i < n; i++) q[i] = rs[at + i] * masked[i];
            const p = products.multiply(q, 2);
            const hNew = states.subarray(at + n, at + 2 * n);
            for (let b = 0; b < batch; b++) {
                const xb = (b * steps + t) * gh + 2 * h;
                const stepMasked = o.stepMask !== null && o.stepMask[b * steps + t] === 0;
                for (let j = 0; j < h; j++) {
                    const i = b * h + j;
                    const cand = activateCode(act, x[xb + j] + p[i]);
                    cands[at + i] = cand;
                    const z = zs[at + i];
                    // Keras mixes the undropped previous state; a masked step keeps it.
                    hNew[i] = stepMasked ? hPrev[i] : z * hPrev[i] + (1 - z) * cand;
                }
            }
            if (o.returnSequences) for (let b = 0; b < batch; b++) outputs.set(hNew.subarray(b * h, (b + 1) * h), (b * steps + t) * h);
        }
        if (!o.returnSequences) outputs.set(states.subarray(steps * n));
        products.dispose();
        tf.dispose(forwardU);
        const value = o.returnSequences ? tf.tensor3d(outputs, [batch, steps, h]) : tf.tensor2d(outputs, [batch, h]);

        const gradFunc = (dy: tfjs.Tensor): tfjs.Tensor[] => {
            const dOut = dy.dataSync() as Float32Array;
            const backwardU = tf.tidy(() => tf.split(uIn, 3, 1).map(u => tf.transpose(u))) as tfjs.Tensor2D[];
            const back = stepProducts(tf, backwardU, batch);
            const dX = new Float32Array(batch * steps * gh);
            /** Each gate's pre-activation gradient of every step, [T·B, h] (for dU). */
            const dPre = [0, 1, 2].map(() => new Float32Array(steps * n));
            let dh = new Float32Array(n);
            let dhPrev = new Float32Array(n);
            const dq = new Float32Array(n);
            if (!o.returnSequences) dh.set(dOut);
            for (let t = steps - 1; t >= 0; t--) {
                if (o.returnSequences) for (let b = 0; b < batch; b++) for (let j = 0; j < h; j++) dh[b * h + j] += dOut[(b * steps + t) * h + j];
                const at = t * n;
                const hPrev = states.subarray(at, at + n);
                const [dZ, dR, dC] = dPre.map(d => d.subarray(at, at + n));
                for (let i = 0; i < n; i++) {
                    const stepMasked = o.stepMask !== null && o.stepMask[Math.floor(i / h) * steps + t] === 0;
                    if (stepMasked) {
                        // The state went through unchanged: so does its gradient; the gates had no part.
                        dhPrev[i] = dh[i]; dZ[i] = 0; dC[i] = 0;
                        continue;
                    }
                    const z = zs[at + i], cand = cands[at + i];
                    dZ[i] = dh[i] * (hPrev[i] - cand) * slopeCode(rec, z);
                    dC[i] = dh[i] * (1 - z) * slopeCode(act, cand);
                    dhPrev[i] = dh[i] * z;
                }
                // Through (r ⊙ h_h)·U_h: to r and to the state the candidate saw.
                dq.set(back.multiply(dC, 2));
                const maskH = maskOf(2);
                for (let i = 0; i < n; i++) {
                    const r = rs[at + i];
                    const s = maskH ? hPrev[i] * maskH[i] : hPrev[i];
                    dR[i] = dq[i] * s * slopeCode(rec, r);
                    dhPrev[i] += dq[i] * r * (maskH ? maskH[i] : 1);
                }
                // Through h_z·U_z and h_r·U_r.
                for (let k = 0; k < 2; k++) {
                    const p = back.multiply(k === 0 ? dZ : dR, k);
                    const mask = maskOf(k);
                    for (let i = 0; i < n; i++) dhPrev[i] += mask ? p[i] * mask[i] : p[i];
                }
                for (let b = 0; b < batch; b++) {
                    const xb = (b * steps + t) * gh;
                    for (let j = 0; j < h; j++) {
                        dX[xb + j] = dZ[b * h + j];
                        dX[xb + h + j] = dR[b * h + j];
                        dX[xb + 2 * h + j] = dC[b * h + j];
                    }
                }
                [dh, dhPrev] = [dhPrev, dh];
            }
            back.dispose();
            tf.dispose(backwardU);
            return tf.tidy(() => {
                // dU_k = Σ_t seen_k,tᵀ · dPre_k,t: one product per gate over all steps.
                const rows = steps * batch;
                const dU = tf.concat([0, 1, 2].map(k => tf.matMul(tf.tensor2d(seen[k], [rows, h]), tf.tensor2d(dPre[k], [rows, h]), true, false)), 1);
                return [tf.tensor3d(dX, [batch, steps, gh]), dU];
            });
        };
        return { value, gradFunc };
    }) as never) as (...inputs: tfjs.Tensor[]) => tfjs.Tensor;
    return op(xw, recurrent);
}
