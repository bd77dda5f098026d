/**
 * How the catalog's layer kinds and statements are written in Keras code: the generic rules the
 * Keras bridge (language/src/keras) reads and writes by, so that importing and exporting come
 * from the one description of each kind. A kind needs no Keras-specific field unless Keras also
 * knows it by another class name.
 *
 *  - class: `layers.<name>` (keras.layers holds every kind, `Input` included);
 *  - wrapped layers (`Bidirectional(LSTM(30))`): the argument named by the kind's `wraps`;
 *  - arguments: those the model gives, Keras's defaults left out; the first of the
 *    signature by position when it is required (`LSTM(30)`, `Dropout(0.1)`), the others by keyword;
 *  - calls inside arguments (Adam, EarlyStopping, GlorotUniform): the `module` that their
 *    argument's type names (`keras.optimizers.Adam`).
 */
import type { BoundCall } from '../model/description.js';
import type { Value } from '../model/values.js';
import type { ArgType } from './arg-spec.js';
import { LAYER_KINDS, signatureOf, type LayerKind } from './index.js';
import { STATEMENT_KINDS, type StatementKind } from './statements.js';

export interface KerasForm {
    /** Other Keras class names of the kind (`MaxPool1D`), each with the arguments it names differently (`{ input_shape: 'shape' }`). */
    readonly aliases?: Readonly<Record<string, Readonly<Record<string, string>>>>;
}

/** Where Keras keeps the layer classes, as exported code imports it (`from keras import layers`). */
export const KERAS_LAYERS_MODULE = 'layers';

export function kerasLayerPath(kind: LayerKind): string {
    return `${KERAS_LAYERS_MODULE}.${kind.name}`;
}

/** The kind a Keras class name stands for, with the argument names to change: `MaxPool1D` is MaxPooling1D. */
export function findKerasLayer(className: string): { kind: LayerKind; renames: Readonly<Record<string, string>> } | undefined {
    for (const kind of LAYER_KINDS) {
        if (kind.name === className) return { kind, renames: {} };
        const renames = kind.keras?.aliases?.[className];
        if (renames) return { kind, renames };
    }
    return undefined;
}

export interface KerasArgument {
    readonly name: string;
    readonly positional: boolean;
}

/** The arguments Keras code spells out for a bound layer call, in the order they were written. */
export function kerasLayerArguments(kind: LayerKind, call: BoundCall): KerasArgument[] {
    const signature = signatureOf(kind);
    return call.given
        .filter(name => {
            const spec = signature.find(s => s.name === name);
            return !spec || spec.required || spec.requiredInKeras3 || !sameValue(call.args[name], spec.default);
        })
        .map(name => ({ name, positional: name === signature[0]?.name && signature[0].required === true }));
}

/** The same for `compile(...)` and `fit(...)`: every argument given by keyword, Keras's defaults left out. */
export function kerasStatementArguments(kind: StatementKind, call: BoundCall): KerasArgument[] {
    return call.given
        .filter(name => !sameValue(call.args[name], kind.args.find(s => s.name === name)?.default ?? null))
        .map(name => ({ name, positional: false }));
}

/** The Keras module of a callable named in the statements' argument types (`Adam` → `keras.optimizers`). */
export function kerasCallModule(callee: string): string | undefined {
    for (const statement of STATEMENT_KINDS) {
        for (const spec of statement.args) {
            const module = kerasModuleIn(spec.type, callee, false);
            if (module) return module;
        }
    }
    return undefined;
}

/**
 * The Keras module of a call written as a value of type `type`: the call types that list the
 * callee, or (`open`) the module of an `any` type (`kernel_initializer=GlorotUniform(seed=1)`).
 */
export function kerasModuleIn(type: ArgType, callee: string, open = true): string | undefined {
    switch (type.kind) {
        case 'call': return type.callees.includes(callee) ? type.module : undefined;
        case 'any': return open ? type.module : undefined;
        case 'optional': case 'list': return kerasModuleIn(type.of, callee, open);
        case 'oneOf': return type.of.map(t => kerasModuleIn(t, callee, open)).find(m => m !== undefined);
        default: return undefined;
    }
}

/** Plain values compare by their JSON form (they are plain JSON data). */
function sameValue(a: Value | undefined, b: Value | undefined): boolean {
    return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}
