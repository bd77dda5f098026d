/**
 * RNN Lens's Bidirectional: tfjs's wrapper (the same forward_ and backward_ copies of the
 * wrapped layer, the same weights, the same merge modes), except that with merge_mode="concat"
 * around RNN Lens's recurrent layers both directions and the concatenation run as one operation
 * (fastBidirectional in fast-recurrent.ts) instead of two, plus a reverse, a concat and their
 * gradients.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { fastBidirectional, type FastPlan } from './fast-recurrent.js';
import { registered } from './tfjs-objects.js';

type Tf = typeof tfjs;
type Tensor = tfjs.Tensor;

export const KERAS_BIDIRECTIONAL_CLASS = 'RnnLensBidirectional';

type Ctor = new (config: Record<string, unknown>) => tfjs.layers.Layer;

/** What the wrapper reads of tfjs's Bidirectional (not in tfjs's public types). */
interface FastLayer {
    readonly fastLoop?: boolean;
    fastPlan?(x: tfjs.Tensor3D, kwargs: Record<string, unknown>): FastPlan | null;
}
interface BidirectionalFields {
    forwardLayer: FastLayer;
    backwardLayer: FastLayer;
    mergeMode: string | null;
    returnState: boolean;
}

/** tfjs's Bidirectional class, as its serialization registry holds it. */
function tfjsBidirectional(tf: Tf): Ctor {
    const entry = tf.serialization.SerializationMap.getMap().classNameMap.Bidirectional as unknown as [Ctor, unknown] | undefined;
    if (!entry) throw new Error('tfjs has no Bidirectional layer registered');
    return entry[0];
}

export function kerasBidirectionalClass(tf: Tf): Ctor {
    return registered(tf, KERAS_BIDIRECTIONAL_CLASS, () => {
        const Base = tfjsBidirectional(tf);
        class RnnLensBidirectional extends Base {
            static className = KERAS_BIDIRECTIONAL_CLASS;

            override call(inputs: Tensor | Tensor[], kwargs: Record<string, unknown>): Tensor | Tensor[] {
                const self = this as unknown as BidirectionalFields;
                const fast = self.forwardLayer.fastLoop === true && self.backwardLayer.fastLoop === true;
                if (fast && self.mergeMode === 'concat' && !self.returnState && kwargs?.initialState == null) {
                    const x = (Array.isArray(inputs) ? inputs[0] : inputs) as tfjs.Tensor3D;
                    // Forward first, then backward: the order tfjs's wrapper draws their dropout masks in.
                    return tf.tidy(() => fastBidirectional(tf, x, self.forwardLayer.fastPlan!(x, kwargs)!, self.backwardLayer.fastPlan!(x, kwargs)!));
                }
                return (Base.prototype as unknown as { call(i: Tensor | Tensor[], k: Record<string, unknown>): Tensor | Tensor[] }).call.call(this, inputs, kwargs);
            }
        }
        return RnnLensBidirectional as unknown as Ctor;
    });
}
