/**
 * Keras names and calls → tfjs: activations, initializers, regularizers, constraints.
 * Whatever tfjs lacks is a NotTrainable error that names it, raised before training starts.
 */
import type * as tfjs from '@tensorflow/tfjs';
import { NotTrainable, formatValue, isCall, type Value } from '../../../language/src/index.js';
import { withFastOrthogonal } from '../layers/orthogonal.js';

/** Keras activation → tfjs activation identifier; `None` and "linear" are linear. */
const ACTIVATIONS: Record<string, string> = {
    linear: 'linear', relu: 'relu', sigmoid: 'sigmoid', softmax: 'softmax', tanh: 'tanh', elu: 'elu', selu: 'selu',
    softplus: 'softplus', softsign: 'softsign', relu6: 'relu6', swish: 'swish', silu: 'swish', mish: 'mish',
    gelu: 'gelu'
};
// Not mapped on purpose: Keras 3's hard_sigmoid is relu6(x + 3) / 6, tfjs's hardSigmoid is clip(0.2x + 0.5).

export function tfjsActivation(value: Value): string {
    if (value === null) return 'linear';
    if (typeof value === 'string' && ACTIVATIONS[value]) return ACTIVATIONS[value];
    throw new NotTrainable(`tfjs has no activation ${formatValue(value)}; use one of ${Object.keys(ACTIVATIONS).join(', ')} to train in RNN Lens.`, 'activation');
}

/** Keras initializer names → tfjs; calls such as GlorotUniform(seed=1) keep their arguments. */
const INITIALIZERS: Record<string, string> = {
    zeros: 'zeros', ones: 'ones', glorot_uniform: 'glorotUniform', glorot_normal: 'glorotNormal',
    he_uniform: 'heUniform', he_normal: 'heNormal', lecun_uniform: 'leCunUniform', lecun_normal: 'leCunNormal',
    orthogonal: 'orthogonal', random_uniform: 'randomUniform', random_normal: 'randomNormal',
    truncated_normal: 'truncatedNormal', identity: 'identity', uniform: 'randomUniform', normal: 'randomNormal',
    variance_scaling: 'varianceScaling', constant: 'constant'
};

/** Keras's `uniform` (Embedding's default) draws from [-0.05, 0.05], as tfjs's randomUniform does by default. */
export function tfjsInitializer(tf: typeof tfjs, value: Value): unknown {
    if (typeof value === 'string') {
        const name = INITIALIZERS[value];
        if (!name) throw new NotTrainable(`tfjs has no initializer "${value}".`);
        return name === 'orthogonal' ? withFastOrthogonal(tf, tf.initializers.orthogonal({})) : name;
    }
    if (isCall(value)) {
        const name = INITIALIZERS[snake(value.callee)];
        const factory = name && (tf.initializers as unknown as Record<string, (config: object) => unknown>)[name];
        if (!factory) throw new NotTrainable(`tfjs has no initializer ${value.callee}.`);
        return withFastOrthogonal(tf, factory(camelKeys(value.keywords)));
    }
    throw new NotTrainable(`Cannot train with the initializer ${formatValue(value)}.`);
}

export function tfjsRegularizer(tf: typeof tfjs, value: Value): unknown {
    if (value === null) return undefined;
    const name = typeof value === 'string' ? value : isCall(value) ? snake(value.callee) : undefined;
    const keywords = isCall(value) ? value.keywords : {};
    const positional = isCall(value) ? value.positional : [];
    const amount = (key: string, index: number) => (typeof keywords[key] === 'number' ? keywords[key] : typeof positional[index] === 'number' ? positional[index] : 0.01) as number;
    switch (name) {
        case 'l1': return tf.regularizers.l1({ l1: amount('l1', 0) });
        case 'l2': return tf.regularizers.l2({ l2: amount('l2', 0) });
        case 'l1_l2': return tf.regularizers.l1l2({ l1: amount('l1', 0), l2: amount('l2', 1) });
        default: throw new NotTrainable(`tfjs has no regularizer ${formatValue(value)}; use "l1", "l2" or "l1_l2".`);
    }
}

export function tfjsConstraint(tf: typeof tfjs, value: Value): unknown {
    if (value === null) return undefined;
    const name = typeof value === 'string' ? value : isCall(value) ? snake(value.callee) : undefined;
    const config = isCall(value) ? camelKeys(value.keywords) : {};
    switch (name) {
        case 'max_norm': return tf.constraints.maxNorm(config as { maxValue: number });
        case 'non_neg': return tf.constraints.nonNeg();
        case 'unit_norm': return tf.constraints.unitNorm(config);
        case 'min_max_norm': return tf.constraints.minMaxNorm(config);
        default: throw new NotTrainable(`tfjs has no constraint ${formatValue(value)}.`);
    }
}

/** `GlorotUniform` → `glorot_uniform`, `L1L2` → `l1_l2`, `MaxNorm` → `max_norm`. */
function snake(name: string): string {
    return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2').replace(/([A-Z])([A-Z][a-z])/g, '$1_$2').toLowerCase().replace(/^l1l2$/, 'l1_l2');
}

function camelKeys(keywords: Readonly<Record<string, Value>>): Record<string, Value> {
    return Object.fromEntries(Object.entries(keywords).map(([k, v]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), v]));
}
