/**
 * Small helpers for the catalog's `tfjs` builds: Keras's weight arguments in tfjs spelling,
 * and the checks that say before training what tfjs cannot do. No tfjs at run time (types only).
 */
import { formatValue, sequenceItems, type Value } from '../model/values.js';
import { NotTrainable, type OptionalCustomLayer, type TfjsBuildContext, type TfjsCustomLayers } from './tfjs-build.js';

/** A tfjs layer config: checked by tfjs itself when the layer is made. */
export type TfjsConfig = Record<string, unknown>;

/** `recurrent_initializer` → `recurrentInitializer`. */
export function camel(name: string): string {
    return name.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase());
}

/**
 * The `<w>_initializer`, `<w>_regularizer` and `<w>_constraint` of each Keras weight `w`, in
 * tfjs's spelling and objects; the ones the layer does not take are skipped.
 */
export function weightConfig(context: TfjsBuildContext, weights: readonly string[]): TfjsConfig {
    const config: TfjsConfig = {};
    for (const w of weights) {
        const init = context.args[`${w}_initializer`];
        if (init !== undefined) config[camel(`${w}_initializer`)] = context.initializer(init);
        const reg = context.args[`${w}_regularizer`];
        if (reg !== undefined && reg !== null) config[camel(`${w}_regularizer`)] = context.regularizer(reg);
        const con = context.args[`${w}_constraint`];
        if (con !== undefined && con !== null) config[camel(`${w}_constraint`)] = context.constraint(con);
    }
    return config;
}

/** Throws NotTrainable when `argument` is set (not None/default): tfjs has no equivalent. */
export function rejectIfSet(context: TfjsBuildContext, argument: string, why: string, unset: Value = null): void {
    const value = context.args[argument];
    if (value !== undefined && value !== unset) {
        throw new NotTrainable(`${argument}=${formatValue(value)}: ${why}`, argument);
    }
}

/** tfjs layers cannot run with an activity regularizer (tfjs: "not supported yet"). */
export function rejectActivityRegularizer(context: TfjsBuildContext): void {
    rejectIfSet(context, 'activity_regularizer',
        'tfjs cannot train a layer with an activity regularizer; remove it (or regularize the weights with kernel_regularizer) to train in RNN Lens.');
}

/** A tuple/list of ints (None kept as null). */
export function ints(value: Value | undefined): Array<number | null> {
    return (sequenceItems(value) ?? []).map(v => (typeof v === 'number' ? v : null));
}

export function num(value: Value | undefined): number {
    return typeof value === 'number' ? value : 0;
}

/** The extra layer `name` when training/ supplies it (RNN Lens's layers do), undefined otherwise. */
export function extraLayer<K extends OptionalCustomLayer>(context: TfjsBuildContext, name: K): TfjsCustomLayers[K] | undefined {
    const made = context.custom[name];
    return typeof made === 'function' ? made : undefined;
}

/** The extra layer `name`, or NotTrainable saying what cannot be built without it. */
export function requireExtra<K extends OptionalCustomLayer>(context: TfjsBuildContext, name: K, what: string): NonNullable<TfjsCustomLayers[K]> {
    const made = extraLayer(context, name);
    if (!made) throw new NotTrainable(`RNN Lens cannot train ${what}: tfjs has no equivalent layer.`);
    return made;
}
